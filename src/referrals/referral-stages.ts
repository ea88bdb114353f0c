/**
 * The referral funnel as one readable table. Seed 002 item 14 vi: "seven meetings led to four work
 * trials and two apprentices", so the steps are informal meeting, work trial, offer, start; DOMAIN.md
 * adds sustained (still there after 3 months) and the exits, each with a reason.
 */
import { REFERRAL_EXITS, type ReferralStage } from './referrals.model.js';

/** From each stage, where a referral may go next. Steps may be skipped (not every employer holds a trial). */
export const ALLOWED_TRANSITIONS: Readonly<Record<ReferralStage, readonly ReferralStage[]>> = {
  suggested: ['referred', 'declined', 'withdrawn'],
  referred: ['informal_meeting', 'work_trial', 'offered', 'declined', 'withdrawn', 'unsuccessful'],
  informal_meeting: ['work_trial', 'offered', 'declined', 'withdrawn', 'unsuccessful'],
  work_trial: ['offered', 'declined', 'withdrawn', 'unsuccessful'],
  offered: ['started', 'declined', 'withdrawn'],
  // Leaving before three months is recorded as withdrawn, with the reason; the place stays counted as filled.
  started: ['sustained', 'withdrawn'],
  sustained: [],
  declined: [],
  withdrawn: [],
  unsuccessful: [],
};

/**
 * What an employer of the opportunity's organisation may record: the meeting held, the trial arranged,
 * the offer made, the start, or "not progressed". Declining and withdrawing are the young person's and
 * the PA's to record.
 */
export const EMPLOYER_RECORDABLE_STAGES: readonly ReferralStage[] = ['informal_meeting', 'work_trial', 'offered', 'started', 'unsuccessful'];

/** Flexible success criteria (DOMAIN.md, measuring success): interviews attended and trials count even without a job. */
export const OUTCOME_STAGES: readonly ReferralStage[] = ['informal_meeting', 'work_trial', 'offered', 'started', 'sustained'];

/** DOMAIN.md: sustained means still there after 3 months. */
export const SUSTAINED_AFTER_MONTHS = 3;

export function isExit(stage: ReferralStage): boolean {
  return REFERRAL_EXITS.includes(stage);
}

export function canMove(from: ReferralStage, to: ReferralStage): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** The outcome stages a referral has passed through, in funnel order, from its history. */
export function outcomesReached(history: readonly { stage: string }[]): ReferralStage[] {
  const reached = new Set(history.map((change) => change.stage));
  return OUTCOME_STAGES.filter((stage) => reached.has(stage));
}

/** Which dated field each stage sets on the referral, so lists can show "work trial on ..." without the history. */
export const STAGE_DATE_FIELD: Partial<Record<ReferralStage, 'informalMeetingDate' | 'workTrialDate' | 'offeredDate' | 'startDate' | 'sustainedDate'>> = {
  informal_meeting: 'informalMeetingDate',
  work_trial: 'workTrialDate',
  offered: 'offeredDate',
  started: 'startDate',
  sustained: 'sustainedDate',
};
