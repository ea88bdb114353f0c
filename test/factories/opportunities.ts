import mongoose from 'mongoose';
import { OpportunityModel, type OpportunityRecord } from '../../src/opportunities/opportunities.model.js';
import { toStoredRequirement } from '../../src/qualifications/held-qualifications.js';
import { unique } from './index.js';

type IdFields = 'districtId' | 'organisationId' | 'createdByUserId' | 'approvedByUserId';

export interface OpenOpportunityOverrides extends Partial<Omit<OpportunityRecord, 'requiredQualifications' | '_id' | 'createdAt' | 'updatedAt' | IdFields>> {
  districtId?: string | null;
  organisationId?: string | null;
  createdByUserId?: string | null;
  approvedByUserId?: string | null;
  /** Subject and level; subjectKey is derived as the opportunities capability stores it. */
  requiredQualifications?: { subject: string; level: number; grade?: string | null; importance?: 'essential' | 'desirable' }[];
}

/**
 * An OPEN opportunity written straight to the database (the opportunities API belongs to another capability).
 * Defaults: a digital apprenticeship in no district and not remote (pass districtId or remote: true for it to
 * reach anyone), 1 place, closing 2026-07-31, starting 2026-09-01, ages 16-24 at start, both care statuses,
 * no qualifications required, anonymous profile needed. Returns the stored record as a plain object with `id`.
 */
export async function givenOpenOpportunity(overrides: OpenOpportunityOverrides = {}): Promise<OpportunityRecord & { id: string }> {
  const { requiredQualifications, ...rest } = overrides;
  const created = await OpportunityModel.create({
    kind: 'apprenticeship',
    title: unique('Apprentice'),
    providerName: unique('Provider'),
    sector: 'digital',
    level: 2,
    ringFenced: false,
    status: 'open',
    districtId: null,
    remote: false,
    places: 1,
    placesFilled: 0,
    closingDate: '2026-07-31',
    startDate: '2026-09-01',
    minAgeAtStart: 16,
    maxAgeAtStart: 24,
    eligibleCareStatus: 'both',
    sharingNeeded: 'anonymous_profile',
    approvedAt: new Date('2026-01-01T00:00:00Z'),
    ...rest,
    requiredQualifications: (requiredQualifications ?? []).map(toStoredRequirement),
  });
  const record = created.toObject() as OpportunityRecord;
  return { ...record, id: String(record._id) };
}

/** An id that is not any opportunity's. */
export const missingOpportunityId = () => String(new mongoose.Types.ObjectId());
