/** Records from the database mapped onto the matching engine's inputs, and the districts as its geography. */
import { DistrictModel } from '../districts/districts.model.js';
import type { OpportunityRecord } from '../opportunities/opportunities.model.js';
import type { Sector } from '../opportunities/sectors.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';
import type { CareStatus } from '../young-people/ssda903.js';
import { createDistrictGeography } from './geography.js';
import type { DistrictGeography, EmployerSharing, MatchableOpportunity, MatchableYoungPerson } from './matching.types.js';

export function toMatchableYoungPerson(record: YoungPersonRecord): MatchableYoungPerson {
  return {
    id: String(record._id),
    dateOfBirth: record.dateOfBirth,
    careStatus: record.careStatus as CareStatus,
    districtIds: [String(record.homeDistrictId), ...(record.preferredDistrictIds ?? []).map(String)],
    maxTravelKm: record.maxTravelKm,
    interests: (record.interests ?? []) as Sector[],
    qualifications: (record.qualifications ?? []).map((q) => ({ subject: q.subject, level: q.level, ...(q.grade ? { grade: q.grade } : {}), ...(q.confirmed === false ? { confirmed: false } : {}) })),
    employerSharing: record.employerSharing as EmployerSharing,
  };
}

export function toMatchableOpportunity(record: OpportunityRecord): MatchableOpportunity {
  return {
    id: String(record._id),
    kind: record.kind as MatchableOpportunity['kind'],
    title: record.title,
    sector: (record.sector ?? null) as Sector | null,
    ringFenced: record.ringFenced || record.kind === 'ring_fenced_apprenticeship',
    status: record.status as MatchableOpportunity['status'],
    districtId: record.districtId ? String(record.districtId) : null,
    // A national offer is available to all: for travel it is as a remote one.
    remote: record.remote || Boolean(record.national),
    places: record.places,
    placesFilled: record.placesFilled,
    closingDate: record.closingDate ?? null,
    startDate: record.startDate ?? null,
    minAgeAtStart: record.minAgeAtStart ?? null,
    maxAgeAtStart: record.maxAgeAtStart ?? null,
    eligibleCareStatus: record.eligibleCareStatus as MatchableOpportunity['eligibleCareStatus'],
    requiredQualifications: (record.requiredQualifications ?? []).map((q) => ({ subject: q.subject, level: q.level, ...(q.importance === 'desirable' ? { importance: 'desirable' as const } : {}) })),
    sharingNeeded: record.sharingNeeded as MatchableOpportunity['sharingNeeded'],
  };
}

/** District centroids as the engine's geography: all of them (a few hundred, loaded per request), or only `ids`. */
export async function loadGeography(ids?: string[]): Promise<{ geography: DistrictGeography; districtIds: string[] }> {
  const districts = await DistrictModel.find(ids ? { _id: { $in: [...new Set(ids)] } } : {}, { latitude: 1, longitude: 1 }).lean();
  const centroids = districts.map((d) => ({ id: String(d._id), lat: d.latitude, lng: d.longitude }));
  return { geography: createDistrictGeography(centroids), districtIds: centroids.map((c) => c.id) };
}

