import { londonDateOf } from '../lib/dates.js';
import type { OpportunityAction } from '../opportunities/opportunities.lifecycle.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import type { Config } from '../config.js';
import { deliverActivity, organisationUsers, tellSafely, type ActivityContext, type ActivityNotice } from './referral-activity.js';

type Offer = Pick<OpportunityRecord, '_id' | 'title' | 'organisationId' | 'statusChangedAt' | 'sentBackReason' | 'closingDate'>;

const NOTICE_FOR: Partial<Record<OpportunityAction, Pick<ActivityNotice, 'kind' | 'urgency'>>> = {
  approve: { kind: 'offer_approved', urgency: 'for_information' },
  publish: { kind: 'offer_approved', urgency: 'for_information' },
  send_back: { kind: 'offer_sent_back', urgency: 'soon' },
  close: { kind: 'offer_closed', urgency: 'for_information' },
  withdraw: { kind: 'offer_closed', urgency: 'for_information' },
  expire: { kind: 'offer_closed', urgency: 'for_information' },
};

/**
 * The organisation's users hear when someone else moves their offer: council staff approve it, send it back
 * (with the reason, which is about the offer), close or withdraw it, or it closes at its closing date. Moves by
 * the organisation's own users, and the council's own offers, tell nobody.
 */
export async function offerMoveNotices(offer: Offer, action: OpportunityAction, movedBy: 'employer' | 'council' | 'system'): Promise<ActivityNotice[]> {
  const notice = NOTICE_FOR[action];
  if (!notice || movedBy === 'employer' || !offer.organisationId) return [];
  const changedAt = offer.statusChangedAt ?? new Date(0);
  // An offer closed by the job closed at the end of its closing date, whenever the job ran.
  const date = action === 'expire' && offer.closingDate ? offer.closingDate : londonDateOf(changedAt);
  const offerId = String(offer._id);
  return [{
    ...notice, variant: action, audience: 'employer', recipientUserIds: await organisationUsers(offer.organisationId),
    subjectKey: `opportunity:${offerId}/${action}:${changedAt.toISOString()}`, youngPersonId: null, date,
    facts: { opportunityTitle: offer.title, date, ...(action === 'send_back' && offer.sentBackReason ? { reason: offer.sentBackReason } : {}) }, link: `/opportunities/${offerId}`,
  }];
}

/** Tells the organisation of a move of its offer; never fails the move (see tellSafely). */
export function tellOfOfferMove(context: ActivityContext, offer: Offer, action: OpportunityAction): Promise<void> {
  const movedBy = !context.actor ? 'system' : context.actor.role === 'employer' ? 'employer' : 'council';
  return tellSafely(context, `opportunity:${String(offer._id)}`, () => offerMoveNotices(offer, action, movedBy));
}

/** How far back the closing-date job looks for offers it closed, so a run that died before telling is caught up. */
const EXPIRY_CATCH_UP_DAYS = 7;

/**
 * After the closing-date job: tells each organisation of its offers closed at their closing date recently.
 * Each closure is told once whatever the number of runs (the notification's natural key includes when it closed).
 */
export async function tellOfExpiredOffers(config: Pick<Config, 'PUBLIC_BASE_URL'>, asAt: Date, now: Date): Promise<{ stored: number; queued: number }> {
  const since = new Date(asAt.getTime() - EXPIRY_CATCH_UP_DAYS * 86_400_000);
  const offers = await OpportunityModel.find({ status: 'closed', closedReason: 'closing_date', organisationId: { $ne: null }, statusChangedAt: { $gte: since } }, { title: 1, organisationId: 1, statusChangedAt: 1, sentBackReason: 1, closingDate: 1 }).lean<Offer[]>();
  const notices = (await Promise.all(offers.map((offer) => offerMoveNotices(offer, 'expire', 'system')))).flat();
  return deliverActivity(config, notices, now);
}
