import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/matching/evaluate.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import { buildOpportunityIndex, matchWithIndex } from '../../src/matching/opportunity-index.js';
import { buildYoungPersonIndex, candidatesWithIndex } from '../../src/matching/young-person-index.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

const ringFenced = () => buildOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, sector: 'digital' });
/** Level 2 maths added by the young person on their own pages, not yet checked by their PA. */
const uncheckedMaths = () => buildYoungPerson({ qualifications: [{ subject: 'Maths', level: 2, confirmed: false }] });

describe('qualifications a young person added themselves count for ring-fenced places only once their PA has checked them', () => {
  it('when the only Level 2 maths is not yet checked, then a ring-fenced place needing it is a near miss for maths', () => {
    expect(evaluate(uncheckedMaths(), ringFenced(), geography, TODAY)).toMatchObject({ outcome: 'near_miss', missing: [{ subject: 'maths', level: 2 }] });
  });

  it('when the only Level 2 maths is not yet checked, then the near miss says it waits for the check, for the PA in words', () => {
    const result = evaluate(uncheckedMaths(), ringFenced(), geography, TODAY);
    if (result.outcome === 'excluded') throw new Error('expected a near miss');
    expect(result.missing).toEqual([{ subject: 'maths', level: 2, awaitingCheck: true }]);
    expect(result.reasons.find((reason) => reason.code === 'qualification_missing')?.text).toBe('Needs Level 2 maths: holds no checked one; they added one that would do, not yet checked: check it to count it');
  });

  it('when they hold no maths at all, then nothing waits for a check', () => {
    const result = evaluate(buildYoungPerson({ qualifications: [] }), ringFenced(), geography, TODAY);
    if (result.outcome === 'excluded') throw new Error('expected a near miss');
    expect(result.missing).toEqual([{ subject: 'maths', level: 2 }]);
  });

  it('when the PA has checked it, then the same ring-fenced place is a match', () => {
    const checked = buildYoungPerson({ qualifications: [{ subject: 'Maths', level: 2, confirmed: true }] });
    expect(evaluate(checked, ringFenced(), geography, TODAY)).toMatchObject({ outcome: 'match', missing: [] });
  });

  it('when the opening is not ring-fenced, then an unchecked qualification counts', () => {
    expect(evaluate(uncheckedMaths(), buildOpportunity(), geography, TODAY)).toMatchObject({ outcome: 'match' });
  });

  it('when an unchecked Level 3 sits beside a checked Level 1, then the ring-fenced place sees Level 1 held', () => {
    const person = buildYoungPerson({ qualifications: [{ subject: 'Maths', level: 3, confirmed: false }, { subject: 'Mathematics', level: 1 }] });
    expect(evaluate(person, ringFenced(), geography, TODAY)).toMatchObject({ outcome: 'near_miss', missing: [{ subject: 'maths', level: 2, heldLevel: 1, awaitingCheck: true }] });
  });

  it('when both indexes are asked, then they give exactly what the reference gives', () => {
    const people = [uncheckedMaths(), buildYoungPerson()];
    const openings = [ringFenced(), buildOpportunity()];
    const reference = matchOpportunitiesForYoungPerson(people[0]!, openings, geography, TODAY);
    expect(reference.nearMisses).toHaveLength(1);
    expect(matchWithIndex(buildOpportunityIndex(openings, geography), people[0]!, TODAY)).toEqual(reference);
    for (const opening of openings) {
      expect(candidatesWithIndex(buildYoungPersonIndex(people, geography), opening, TODAY)).toEqual(rankCandidatesForOpportunity(opening, people, geography, TODAY));
    }
  });
});
