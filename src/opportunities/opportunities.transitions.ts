import { recordAudit } from '../audit/audit.service.js';
import { dayMonthYear, londonDateOf } from '../lib/dates.js';
import { badRequest, forbidden, unprocessable, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { assertMayGoLive, assertNotSuspended, findOrganisation } from './offer-organisations.js';
import { TRANSITIONS, effectiveStatus, effectiveStatusFilter, partiesFor, refusalFor, type OpportunityAction } from './opportunities.lifecycle.js';
import { OpportunityModel, type OpportunityRecord } from './opportunities.model.js';
import { closingDateLeadProblems, offerProblems } from './opportunities.rules.js';
import { sendBackSnapshot } from './send-back-snapshot.js';
import type { OpportunityView } from './opportunities.schemas.js';
import { CHANGED_MEANWHILE, getOpportunityInScope, shapeOf, updateOpportunity, withdrawOffersOfSuspendedOrganisation } from './opportunities.service.js';
import { toOpportunityView } from './opportunities.view.js';
import { tellOfOfferMove } from '../notifications/offer-move-notices.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'deps'>;

/** Moves an offer along the lifecycle table, if the actor is a party to that move and the offer is where the move starts. */
async function moveOffer(context: Context, id: string, action: OpportunityAction, extra: Record<string, unknown> = {}, push?: Record<string, unknown>): Promise<OpportunityView> {
  const { actor, now } = context;
  const offer = await getOpportunityInScope(actor, id);
  const transition = TRANSITIONS[action];
  const parties = partiesFor(actor, offer);
  if (!transition.by.some((party) => parties.includes(party))) throw forbidden(action === 'approve' || action === 'send_back' ? 'Only council staff approve offers or send them back.' : undefined);
  const today = londonDateOf(now);
  const current = effectiveStatus(offer, today);
  const refusal = refusalFor(action, current);
  if (refusal) throw unprocessable(refusal, { status: current });
  if (action === 'submit' && offer.organisationId) assertNotSuspended(await findOrganisation(String(offer.organisationId)));
  if (transition.to === 'open' || transition.to === 'pending_approval') {
    const problems = offerProblems(shapeOf(offer), today, true);
    // Submitting, or opening without a submission, is when the closing date's lead is measured (GOV.UK).
    if (action === 'submit' || action === 'publish') problems.push(...closingDateLeadProblems(offer.closingDate ?? null, today, context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS));
    if (problems.length) throw validationFailed(problems);
  }
  if (transition.to === 'open') await assertMayGoLive(offer.organisationId);
  const updated = await OpportunityModel.findOneAndUpdate(
    { $and: [{ _id: id }, effectiveStatusFilter(current, today)] },
    { $set: { status: transition.to, statusChangedAt: now, ...extra }, ...(push ? { $push: push } : {}) },
    { returnDocument: 'after' },
  ).lean<OpportunityRecord>();
  if (!updated) throw CHANGED_MEANWHILE();
  await recordAudit(context, { action: 'update', resource: 'opportunity', resourceId: id, youngPersonIds: [], fields: ['status'], via: `POST /opportunities/:id/${action}` });
  // No transactions: if the organisation was suspended between the check and the update, undo at once.
  if (transition.to === 'open' && updated.organisationId && (await findOrganisation(String(updated.organisationId)))?.status === 'suspended') {
    await withdrawOffersOfSuspendedOrganisation(String(updated.organisationId), now);
    throw unprocessable('The organisation was suspended meanwhile, so the offer was withdrawn instead of opened.');
  }
  // The organisation hears when council staff approve, send back, close or withdraw its offer.
  await tellOfOfferMove(context, updated, action);
  return toOpportunityView(updated, today);
}

export const submitOpportunity = (context: Context, id: string) => moveOffer(context, id, 'submit', { submittedAt: context.now, sentBackReason: null, sentBackFields: [] });

/** Approves a submitted offer; council staff may also open a draft directly (their own offers need no second look). */
export async function approveOpportunity(context: Context, id: string): Promise<OpportunityView> {
  const offer = await getOpportunityInScope(context.actor, id);
  const action = offer.status === 'draft' ? 'publish' : 'approve';
  return moveOffer(context, id, action, { approvedAt: context.now, approvedByUserId: context.actor.userId, sentBackReason: null, sentBackFields: [], sendBackSnapshot: null });
}

/**
 * Sends an offer back with a reason and, optionally, the fields that need changing; keeps its fields as they are
 * so the reviewer later sees what changed, and adds the send-back to the offer's history (which resubmitting keeps).
 */
export async function sendBackOpportunity(context: Context, id: string, reason: string, fields: readonly string[] = []): Promise<OpportunityView> {
  const offer = await getOpportunityInScope(context.actor, id);
  const named = [...new Set(fields)];
  const sendBack = { at: context.now, byUserId: context.actor.userId, reason, fields: named };
  return moveOffer(context, id, 'send_back', { sentBackReason: reason, sentBackFields: named, sendBackSnapshot: sendBackSnapshot(offer as unknown as Record<string, unknown>) }, { sendBacks: sendBack });
}

/** The employer takes a submitted offer back to draft to change it; it leaves the approval queue. */
export const takeBackOpportunity = (context: Context, id: string) => moveOffer(context, id, 'take_back', { submittedAt: null });
export const closeOpportunity = (context: Context, id: string) => moveOffer(context, id, 'close', { closedReason: 'by_hand' });
export const withdrawOpportunity = (context: Context, id: string) => moveOffer(context, id, 'withdraw', { closedReason: 'by_hand' });

/** Extends the closing date of an open offer; not a material change, so it stays live. */
export async function extendClosingDate(context: Context, id: string, closingDate: string): Promise<OpportunityView> {
  const offer = await getOpportunityInScope(context.actor, id);
  const current = effectiveStatus(offer, londonDateOf(context.now));
  // Extending is not a lifecycle move (the offer stays open), so it has its own wording rather than the close refusal's.
  if (current !== 'open') throw unprocessable(`This offer is ${current.replaceAll('_', ' ')}, so its closing date cannot be extended: only an open offer's can.`, { status: current });
  if (offer.closingDate && closingDate <= offer.closingDate) throw badRequest(`The new closing date must be after the current one, ${dayMonthYear(offer.closingDate)}; to close early, close the offer.`);
  return updateOpportunity(context, id, { closingDate });
}
