import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/matching/evaluate.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import type { MatchResult } from '../../src/matching/matching.types.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

function matchOf(result: ReturnType<typeof evaluate>): MatchResult {
  if (result.outcome === 'excluded') throw new Error(`excluded: ${result.excludedBy.join(', ')}`);
  return result;
}

describe('explanations', () => {
  it('when an opening fits on every count, then each reason is listed with its points, highest first, adding up to the score', () => {
    const youngPerson = buildYoungPerson({ qualifications: [{ subject: 'Maths', level: 3 }], maxTravelKm: 20 });
    const opportunity = buildOpportunity({ ringFenced: true, districtId: 'D', closingDate: '2025-06-05' });
    const result = matchOf(evaluate(youngPerson, opportunity, geography, TODAY));
    expect(result.reasons).toEqual([
      { code: 'sector_interest', points: 40, text: 'Interested in digital' },
      {
        code: 'ring_fenced',
        points: 30,
        text: 'Ring-fenced for children in care and care leavers: offered to them before anyone else',
      },
      { code: 'distance', points: 20, text: 'About 4 km from their nearest district (they travel up to 20 km)' },
      { code: 'qualification_above', points: 15, text: 'Has Level 3 maths, above the Level 2 needed' },
      { code: 'closing_within_7_days', points: 10, text: 'Closes in 3 days (2025-06-05): refer soon' },
    ]);
    expect(result.score).toBe(115);
  });

  it('when the sector is not one of their interests, then that is said, with no points', () => {
    const result = matchOf(evaluate(buildYoungPerson({ interests: ['care_services'] }), buildOpportunity(), geography, TODAY));
    expect(result.reasons).toContainEqual({
      code: 'sector_not_of_interest',
      points: 0,
      text: 'Not one of their stated interests (digital)',
    });
  });

  it.each([
    [0, 20, 'In one of their districts (they travel up to 40 km)', 'A'],
    [12, 10, 'About 12 km from their nearest district (they travel up to 40 km)', 'B'],
    [35, 0, 'About 35 km from their nearest district (they travel up to 40 km)', 'C'],
  ] as const)('when the opening is %s km away, then distance earns %s points', (_km, points, text, districtId) => {
    const result = matchOf(evaluate(buildYoungPerson({ maxTravelKm: 40 }), buildOpportunity({ districtId }), geography, TODAY));
    expect(result.reasons).toContainEqual({ code: 'distance', points, text });
  });

  it('when the opening is remote, then it earns the full distance points', () => {
    const result = matchOf(evaluate(buildYoungPerson(), buildOpportunity({ remote: true, districtId: null }), geography, TODAY));
    expect(result.reasons).toContainEqual({ code: 'remote', points: 20, text: 'Remote: no travel needed' });
  });

  it.each([
    ['2025-06-02', 10, 'closing_within_7_days'],
    ['2025-06-09', 10, 'closing_within_7_days'],
    ['2025-06-10', 5, 'closing_within_14_days'],
    ['2025-06-16', 5, 'closing_within_14_days'],
    ['2025-06-17', 0, null],
  ] as const)('when the closing date is %s (today 2 June), then urgency earns %s points', (closingDate, points, code) => {
    const result = matchOf(evaluate(buildYoungPerson(), buildOpportunity({ closingDate }), geography, TODAY));
    const urgency = result.reasons.filter((r) => r.code.startsWith('closing_'));
    expect(urgency).toEqual(code === null ? [] : [expect.objectContaining({ code, points })]);
  });
});

describe('ordering', () => {
  it('when opportunities score differently, then the best comes first, near misses listed apart', () => {
    const youngPerson = buildYoungPerson({ qualifications: [{ subject: 'maths', level: 2 }] });
    const plain = buildOpportunity({ id: 'o-plain' });
    const ringFenced = buildOpportunity({ id: 'o-ring', ringFenced: true });
    const otherSector = buildOpportunity({ id: 'o-other', sector: 'care_services' });
    const nearMiss = buildOpportunity({ id: 'o-near', requiredQualifications: [{ subject: 'English', level: 2 }] });
    const excluded = buildOpportunity({ id: 'o-closed', status: 'closed' });
    const list = matchOpportunitiesForYoungPerson(youngPerson, [plain, nearMiss, otherSector, excluded, ringFenced], geography, TODAY);
    expect(list.matches.map((m) => m.opportunityId)).toEqual(['o-ring', 'o-plain', 'o-other']);
    expect(list.matches.map((m) => m.score)).toEqual([100, 70, 30]);
    expect(list.nearMisses.map((m) => [m.opportunityId, m.outcome, m.missing])).toEqual([
      ['o-near', 'near_miss', [{ subject: 'english', level: 2 }]],
    ]);
  });

  it('when scores tie, then the sooner closing date comes first, no closing date last, then by id', () => {
    const youngPerson = buildYoungPerson();
    // Closing dates far enough away to earn no urgency points, so all four score the same.
    const opportunities = [
      buildOpportunity({ id: 'o-4', closingDate: null }),
      buildOpportunity({ id: 'o-3', closingDate: '2025-08-31' }),
      buildOpportunity({ id: 'o-2', closingDate: '2025-07-31' }),
      buildOpportunity({ id: 'o-1', closingDate: '2025-08-31' }),
    ];
    const { matches } = matchOpportunitiesForYoungPerson(youngPerson, opportunities, geography, TODAY);
    expect(new Set(matches.map((m) => m.score)).size).toBe(1);
    expect(matches.map((m) => m.opportunityId)).toEqual(['o-2', 'o-1', 'o-3', 'o-4']);
  });

  it('when candidates tie on score, then they are ordered by id; a limit keeps the first ones', () => {
    const opportunity = buildOpportunity();
    const people = ['yp-c', 'yp-a', 'yp-b'].map((id) => buildYoungPerson({ id }));
    const closer = buildYoungPerson({ id: 'yp-z', districtIds: ['A'] });
    const further = people.map((p) => ({ ...p, districtIds: ['B'] }));
    const list = rankCandidatesForOpportunity(opportunity, [...further, closer], geography, TODAY, { limit: 3 });
    expect(list.matches.map((m) => m.youngPersonId)).toEqual(['yp-z', 'yp-a', 'yp-b']);
  });

  it('when the limit is not a whole number of at least 0, then it is refused', () => {
    expect(() => matchOpportunitiesForYoungPerson(buildYoungPerson(), [], geography, TODAY, { limit: -1 })).toThrow(RangeError);
    expect(() => matchOpportunitiesForYoungPerson(buildYoungPerson(), [], geography, TODAY, { limit: 1.5 })).toThrow(RangeError);
  });
});
