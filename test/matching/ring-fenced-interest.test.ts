import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/matching/evaluate.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import { buildOpportunityIndex, matchWithIndex } from '../../src/matching/opportunity-index.js';
import { buildYoungPersonIndex, candidatesWithIndex } from '../../src/matching/young-person-index.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

const ringFenced = (overrides: Parameters<typeof buildOpportunity>[0] = {}) =>
  buildOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, sector: 'health_and_science', ...overrides });

describe('interest in the area of work: required for ring-fenced apprenticeships, a score elsewhere', () => {
  it('when qualified but not interested in a ring-fenced place, then a near miss naming the area of work, scored as before', () => {
    const person = buildYoungPerson({ interests: ['digital'] });
    const result = evaluate(person, ringFenced(), geography, TODAY);
    expect(result).toMatchObject({ outcome: 'near_miss', missing: [], missingInterest: 'health_and_science' });
    if (result.outcome === 'excluded') return;
    expect(result.reasons.at(-1)).toEqual({ code: 'interest_not_stated', points: 0, text: 'Has not said they are interested in health and science: ring-fenced places go to those who are, so ask them' });
    expect(result.reasons.map((r) => r.code)).not.toContain('sector_not_of_interest');
    expect(result.score).toBe(10 + 30 + 20); // Level 2 maths met, ring-fenced, in their district
  });

  it('when interested, then a match; when the same opening is not ring-fenced, then not being interested is still a match', () => {
    expect(evaluate(buildYoungPerson({ interests: ['health_and_science'] }), ringFenced(), geography, TODAY)).toMatchObject({ outcome: 'match', missingInterest: null });
    const ordinary = buildOpportunity({ sector: 'health_and_science' });
    expect(evaluate(buildYoungPerson({ interests: ['digital'] }), ordinary, geography, TODAY)).toMatchObject({ outcome: 'match', missingInterest: null });
  });

  it('when not interested and a qualification short, then two requirements are unmet: excluded as interest_not_stated', () => {
    const result = evaluate(buildYoungPerson({ interests: ['digital'], qualifications: [] }), ringFenced(), geography, TODAY);
    expect(result).toMatchObject({ outcome: 'excluded', excludedBy: ['interest_not_stated'], missing: [{ subject: 'maths', level: 2 }] });
  });

  it('when a ring-fenced place has no area of work, then there is no interest to require', () => {
    expect(evaluate(buildYoungPerson({ interests: [] }), ringFenced({ sector: null }), geography, TODAY)).toMatchObject({ outcome: 'match' });
  });

  it('when both indexes are asked, then they give exactly what the reference gives for interest near misses', () => {
    const people = [buildYoungPerson({ interests: ['digital'] }), buildYoungPerson({ interests: ['health_and_science'] }), buildYoungPerson({ interests: [], qualifications: [] })];
    const openings = [ringFenced(), ringFenced({ requiredQualifications: [] }), buildOpportunity({ sector: 'health_and_science' })];
    const people0 = people[0]!;
    const reference = matchOpportunitiesForYoungPerson(people0, openings, geography, TODAY);
    expect(reference.nearMisses.map((n) => n.missingInterest)).toEqual(['health_and_science', 'health_and_science']);
    expect(matchWithIndex(buildOpportunityIndex(openings, geography), people0, TODAY)).toEqual(reference);
    for (const opening of openings) {
      expect(candidatesWithIndex(buildYoungPersonIndex(people, geography), opening, TODAY, { limit: 2 })).toEqual(rankCandidatesForOpportunity(opening, people, geography, TODAY, { limit: 2 }));
    }
  });
});
