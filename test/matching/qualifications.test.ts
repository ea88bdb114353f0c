import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/matching/evaluate.js';
import type { MatchableOpportunity, MatchableYoungPerson } from '../../src/matching/matching.types.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

type Held = MatchableYoungPerson['qualifications'];
type Required = MatchableOpportunity['requiredQualifications'];

function evaluateWith(held: Held, required: Required) {
  return evaluate(buildYoungPerson({ qualifications: held }), buildOpportunity({ requiredQualifications: required }), geography, TODAY);
}

describe('required qualifications', () => {
  it('when they hold the subject at the level asked, then it is met and earns the met points', () => {
    const result = evaluateWith([{ subject: 'Maths', level: 2 }], [{ subject: 'Maths', level: 2 }]);
    expect(result.outcome).toBe('match');
    if (result.outcome === 'excluded') return;
    expect(result.reasons).toContainEqual({ code: 'qualification_met', points: 10, text: 'Has Level 2 Maths, as needed' });
  });

  it('when they hold a higher level than asked, then it is met and earns the extra points too', () => {
    const result = evaluateWith([{ subject: 'Maths', level: 3 }], [{ subject: 'Maths', level: 2 }]);
    expect(result.outcome).toBe('match');
    if (result.outcome === 'excluded') return;
    expect(result.reasons).toContainEqual({
      code: 'qualification_above',
      points: 15,
      text: 'Has Level 3 Maths, above the Level 2 needed',
    });
  });

  it('when they hold a lower level than asked, then it is not met', () => {
    const result = evaluateWith([{ subject: 'Maths', level: 1 }], [{ subject: 'Maths', level: 2 }]);
    expect(result.outcome).toBe('near_miss');
    expect(result.missing).toEqual([{ subject: 'maths', level: 2, heldLevel: 1 }]);
  });

  it('when the subject is written differently (case, spaces), then it is still the same subject', () => {
    const held: Held = [
      { subject: ' MATHS ', level: 2 },
      { subject: 'health  and social care', level: 3 },
    ];
    const result = evaluateWith(held, [
      { subject: 'maths', level: 2 },
      { subject: 'Health and Social Care', level: 3 },
    ]);
    expect(result.outcome).toBe('match');
  });

  it('when they hold the subject twice, then their best level counts', () => {
    const result = evaluateWith(
      [
        { subject: 'English', level: 1 },
        { subject: 'english', level: 3 },
      ],
      [{ subject: 'English', level: 2 }],
    );
    expect(result.outcome).toBe('match');
  });

  it('when exactly one requirement is unmet, then it is a near miss saying what is missing', () => {
    const result = evaluateWith(
      [{ subject: 'English', level: 2 }],
      [
        { subject: 'English', level: 2 },
        { subject: 'Maths', level: 2 },
      ],
    );
    expect(result.outcome).toBe('near_miss');
    if (result.outcome === 'excluded') return;
    expect(result.missing).toEqual([{ subject: 'maths', level: 2 }]);
    expect(result.reasons.at(-1)).toEqual({
      code: 'qualification_missing',
      points: 0,
      text: 'Needs Level 2 Maths: holds no Maths qualification',
    });
  });

  it('when two requirements are unmet, then the pair is excluded, listing both missing', () => {
    const result = evaluateWith(
      [{ subject: 'Maths', level: 1 }],
      [
        { subject: 'Maths', level: 2 },
        { subject: 'English', level: 2 },
        { subject: 'Science', level: 1 },
      ],
    );
    expect(result).toEqual({
      outcome: 'excluded',
      youngPersonId: expect.any(String),
      opportunityId: expect.any(String),
      excludedBy: ['qualifications_missing'],
      missing: [
        { subject: 'maths', level: 2, heldLevel: 1 },
        { subject: 'english', level: 2 },
        { subject: 'science', level: 1 },
      ],
    });
  });

  it('when one requirement is unmet but a hard rule fails too, then it is excluded, not a near miss', () => {
    const result = evaluate(
      buildYoungPerson({ qualifications: [] }),
      buildOpportunity({ status: 'closed', requiredQualifications: [{ subject: 'Maths', level: 2 }] }),
      geography,
      TODAY,
    );
    expect(result).toMatchObject({ outcome: 'excluded', excludedBy: ['not_open'], missing: [{ subject: 'maths', level: 2 }] });
  });

  it('when nothing is required, then anyone qualifies and the explanation says so', () => {
    const result = evaluateWith([], []);
    expect(result.outcome).toBe('match');
    if (result.outcome === 'excluded') return;
    expect(result.reasons).toContainEqual({ code: 'no_qualifications_needed', points: 0, text: 'No qualifications needed' });
  });

  it('when Entry Level is asked, then any level in the subject meets it', () => {
    const result = evaluateWith([{ subject: 'ICT', level: 0 }], [{ subject: 'ict', level: 0 }]);
    expect(result.outcome).toBe('match');
  });
});
