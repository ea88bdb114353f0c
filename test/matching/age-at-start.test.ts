import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../src/lib/dates.js';
import { AgeThresholds, dateOfBirthWindow } from '../../src/matching/age-window.js';
import { evaluate } from '../../src/matching/evaluate.js';
import { ageAtStartExclusion } from '../../src/matching/matching.rules.js';
import type { MatchableOpportunity } from '../../src/matching/matching.types.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

const START = '2025-09-01';

function ageRuleFor(dateOfBirth: LocalDate, opportunity: Partial<MatchableOpportunity>, today: LocalDate = TODAY) {
  const result = evaluate(buildYoungPerson({ dateOfBirth }), buildOpportunity({ startDate: START, ...opportunity }), geography, today);
  return result.outcome === 'excluded' ? result.excludedBy : result.outcome;
}

describe('age on the start date', () => {
  describe('when the minimum is 18 and the start date is 1 September 2025', () => {
    it('when they turn 18 the day before the start, then they are old enough', () => {
      expect(ageRuleFor('2007-08-31', { minAgeAtStart: 18 })).toBe('match');
    });
    it('when they turn 18 on the start date, then they are old enough', () => {
      expect(ageRuleFor('2007-09-01', { minAgeAtStart: 18 })).toBe('match');
    });
    it('when they turn 18 the day after the start, then they are too young', () => {
      expect(ageRuleFor('2007-09-02', { minAgeAtStart: 18 })).toEqual(['too_young_at_start']);
    });
  });

  describe('when the maximum is 24 (not yet 25) and the start date is 1 September 2025', () => {
    it('when they turn 25 the day before the start, then they are too old', () => {
      expect(ageRuleFor('2000-08-31', { maxAgeAtStart: 24 })).toEqual(['too_old_at_start']);
    });
    it('when they turn 25 on the start date, then they are too old', () => {
      expect(ageRuleFor('2000-09-01', { maxAgeAtStart: 24 })).toEqual(['too_old_at_start']);
    });
    it('when they turn 25 the day after the start, then they are young enough', () => {
      expect(ageRuleFor('2000-09-02', { maxAgeAtStart: 24 })).toBe('match');
    });
  });

  describe('when born on 29 February', () => {
    it('when the start is 28 February of a common year, then the birthday has not come yet', () => {
      expect(ageRuleFor('2008-02-29', { startDate: '2026-02-28', minAgeAtStart: 18 })).toEqual(['too_young_at_start']);
    });
    it('when the start is 1 March of a common year, then the birthday has come', () => {
      expect(ageRuleFor('2008-02-29', { startDate: '2026-03-01', minAgeAtStart: 18 })).toBe('match');
    });
    it('when the start is 29 February of a leap year, then the birthday is that day', () => {
      expect(ageRuleFor('2004-02-29', { startDate: '2028-02-29', maxAgeAtStart: 23 })).toEqual(['too_old_at_start']);
      expect(ageRuleFor('2004-02-29', { startDate: '2028-02-28', maxAgeAtStart: 23 })).toBe('match');
    });
  });

  it('when the start date has passed, then age is taken today', () => {
    // 18 today (2 June 2025); on the past start date, 1 January 2025, they were 17.
    expect(ageRuleFor('2007-06-02', { startDate: '2025-01-01', minAgeAtStart: 18 })).toBe('match');
    expect(ageRuleFor('2007-06-03', { startDate: '2025-01-01', minAgeAtStart: 18 })).toEqual(['too_young_at_start']);
  });

  it('when there is no start date, then age is taken today', () => {
    expect(ageRuleFor('2000-06-03', { startDate: null, maxAgeAtStart: 24 })).toBe('match');
    expect(ageRuleFor('2000-06-02', { startDate: null, maxAgeAtStart: 24 })).toEqual(['too_old_at_start']);
  });

  it('when there are no age limits, then any age passes', () => {
    expect(ageRuleFor('1990-01-01', { minAgeAtStart: null, maxAgeAtStart: null })).toBe('match');
  });
});

describe('the indexes restate the age rule without ageOn per pair', () => {
  const datesOfBirth: LocalDate[] = [];
  for (let day = '1998-01-01'; day <= '2012-12-31'; day = addDays(day, 5)) datesOfBirth.push(day);
  for (const year of [2000, 2001, 2004, 2007, 2008]) datesOfBirth.push(`${year}-02-28`, `${year}-03-01`);
  datesOfBirth.push('2000-02-29', '2004-02-29', '2008-02-29');
  const referenceDates = ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2025-09-01', '2026-02-28'];
  const limits: [number | null, number | null][] = [[16, 24], [18, null], [null, 18], [17, 17], [0, 25], [21, 20]];

  it('when checked against every date of birth, then AgeThresholds and dateOfBirthWindow agree with the rule', () => {
    let disagreements = 0;
    for (const [min, max] of limits) {
      for (const referenceDate of referenceDates) {
        const window = dateOfBirthWindow(min, max, referenceDate);
        for (const dateOfBirth of datesOfBirth) {
          const excluded = ageAtStartExclusion(dateOfBirth, min, max, referenceDate) !== null;
          const inWindow = window === null || ((window.after === null || dateOfBirth > window.after) && dateOfBirth <= window.upTo);
          if (new AgeThresholds(dateOfBirth).excludes(min, max, referenceDate) !== excluded) disagreements += 1;
          if (inWindow === excluded) disagreements += 1;
        }
      }
    }
    expect(disagreements).toBe(0);
  });
});
