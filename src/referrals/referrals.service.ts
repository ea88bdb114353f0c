import { randomInt } from 'node:crypto';
import mongoose from 'mongoose';
import { recordAudit } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { conflict, forbidden, notFound, unprocessable } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { evaluate } from '../matching/evaluate.js';
import { EXCLUSION_RULES } from '../matching/matching.rules.js';
import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from '../matching/matching.service.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { getYoungPersonInScope } from '../young-people/young-people.service.js';
import { tellOfReferralStep } from '../notifications/referral-step-notices.js';
import { ReferralEventModel } from './referral-events.model.js';
import { findReferral, referralScope } from './referrals.access.js';
import { ReferralModel, type ReferralRecord } from './referrals.model.js';
import type { CreateReferralInput, ListReferralsQuery, ReferralView } from './referrals.schemas.js';
import { toReferralView } from './referrals.view.js';

export { moveReferralStage } from './referral-stage-moves.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** No 0/O or 1/I/L: a code read out over the phone to an employer must not be misheard. 32^8 ≈ 10^12 codes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newReferralCode(): string {
  let code = 'R-';
  for (let i = 0; i < 8; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

const SHARING_WORDS: Record<string, string> = { nothing: 'nothing', none: 'nothing', anonymous_profile: 'an anonymous profile', name_and_contact: 'their name and contact details' };

/**
 * The same hard rules as matching, through the engine's evaluate(): a referral the matches page would not
 * offer is refused with 409 and the rules that failed. A near miss (one requirement unmet: a qualification, or a ring-fenced place's interest) may be referred.
 */
async function assertReferable(youngPerson: Parameters<typeof toMatchableYoungPerson>[0], opportunity: OpportunityRecord, now: Date): Promise<void> {
  if (opportunity.status !== 'open') throw unprocessable(`This opportunity is not open for referrals (it is ${opportunity.status.replace('_', ' ')}).`, { excludedBy: ['not_open'] });
  const person = toMatchableYoungPerson(youngPerson);
  const opening = toMatchableOpportunity(opportunity);
  const { geography } = await loadGeography([...person.districtIds, ...(opening.districtId ? [opening.districtId] : [])]);
  const result = evaluate(person, opening, geography, londonDateOf(now));
  if (result.outcome !== 'excluded') return;
  if (result.excludedBy.includes('sharing_not_agreed')) {
    throw unprocessable(`The young person agreed to share ${SHARING_WORDS[person.employerSharing]} with employers; this opening needs ${SHARING_WORDS[opening.sharingNeeded]}. Talk to them about consent first.`, { excludedBy: result.excludedBy });
  }
  throw unprocessable(`The young person cannot be referred: ${result.excludedBy.map((code) => EXCLUSION_RULES[code].toLowerCase()).join('; ')}.`, { excludedBy: result.excludedBy });
}

const isDuplicateOf = (error: unknown, field: string) => (error as { code?: number; keyPattern?: Record<string, unknown> }).code === 11000 && field in ((error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {});
const ALREADY_REFERRED = 'This young person already has a referral for this opportunity; move that referral on instead.';

/** A PA puts a young person from their caseload forward (a manager or admin may too, within their scope). */
export async function createReferral(context: Context & Pick<RequestContext, 'deps'>, input: CreateReferralInput): Promise<ReferralView> {
  const youngPerson = await getYoungPersonInScope(context.actor, input.youngPersonId);
  const opportunity = await OpportunityModel.findById(input.opportunityId).lean<OpportunityRecord>();
  if (!opportunity) throw notFound('Opportunity');
  if (await ReferralModel.exists({ youngPersonId: input.youngPersonId, opportunityId: input.opportunityId })) throw conflict(ALREADY_REFERRED);
  await assertReferable(youngPerson, opportunity, context.now);

  const today = londonDateOf(context.now);
  let created: ReferralRecord | undefined;
  for (let attempt = 0; !created; attempt += 1) {
    try {
      const doc = await ReferralModel.create({
        youngPersonId: youngPerson._id,
        opportunityId: opportunity._id,
        organisationId: opportunity.organisationId ?? null,
        personalAdviserId: youngPerson.personalAdviserId,
        team: youngPerson.team,
        referralCode: newReferralCode(),
        stage: input.stage,
        history: [{ stage: input.stage, at: context.now, byUserId: context.actor.userId, byRole: context.actor.role, eventDate: today }],
        lastMovedAt: context.now,
        note: input.note ?? null,
      });
      created = doc.toObject() as ReferralRecord;
    } catch (error) {
      if (isDuplicateOf(error, 'youngPersonId')) throw conflict(ALREADY_REFERRED);
      if (!isDuplicateOf(error, 'referralCode') || attempt >= 4) throw error;
    }
  }
  const ids = { referralId: created._id, youngPersonId: created.youngPersonId, personalAdviserId: created.personalAdviserId, opportunityId: created.opportunityId };
  const event = await ReferralEventModel.create({ ...ids, stage: input.stage, eventDate: today, at: context.now, byUserId: context.actor.userId, byRole: context.actor.role });
  await recordAudit(context, { action: 'create', resource: 'referral', resourceId: String(created._id), youngPersonIds: [input.youngPersonId], fields: Object.keys(input), via: 'POST /referrals' });
  // The employer hears of a young person put forward to their offer (as much as the young person shares).
  await tellOfReferralStep(context, { eventId: String(event._id), referral: created, previousStage: null, stage: input.stage, eventDate: today, byRole: context.actor.role });
  return toReferralView(created);
}

export async function readReferral(context: Context, id: string): Promise<ReferralView> {
  const referral = await findReferral(id, referralScope(context.actor));
  if (!referral) throw notFound('Referral');
  await recordAudit(context, { action: 'read', resource: 'referral', resourceId: id, youngPersonIds: [String(referral.youngPersonId)], via: 'GET /referrals/:id' });
  return toReferralView(referral);
}

export async function listReferrals(context: Context, query: ListReferralsQuery): Promise<{ items: ReferralView[]; total: number }> {
  const scope = referralScope(context.actor);
  if (!scope) throw forbidden();
  const filter: Record<string, unknown> = { ...scope };
  for (const key of ['stage', 'opportunityId', 'youngPersonId', 'personalAdviserId'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    // A filter may narrow the scope but never widen it: a PA asking for another PA's referrals gets none.
    if (key === 'personalAdviserId' && scope.personalAdviserId && scope.personalAdviserId !== value) return { items: [], total: 0 };
    filter[key] = key === 'stage' ? value : new mongoose.Types.ObjectId(value);
  }
  const [records, total] = await Promise.all([
    ReferralModel.find(filter).sort({ lastMovedAt: -1, _id: 1 }).skip(query.offset).limit(query.limit).lean<ReferralRecord[]>(),
    ReferralModel.countDocuments(filter),
  ]);
  const youngPersonIds = [...new Set(records.map((r) => String(r.youngPersonId)))];
  if (youngPersonIds.length) await recordAudit(context, { action: 'list', resource: 'referral', youngPersonIds, via: 'GET /referrals' });
  return { items: records.map(toReferralView), total };
}
