import type { Config } from '../config.js';
import { ReferralEventModel, type ReferralEventRecord } from '../referrals/referral-events.model.js';
import { ReferralModel, type ReferralRecord, type ReferralStage } from '../referrals/referrals.model.js';
import { deliverActivity } from './referral-activity.js';
import { referralStepNotices } from './referral-step-notices.js';

/** How far back the catch-up reads referral steps: long enough to cover a failed day, short enough not to surprise. */
const CATCH_UP_HOURS = 48;

/** The stage a referral was at before the change recorded at `at` to `stage` (null: the referral was made then). */
function stageBefore(history: ReferralRecord['history'], stage: string, at: Date): ReferralStage | null {
  const index = history.findIndex((change) => change.stage === stage && change.at.getTime() === at.getTime());
  return index > 0 ? (history[index - 1]!.stage as ReferralStage) : null;
}

/**
 * Tells the other side of every referral step of the last 48 hours, from referral_events. Steps are told as they
 * happen; this catches the few whose telling failed (logged, never failing the step). Notifications and emails
 * are keyed by the step, so steps already told store and send nothing again.
 */
export async function catchUpReferralSteps(config: Pick<Config, 'PUBLIC_BASE_URL'>, asAt: Date, now: Date): Promise<{ stored: number; queued: number }> {
  const since = new Date(asAt.getTime() - CATCH_UP_HOURS * 3_600_000);
  const events = await ReferralEventModel.find({ at: { $gte: since, $lte: asAt } }).lean<ReferralEventRecord[]>();
  if (events.length === 0) return { stored: 0, queued: 0 };
  const referrals = await ReferralModel.find({ _id: { $in: [...new Set(events.map((event) => String(event.referralId)))] } }).lean<ReferralRecord[]>();
  const byId = new Map(referrals.map((referral) => [String(referral._id), referral]));
  const notices = [];
  for (const event of events) {
    const referral = byId.get(String(event.referralId));
    if (!referral) continue;
    const step = { eventId: String(event._id), referral, previousStage: stageBefore(referral.history ?? [], event.stage, event.at), stage: event.stage as ReferralStage, eventDate: event.eventDate ?? null, byRole: event.byRole };
    notices.push(...(await referralStepNotices(step, event.at)));
  }
  return deliverActivity(config, notices, now);
}
