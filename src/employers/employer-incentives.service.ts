import { recordAudit } from '../audit/audit.service.js';
import { notFound, unprocessable } from '../lib/errors.js';
import { readById } from '../lib/read-by-id.js';
import type { RequestContext } from '../lib/http/api.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { ReferralModel, type ReferralRecord } from '../referrals/referrals.model.js';
import type { EmployerIncentiveView } from './employer-referrals.schemas.js';
import { assertIncentiveVisibleToEmployer } from './employer-referrals.service.js';
import { OrganisationModel, type OrganisationRecord } from './organisations.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'deps'>;

/**
 * Employer incentives for council staff: recorded by the referrals capability when an apprentice starts, by
 * age on the start date (src/referrals/referral-places.ts): 16-18 due for every apprentice; 19-24 due only with
 * the young person's agreement that the employer may know they are a care leaver; 25 and over not due (not_due
 * carries the reason). Lists due and claimed by default, so unclaimed money is visible.
 */
export async function listEmployerIncentives(status: EmployerIncentiveView['status'] | undefined): Promise<EmployerIncentiveView[]> {
  const referrals = await ReferralModel.find({ employerIncentiveStatus: status ?? { $in: ['due', 'claimed'] } })
    .sort({ startDate: 1, _id: 1 })
    .limit(5000)
    .lean<ReferralRecord[]>();
  const organisationIds = [...new Set(referrals.flatMap((r) => (r.organisationId ? [String(r.organisationId)] : [])))];
  const [organisations, opportunities] = await Promise.all([
    OrganisationModel.find({ _id: { $in: organisationIds } }, { name: 1 }).lean<OrganisationRecord[]>(),
    OpportunityModel.find({ _id: { $in: referrals.map((r) => r.opportunityId) } }, { title: 1 }).lean<OpportunityRecord[]>(),
  ]);
  const organisationName = new Map(organisations.map((o) => [String(o._id), o.name]));
  const opportunityTitle = new Map(opportunities.map((o) => [String(o._id), o.title]));
  return referrals.map((referral) => toIncentiveView(referral, organisationName, opportunityTitle));
}

function toIncentiveView(referral: ReferralRecord, organisationName: Map<string, string>, opportunityTitle: Map<string, string>): EmployerIncentiveView {
  const organisationId = referral.organisationId ? String(referral.organisationId) : null;
  return {
    referralId: String(referral._id),
    referralCode: referral.referralCode,
    organisationId,
    organisationName: organisationId ? (organisationName.get(organisationId) ?? null) : null,
    opportunityId: String(referral.opportunityId),
    opportunityTitle: opportunityTitle.get(String(referral.opportunityId)) ?? null,
    startDate: referral.startDate ?? null,
    status: referral.employerIncentiveStatus as EmployerIncentiveView['status'],
    amountPence: referral.employerIncentiveAmountPence ?? null,
    reason: referral.employerIncentiveReason ?? null,
    claimedAt: referral.employerIncentiveClaimedAt ? referral.employerIncentiveClaimedAt.toISOString() : null,
  };
}

/**
 * Records that the employer claimed a due incentive; conditional on it being due, so it is claimed once. Council
 * staff may mark any; an employer user only their own organisation's, and only where the young person's consent
 * lets the employer see the incentive at all (anything else is 404, as if it did not exist).
 */
export async function markIncentiveClaimed(context: Context, referralId: string): Promise<EmployerIncentiveView> {
  const ownOrganisation = context.actor.role === 'employer' ? { organisationId: context.actor.organisationId } : {};
  if (context.actor.role === 'employer') await assertIncentiveVisibleToEmployer(context, referralId);
  const claimed = await ReferralModel.findOneAndUpdate(
    { _id: referralId, employerIncentiveStatus: 'due', ...ownOrganisation },
    { $set: { employerIncentiveStatus: 'claimed', employerIncentiveClaimedAt: context.now } },
    { returnDocument: 'after' },
  ).lean<ReferralRecord>();
  if (!claimed) {
    const existing = await readById<ReferralRecord>(ReferralModel, referralId, ownOrganisation, { employerIncentiveStatus: 1, organisationId: 1 });
    if (!existing) throw notFound('Referral');
    throw unprocessable(`No incentive is due on this referral (it is ${existing.employerIncentiveStatus?.replace('_', ' ') ?? 'not recorded'}), so it cannot be marked claimed.`);
  }
  await recordAudit(context, { action: 'update', resource: 'referral', resourceId: referralId, youngPersonIds: [String(claimed.youngPersonId)], fields: ['employerIncentiveStatus'], via: 'POST /employer-incentives/:referralId/claimed' });
  const [organisation, opportunity] = await Promise.all([
    claimed.organisationId ? OrganisationModel.findById(claimed.organisationId, { name: 1 }).lean<OrganisationRecord>() : null,
    OpportunityModel.findById(claimed.opportunityId, { title: 1 }).lean<OpportunityRecord>(),
  ]);
  const organisationName = new Map(organisation ? [[String(organisation._id), organisation.name]] : []);
  const opportunityTitle = new Map(opportunity ? [[String(opportunity._id), opportunity.title]] : []);
  return toIncentiveView(claimed, organisationName, opportunityTitle);
}
