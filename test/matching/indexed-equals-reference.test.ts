import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../bench/matching/synthetic-data.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import type { MatchList } from '../../src/matching/matching.types.js';
import { buildOpportunityIndex, matchWithIndex } from '../../src/matching/opportunity-index.js';
import { buildYoungPersonIndex, candidatesWithIndex } from '../../src/matching/young-person-index.js';

const LIMITS = [undefined, 0, 1, 3, 20] as const;

function firstOf(list: MatchList, limit: number | undefined): MatchList {
  return limit === undefined ? list : { matches: list.matches.slice(0, limit), nearMisses: list.nearMisses.slice(0, limit) };
}

// Small, dense worlds: few districts so many pairs are in reach; many birthdays next to start
// dates; some offers not open; many ties (the generator's scores are coarse on purpose).
const WORLDS = [
  { seed: 1, today: '2025-06-02' },
  { seed: 2, today: '2024-02-29' },
  { seed: 3, today: '2025-02-28' },
  { seed: 4, today: '2025-08-31' },
] as const;

describe('the indexes give exactly the reference results (every pair evaluated, full sort)', () => {
  for (const { seed, today } of WORLDS) {
    const world = generateWorld({ seed, today, districts: 12, youngPeople: 120, opportunities: 220, boundaryBirthdays: 0.3, notOpen: 0.1 });
    const { geography, youngPeople, opportunities } = world;

    it(`when matching every young person (seed ${seed}, today ${today}), then each limit gives the reference's first results`, () => {
      const index = buildOpportunityIndex(opportunities, geography);
      let compared = 0;
      for (const youngPerson of youngPeople) {
        const reference = matchOpportunitiesForYoungPerson(youngPerson, opportunities, geography, today);
        for (const limit of LIMITS) {
          expect(matchWithIndex(index, youngPerson, today, { limit })).toEqual(firstOf(reference, limit));
          compared += 1;
        }
      }
      expect(compared).toBe(youngPeople.length * LIMITS.length);
    });

    it(`when ranking candidates for every opportunity (seed ${seed}, today ${today}), then each limit gives the reference's first results`, () => {
      const index = buildYoungPersonIndex(youngPeople, geography);
      let nonEmpty = 0;
      for (const opportunity of opportunities) {
        const reference = rankCandidatesForOpportunity(opportunity, youngPeople, geography, today);
        if (reference.matches.length + reference.nearMisses.length > 0) nonEmpty += 1;
        for (const limit of LIMITS) {
          expect(candidatesWithIndex(index, opportunity, today, { limit })).toEqual(firstOf(reference, limit));
        }
      }
      expect(nonEmpty).toBeGreaterThan(opportunities.length / 4); // the test data really does match
    });
  }

  it('when the same young person is asked about twice, then the index gives the same answer (queries leave no trace)', () => {
    const { geography, youngPeople, opportunities, today } = generateWorld({ seed: 9, districts: 10, youngPeople: 60, opportunities: 80 });
    const people = buildYoungPersonIndex(youngPeople, geography);
    const opportunityIndex = buildOpportunityIndex(opportunities, geography);
    for (const opportunity of opportunities.slice(0, 10)) {
      expect(candidatesWithIndex(people, opportunity, today, { limit: 5 })).toEqual(candidatesWithIndex(people, opportunity, today, { limit: 5 }));
    }
    for (const youngPerson of youngPeople.slice(0, 10)) {
      expect(matchWithIndex(opportunityIndex, youngPerson, today, { limit: 5 })).toEqual(matchWithIndex(opportunityIndex, youngPerson, today, { limit: 5 }));
    }
  });
});
