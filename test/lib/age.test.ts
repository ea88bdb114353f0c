import { describe, it, expect } from 'vitest';
import {
  AGE_17,
  AGE_17_AND_A_HALF,
  AGE_18,
  ageAt,
  ageOn,
  compareAges,
  dateOfBirthRangeReachingAgeBetween,
  dateReachingAge,
  hasReachedAge,
  instantReachingAge,
  type Age,
} from '../../src/lib/age.js';
import { addDays, daysBetween, type LocalDate } from '../../src/lib/dates.js';

function everyDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

const months = (total: number): Age => ({ years: Math.floor(total / 12), months: total % 12 });

describe('dateReachingAge', () => {
  it('when born on 29 February 2008, then 16 falls on 29 February (leap), 17 and 18 on 1 March, 17½ on 29 August', () => {
    expect(dateReachingAge('2008-02-29', { years: 16, months: 0 })).toBe('2024-02-29');
    expect(dateReachingAge('2008-02-29', AGE_17)).toBe('2025-03-01');
    expect(dateReachingAge('2008-02-29', AGE_17_AND_A_HALF)).toBe('2025-08-29');
    expect(dateReachingAge('2008-02-29', AGE_18)).toBe('2026-03-01');
  });

  it('when born on the 29th to 31st of August, then 17½ falls on 1 March because February is short', () => {
    expect(dateReachingAge('2008-08-31', AGE_17_AND_A_HALF)).toBe('2026-03-01');
    expect(dateReachingAge('2008-08-30', AGE_17_AND_A_HALF)).toBe('2026-03-01');
    expect(dateReachingAge('2008-08-29', AGE_17_AND_A_HALF)).toBe('2026-03-01');
    expect(dateReachingAge('2008-08-28', AGE_17_AND_A_HALF)).toBe('2026-02-28');
    expect(dateReachingAge('2008-08-31', AGE_17)).toBe('2025-08-31');
  });

  it('when born on the 31st and the month reached has 30 days, then the age is reached on the 1st of the next month', () => {
    expect(dateReachingAge('2008-03-31', AGE_17_AND_A_HALF)).toBe('2025-10-01');
    expect(dateReachingAge('2007-12-31', AGE_17_AND_A_HALF)).toBe('2025-07-01');
    expect(dateReachingAge('2008-01-31', { years: 17, months: 1 })).toBe('2025-03-01');
  });

  it('when the age is not whole non-negative years and months, then it throws', () => {
    expect(() => dateReachingAge('2008-01-01', { years: -1, months: 0 })).toThrow(RangeError);
    expect(() => dateReachingAge('2008-01-01', { years: 17, months: 0.5 })).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it('when born on 29 February 2008, then the 17th birthday counts from 1 March 2025 and 17½ from 29 August', () => {
    expect(ageOn('2008-02-29', '2025-02-28')).toEqual({ years: 16, months: 11 });
    expect(ageOn('2008-02-29', '2025-03-01')).toEqual({ years: 17, months: 0 });
    expect(ageOn('2008-02-29', '2025-08-28')).toEqual({ years: 17, months: 5 });
    expect(ageOn('2008-02-29', '2025-08-29')).toEqual({ years: 17, months: 6 });
    expect(ageOn('2008-02-29', '2024-02-29')).toEqual({ years: 16, months: 0 });
  });

  it('when born on 31 August 2008, then 17½ counts from 1 March 2026 and 17 years 7 months from 31 March', () => {
    expect(ageOn('2008-08-31', '2026-02-28')).toEqual({ years: 17, months: 5 });
    expect(ageOn('2008-08-31', '2026-03-01')).toEqual({ years: 17, months: 6 });
    expect(ageOn('2008-08-31', '2026-03-30')).toEqual({ years: 17, months: 6 });
    expect(ageOn('2008-08-31', '2026-03-31')).toEqual({ years: 17, months: 7 });
  });

  it('when born on 31 January, then one month is reached on 1 March, even in a leap year', () => {
    expect(ageOn('2008-01-31', '2008-02-29')).toEqual({ years: 0, months: 0 });
    expect(ageOn('2008-01-31', '2008-03-01')).toEqual({ years: 0, months: 1 });
    expect(ageOn('2008-01-31', '2008-03-30')).toEqual({ years: 0, months: 1 });
    expect(ageOn('2008-01-31', '2008-03-31')).toEqual({ years: 0, months: 2 });
  });

  it('when the date is the date of birth, then the age is zero; before it, ageOn throws', () => {
    expect(ageOn('2008-05-10', '2008-05-10')).toEqual({ years: 0, months: 0 });
    expect(() => ageOn('2008-05-10', '2008-05-09')).toThrow(RangeError);
  });

  it('when checked for every date of birth from mid-2007 to mid-2009, then ageOn agrees exactly with dateReachingAge', () => {
    const ages = [1, 2, 5, 6, 11, 12, 13, 24, 48, ...Array.from({ length: 13 }, (_, i) => 204 + i), 252, 300];
    const inMonths = ({ years, months }: Age) => years * 12 + months;
    const failures: string[] = [];
    for (const dateOfBirth of everyDay('2007-06-01', '2009-06-30')) {
      for (const total of ages) {
        const reached = dateReachingAge(dateOfBirth, months(total));
        const onTheDay = ageOn(dateOfBirth, reached);
        const dayBefore = ageOn(dateOfBirth, addDays(reached, -1));
        if (inMonths(onTheDay) !== total || onTheDay.months > 11) failures.push(`${dateOfBirth} on ${reached}: ${JSON.stringify(onTheDay)}`);
        if (inMonths(dayBefore) !== total - 1 || dayBefore.months > 11) failures.push(`${dateOfBirth} before ${reached}: ${JSON.stringify(dayBefore)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('ageAt, hasReachedAge and instantReachingAge in London time', () => {
  it('when born on 29 February 2008, then 17½ starts at 23:00 UTC on 28 August 2025 (midnight BST)', () => {
    expect(instantReachingAge('2008-02-29', AGE_17_AND_A_HALF)).toEqual(new Date('2025-08-28T23:00:00Z'));
  });

  it('when the run is at 23:30 London time the night before (BST), then 17½ is not yet reached', () => {
    const now = new Date('2025-08-28T22:30:00Z');
    expect(hasReachedAge('2008-02-29', AGE_17_AND_A_HALF, now)).toBe(false);
    expect(ageAt('2008-02-29', now)).toEqual({ years: 17, months: 5 });
  });

  it('when the run is at 00:30 London time on the day (BST, still 28 August in UTC), then 17½ is reached', () => {
    const now = new Date('2025-08-28T23:30:00Z');
    expect(hasReachedAge('2008-02-29', AGE_17_AND_A_HALF, now)).toBe(true);
    expect(ageAt('2008-02-29', now)).toEqual({ years: 17, months: 6 });
  });

  it('when the boundary is the first instant of the London day, then it is reached exactly then', () => {
    expect(hasReachedAge('2008-02-29', AGE_17_AND_A_HALF, new Date('2025-08-28T22:59:59.999Z'))).toBe(false);
    expect(hasReachedAge('2008-02-29', AGE_17_AND_A_HALF, new Date('2025-08-28T23:00:00.000Z'))).toBe(true);
  });

  it('when the runs are at 23:30 and 00:30 in winter (GMT), then 17½ is reached on the London date', () => {
    expect(instantReachingAge('2008-07-15', AGE_17_AND_A_HALF)).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(hasReachedAge('2008-07-15', AGE_17_AND_A_HALF, new Date('2026-01-14T23:30:00Z'))).toBe(false);
    expect(hasReachedAge('2008-07-15', AGE_17_AND_A_HALF, new Date('2026-01-15T00:30:00Z'))).toBe(true);
    expect(ageAt('2008-07-15', new Date('2026-01-14T23:30:00Z'))).toEqual({ years: 17, months: 5 });
  });

  it('when 17½ falls on a clock-change day, then it starts at that London midnight', () => {
    expect(instantReachingAge('2008-09-29', AGE_17_AND_A_HALF)).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(instantReachingAge('2009-04-25', AGE_17_AND_A_HALF)).toEqual(new Date('2026-10-24T23:00:00Z'));
    expect(hasReachedAge('2009-04-25', AGE_17_AND_A_HALF, new Date('2026-10-24T23:30:00Z'))).toBe(true);
  });

  it('when the date of birth is in the future, then no age is reached', () => {
    expect(hasReachedAge('2030-01-01', { years: 0, months: 0 }, new Date('2026-01-01T12:00:00Z'))).toBe(false);
  });
});

describe('compareAges', () => {
  it('when comparing ages, then they are ordered by total months', () => {
    expect(compareAges({ years: 17, months: 6 }, AGE_17_AND_A_HALF)).toBe(0);
    expect(compareAges({ years: 17, months: 5 }, AGE_17_AND_A_HALF)).toBe(-1);
    expect(compareAges(AGE_18, AGE_17_AND_A_HALF)).toBe(1);
    expect(compareAges({ years: 0, months: 18 }, { years: 1, months: 6 })).toBe(0);
  });
});

describe('dateOfBirthRangeReachingAgeBetween', () => {
  it('when asking who reaches 17½ in March 2026, then the range starts at 29 August 2008 because of the short February', () => {
    expect(dateOfBirthRangeReachingAgeBetween(AGE_17_AND_A_HALF, '2026-03-01', '2026-03-31')).toEqual({
      earliestDateOfBirth: '2008-08-29',
      latestDateOfBirth: '2008-09-30',
    });
  });

  it('when nobody can reach the age in the window, then it is null', () => {
    expect(dateOfBirthRangeReachingAgeBetween(AGE_17_AND_A_HALF, '2026-08-29', '2026-08-31')).toBeNull();
    expect(dateOfBirthRangeReachingAgeBetween(AGE_17_AND_A_HALF, '2026-03-02', '2026-03-01')).toBeNull();
  });

  it('when checked against brute force over every date of birth from 2005 to 2011, then ranges are exact and contiguous', () => {
    const dateOfBirths = everyDay('2005-01-01', '2011-12-31');
    const windowStarts = everyDay('2023-01-01', '2028-12-31');
    const cases: Array<{ age: Age; lengths: number[] }> = [
      { age: AGE_17_AND_A_HALF, lengths: [0, 6, 30] },
      { age: AGE_17, lengths: [0] },
      { age: AGE_18, lengths: [0] },
      { age: { years: 17, months: 1 }, lengths: [0, 2] },
    ];
    const failures: string[] = [];
    let emptyWindows = 0;
    for (const { age, lengths } of cases) {
      const reached = dateOfBirths.map((dateOfBirth) => ({ dateOfBirth, on: dateReachingAge(dateOfBirth, age) }));
      for (const from of windowStarts) {
        for (const length of lengths) {
          const to = addDays(from, length);
          const matching = reached.filter(({ on }) => on >= from && on <= to).map(({ dateOfBirth }) => dateOfBirth);
          const [first, last] = [matching[0], matching.at(-1)];
          const expected = first && last ? { earliestDateOfBirth: first, latestDateOfBirth: last } : null;
          const actual = dateOfBirthRangeReachingAgeBetween(age, from, to);
          const label = `${JSON.stringify(age)} ${from}..${to}`;
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            failures.push(`${label}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
          }
          if (first && last && daysBetween(first, last) + 1 !== matching.length) failures.push(`${label} is not contiguous`);
          if (!expected) emptyWindows += 1;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(emptyWindows).toBeGreaterThan(0);
  });
});
