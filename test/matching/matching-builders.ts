/**
 * Builders for the pure matching engine: plain objects, no database. Defaults make a MATCH:
 * a 20-year-old care leaver in district A, interested in digital, holding Level 2 maths and English,
 * against an open digital apprenticeship in district A needing Level 2 maths.
 */
import type { DistrictGeography, MatchableOpportunity, MatchableYoungPerson } from '../../src/matching/matching.types.js';

export const TODAY = '2025-06-02';

let sequence = 0;
const next = (prefix: string) => `${prefix}-${String((sequence += 1)).padStart(4, '0')}`;

export function buildYoungPerson(overrides: Partial<MatchableYoungPerson> = {}): MatchableYoungPerson {
  return {
    id: next('yp'),
    dateOfBirth: '2005-03-15',
    careStatus: 'care_leaver',
    districtIds: ['A'],
    maxTravelKm: 20,
    interests: ['digital'],
    qualifications: [
      { subject: 'Maths', level: 2, grade: '5' },
      { subject: 'English', level: 2, grade: '4' },
    ],
    employerSharing: 'name_and_contact',
    ...overrides,
  };
}

export function buildOpportunity(overrides: Partial<MatchableOpportunity> = {}): MatchableOpportunity {
  return {
    id: next('opp'),
    kind: 'apprenticeship',
    title: 'Digital support apprentice',
    sector: 'digital',
    ringFenced: false,
    status: 'open',
    districtId: 'A',
    remote: false,
    places: 2,
    placesFilled: 0,
    closingDate: '2025-07-31',
    startDate: '2025-09-01',
    minAgeAtStart: 16,
    maxAgeAtStart: 24,
    eligibleCareStatus: 'both',
    requiredQualifications: [{ subject: 'maths', level: 2 }],
    sharingNeeded: 'anonymous_profile',
    ...overrides,
  };
}

/**
 * Distances set by hand, the same both ways: A-B 12 km, A-C 35 km, B-C 25 km, A-D 4 km, B-D 9 km,
 * C-D 31 km. A district is 0 km from itself; any other pair is unknown, so infinitely far.
 */
export const geography: DistrictGeography = (() => {
  const table = new Map<string, number>([
    ['A|B', 12],
    ['A|C', 35],
    ['B|C', 25],
    ['A|D', 4],
    ['B|D', 9],
    ['C|D', 31],
  ]);
  return {
    distanceKm(from: string, to: string): number {
      if (from === to) return 0;
      return table.get(`${from}|${to}`) ?? table.get(`${to}|${from}`) ?? Number.POSITIVE_INFINITY;
    },
  };
})();
