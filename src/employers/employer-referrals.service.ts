import mongoose from 'mongoose';
import { recordAudit } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { forbidden, notFound, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { moveReferralStage } from '../referrals/referrals.service.js';
import { ALLOWED_TRANSITIONS, EMPLOYER_RECORDABLE_STAGES } from '../referrals/referral-stages.js';
import { ReferralModel, type ReferralRecord, type ReferralStage } from '../referrals/referrals.model.js';
import type { Actor } from '../users/roles.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { STAGES_HIDDEN_FROM_EMPLOYERS, YOUNG_PERSON_FIELDS_FOR_EMPLOYERS, isVisibleToEmployer, toEmployerReferralView, type YoungPersonForEmployer } from './employer-referral-view.js';
import { EMPLOYER_OUTCOMES, type EmployerOutcome, type EmployerReferralView, type ListEmployerReferralsQuery, type OutcomeInput } from './employer-referrals.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'deps'>;

/** The referral stage each employer outcome records. */
export const OUTCOME_STAGE: Record<EmployerOutcome, ReferralStage> = {
  informal_meeting_held: 'informal_meeting',
  work_trial_arranged: 'work_trial',
  offer_made: 'offered',
  started: 'started',
  not_progressed: 'unsuccessful',
};

/** The outcomes an employer may record next on a referral at `stage`: the transition table, in the employer's words. */
export function nextEmployerOutcomes(stage: ReferralStage): EmployerOutcome[] {
  return EMPLOYER_OUTCOMES.filter((outcome) => EMPLOYER_RECORDABLE_STAGES.includes(OUTCOME_STAGE[outcome]) && ALLOWED_TRANSITIONS[stage].includes(OUTCOME_STAGE[outcome]));
}

/** Most referrals an employer view reads at once; a single covenant organisation has far fewer. */
const MAX_REFERRALS_READ = 2000;

function organisationOf(actor: Actor): string {
  if (actor.role !== 'employer' || !actor.organisationId) throw forbidden();
  return actor.organisationId;
}

/** Referrals to the organisation's offers with the young person (allow-listed fields only) and offer each needs. */
async function loadVisible(organisationId: string, filter: Record<string, unknown>): Promise<EmployerReferralView[]> {
  // $and, so a stage asked for in `filter` narrows the hidden-stages condition instead of being overwritten by it.
  const referrals = await ReferralModel.find({ $and: [{ ...filter, organisationId }, { stage: { $nin: STAGES_HIDDEN_FROM_EMPLOYERS } }] })
    .sort({ lastMovedAt: -1, _id: 1 })
    .limit(MAX_REFERRALS_READ)
    .lean<ReferralRecord[]>();
  if (referrals.length === 0) return [];
  const [youngPeople, opportunities] = await Promise.all([
    YoungPersonModel.find({ _id: { $in: referrals.map((r) => r.youngPersonId) } }, YOUNG_PERSON_FIELDS_FOR_EMPLOYERS).lean<YoungPersonForEmployer[]>(),
    OpportunityModel.find({ _id: { $in: referrals.map((r) => r.opportunityId) } }, { title: 1, sector: 1, requiredQualifications: 1 }).lean<OpportunityRecord[]>(),
  ]);
  const personById = new Map(youngPeople.map((person) => [String(person._id), person]));
  const offerById = new Map(opportunities.map((offer) => [String(offer._id), offer]));
  return referrals.flatMap((referral) => {
    const person = personById.get(String(referral.youngPersonId));
    if (!person || !isVisibleToEmployer(referral, person)) return [];
    return [toEmployerReferralView(referral, person, offerById.get(String(referral.opportunityId)))];
  });
}

async function youngPersonIdsOf(referralIds: string[]): Promise<string[]> {
  const rows = await ReferralModel.find({ _id: { $in: referralIds } }, { youngPersonId: 1 }).lean<Pick<ReferralRecord, 'youngPersonId'>[]>();
  return [...new Set(rows.map((row) => String(row.youngPersonId)))];
}

/** Referrals to the employer's own offers, as much of each young person as they agreed to share (audited). */
export async function listEmployerReferrals(context: Context, query: ListEmployerReferralsQuery, via = 'GET /employer/referrals'): Promise<{ items: EmployerReferralView[]; total: number }> {
  const organisationId = organisationOf(context.actor);
  const filter: Record<string, unknown> = {};
  if (query.opportunityId) filter.opportunityId = query.opportunityId;
  if (query.stage) filter.stage = query.stage;
  const visible = await loadVisible(organisationId, filter);
  const items = visible.slice(query.offset, query.offset + query.limit);
  if (items.length) {
    const youngPersonIds = await youngPersonIdsOf(items.map((item) => item.id));
    await recordAudit(context, { action: 'list', resource: 'employer_referral', youngPersonIds, via });
  }
  return { items, total: visible.length };
}

/** One referral to the employer's own offers; 404 for any other, and for one the young person shares nothing of. */
export async function readEmployerReferral(context: Context, id: string, via = 'GET /employer/referrals/:id'): Promise<EmployerReferralView> {
  const organisationId = organisationOf(context.actor);
  const [view] = mongoose.isValidObjectId(id) ? await loadVisible(organisationId, { _id: id }) : [];
  if (!view) throw notFound('Referral');
  await recordAudit(context, { action: 'read', resource: 'employer_referral', resourceId: id, youngPersonIds: await youngPersonIdsOf([id]), via });
  return view;
}

/**
 * The employer records what happened (meeting held, trial arranged, offer made, started, not progressed).
 * The referrals capability moves the stage (a start takes a place atomically and records the incentive) and
 * writes the event that tells the young person's PA.
 */
export async function recordEmployerOutcome(context: Context, id: string, input: OutcomeInput): Promise<EmployerReferralView> {
  const organisationId = organisationOf(context.actor);
  const [visible] = mongoose.isValidObjectId(id) ? await loadVisible(organisationId, { _id: id }) : [];
  if (!visible) throw notFound('Referral');
  if (input.outcome === 'informal_meeting_held' && input.date && input.date > londonDateOf(context.now)) {
    throw validationFailed([{ path: 'date', message: 'must not be in the future: the meeting has been held' }]);
  }
  await moveReferralStage(context, id, { stage: OUTCOME_STAGE[input.outcome], eventDate: input.date, reason: input.reason }, { asEmployerOfOrganisationId: organisationId });
  return readEmployerReferral(context, id, 'POST /employer/referrals/:id/outcome');
}

/**
 * The organisation's employer incentives (due or claimed), only on referrals whose view shows one: the young
 * person shares something with employers and agreed the employer may know they are a care leaver (see
 * employer-referral-view.ts). Audited like the list of referrals.
 */
export async function listReceivedIncentives(context: Context): Promise<EmployerReferralView[]> {
  const organisationId = organisationOf(context.actor);
  const visible = await loadVisible(organisationId, { employerIncentiveStatus: { $in: ['due', 'claimed'] } });
  const items = visible.filter((view) => view.incentive !== null);
  if (items.length) {
    await recordAudit(context, { action: 'list', resource: 'employer_referral', youngPersonIds: await youngPersonIdsOf(items.map((item) => item.id)), via: 'GET /incentives' });
  }
  return items;
}

/** Whether this referral's incentive is one the employer may see (and so mark claimed); 404 otherwise. */
export async function assertIncentiveVisibleToEmployer(context: Context, referralId: string): Promise<void> {
  const organisationId = organisationOf(context.actor);
  const [view] = mongoose.isValidObjectId(referralId) ? await loadVisible(organisationId, { _id: referralId }) : [];
  if (!view?.incentive) throw notFound('Referral');
}
