import type mongoose from 'mongoose';
import { londonDateOf } from '../lib/dates.js';
import { effectiveStatusFilter } from '../opportunities/opportunities.lifecycle.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import { OrganisationModel, type OrganisationRecord, type OrganisationStatus } from './organisations.model.js';
import type { OrganisationActivity } from './organisations.schemas.js';

/** A referral counts for the employer once the PA has put the young person forward (a suggestion is the PA's own shortlist). */
const PUT_FORWARD = { stage: { $ne: 'suggested' } };
/** A start counts whatever happened after it (sustained, or left later). */
const STARTED = { $or: [{ stage: { $in: ['started', 'sustained'] } }, { 'history.stage': 'started' }] };

type CountRow = { _id: mongoose.Types.ObjectId; count: number };

/** Counts per organisation with one $group each ($lookup is not available on FerretDB v1). */
async function countsByOrganisation(model: typeof OpportunityModel | typeof ReferralModel, organisationIds: mongoose.Types.ObjectId[], match: Record<string, unknown>): Promise<Map<string, number>> {
  const rows = await (model as typeof ReferralModel).aggregate<CountRow>([
    { $match: { $and: [{ organisationId: { $in: organisationIds } }, match] } },
    { $group: { _id: '$organisationId', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [String(row._id), row.count]));
}

/**
 * The council's view of the Covenant locally: each organisation with its status, open offers, referrals and
 * starts, so the council sees which signatories are active.
 */
export async function listCovenantActivity(now: Date, filter: { status?: OrganisationStatus | undefined }): Promise<OrganisationActivity[]> {
  const organisations = await OrganisationModel.find(filter.status ? { status: filter.status } : {}).sort({ name: 1, _id: 1 }).limit(5000).lean<OrganisationRecord[]>();
  const ids = organisations.map((organisation) => organisation._id);
  const [openOffers, referrals, starts] = await Promise.all([
    countsByOrganisation(OpportunityModel, ids, effectiveStatusFilter('open', londonDateOf(now))),
    countsByOrganisation(ReferralModel, ids, PUT_FORWARD),
    countsByOrganisation(ReferralModel, ids, STARTED),
  ]);
  return organisations.map((organisation) => {
    const id = String(organisation._id);
    return {
      id,
      name: organisation.name,
      sector: organisation.sector as OrganisationActivity['sector'],
      size: organisation.size as OrganisationActivity['size'],
      districtId: String(organisation.districtId),
      status: organisation.status as OrganisationStatus,
      covenantSignedOn: organisation.covenant.signedOn,
      openOffers: openOffers.get(id) ?? 0,
      referrals: referrals.get(id) ?? 0,
      starts: starts.get(id) ?? 0,
    };
  });
}
