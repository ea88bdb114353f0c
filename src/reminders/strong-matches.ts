import type { LocalDate } from '../lib/dates.js';
import { rankCandidatesForOpportunity, type DistrictGeography, type MatchableOpportunity, type MatchableYoungPerson } from '../matching/index.js';
import type { OpportunityRecord } from '../opportunities/opportunities.model.js';
import type { Sector } from '../opportunities/sectors.js';

/**
 * "Strongly matches": a full match (every hard rule and qualification met) in an area of work the young person
 * said they want, among the opening's best few. A PA can act on a handful of names, not on hundreds.
 */
export const STRONG_MATCHES_PER_OPENING = 10;

export interface StrongMatch {
  opportunityId: string;
  youngPerson: { id: string; firstName: string; personalAdviserId: string };
}

/** The young-person fields matching needs (the scan reads these as well as its own). */
export const MATCH_FIELDS = { firstName: 1, preferredName: 1, dateOfBirth: 1, careStatus: 1, homeDistrictId: 1, preferredDistrictIds: 1, maxTravelKm: 1, interests: 1, qualifications: 1, employerSharing: 1, personalAdviserId: 1 } as const;

export interface MatchFieldsRecord {
  _id: unknown;
  firstName: string;
  preferredName?: string | null;
  dateOfBirth: string;
  careStatus: string;
  homeDistrictId: unknown;
  preferredDistrictIds?: unknown[];
  maxTravelKm: number;
  interests?: string[];
  qualifications?: { subject: string; level: number; grade?: string | null; confirmed?: boolean | null }[];
  employerSharing: string;
  personalAdviserId: unknown;
}

function toMatchableOpportunity(record: OpportunityRecord): MatchableOpportunity {
  return {
    id: String(record._id), kind: record.kind as MatchableOpportunity['kind'], title: record.title, sector: (record.sector ?? null) as Sector | null, ringFenced: record.ringFenced,
    status: record.status as MatchableOpportunity['status'], districtId: record.districtId ? String(record.districtId) : null, remote: record.remote, places: record.places, placesFilled: record.placesFilled,
    closingDate: record.closingDate ?? null, startDate: record.startDate ?? null, minAgeAtStart: record.minAgeAtStart ?? null, maxAgeAtStart: record.maxAgeAtStart ?? null,
    eligibleCareStatus: record.eligibleCareStatus as MatchableOpportunity['eligibleCareStatus'], requiredQualifications: record.requiredQualifications.map(({ subject, level }) => ({ subject, level })),
    sharingNeeded: record.sharingNeeded as MatchableOpportunity['sharingNeeded'],
  };
}

function toMatchableYoungPerson(record: MatchFieldsRecord): MatchableYoungPerson {
  return {
    id: String(record._id), dateOfBirth: record.dateOfBirth, careStatus: record.careStatus as MatchableYoungPerson['careStatus'],
    districtIds: [String(record.homeDistrictId), ...(record.preferredDistrictIds ?? []).map(String)], maxTravelKm: record.maxTravelKm,
    interests: (record.interests ?? []) as Sector[], qualifications: (record.qualifications ?? []).map(({ subject, level, confirmed }) => ({ subject, level, ...(confirmed === false ? { confirmed: false } : {}) })),
    employerSharing: record.employerSharing as MatchableYoungPerson['employerSharing'],
  };
}

/** The areas of work of openings that can have strong matches: the scan reads young people interested in them. */
export function sectorsOf(openings: readonly OpportunityRecord[]): Sector[] {
  return [...new Set(openings.flatMap((opening) => (opening.sector ? [opening.sector as Sector] : [])))];
}

/**
 * The strong matches for openings that close soon, among `people` (the scan's one read of young people, which
 * includes everyone interested in these openings' areas of work). Openings with no sector have none.
 */
export function strongMatchesFor(openings: readonly OpportunityRecord[], people: readonly MatchFieldsRecord[], geography: DistrictGeography, today: LocalDate): StrongMatch[] {
  if (openings.length === 0) return [];
  const byId = new Map(people.map((record) => [String(record._id), record]));
  const candidates = people.map(toMatchableYoungPerson);
  const matches: StrongMatch[] = [];
  for (const opening of openings) {
    if (!opening.sector) continue;
    const interested = candidates.filter((person) => person.interests.includes(opening.sector as Sector));
    const ranked = rankCandidatesForOpportunity(toMatchableOpportunity(opening), interested, geography, today);
    const strong = ranked.matches.filter((match) => match.reasons.some((reason) => reason.code === 'sector_interest')).slice(0, STRONG_MATCHES_PER_OPENING);
    for (const match of strong) {
      const record = byId.get(match.youngPersonId)!;
      matches.push({ opportunityId: String(opening._id), youngPerson: { id: match.youngPersonId, firstName: record.preferredName || record.firstName, personalAdviserId: String(record.personalAdviserId) } });
    }
  }
  return matches;
}
