import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  addCalendarMonths,
  addDays,
  addWeeks,
  addWorkingDays,
  compareDates,
  daysBetween,
  isLocalDate,
  isWorkingDay,
  londonDateOf,
  maxDate,
  minDate,
  startOfLondonDay,
  workingDaysBetween,
  type LocalDate,
} from '../../src/lib/dates.js';

function everyDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

// An oracle written differently from the code under test: luxon adds the months
// (it clamps to the month's last day), and a clamped result is replaced by the 1st of the next month.
function sameDayMonthsLaterOrFirstOfNext(date: LocalDate, months: number): LocalDate {
  const start = DateTime.fromISO(date, { zone: 'utc' });
  const moved = start.plus({ months });
  return (moved.day === start.day ? moved : moved.plus({ months: 1 }).startOf('month')).toISODate() ?? 'invalid';
}

// The standing rules for England and Wales, to catch typing mistakes in the hand-written list.
function bankHolidaysByTheRules(year: number): LocalDate[] {
  const on = (month: number, day: number) => DateTime.utc(year, month, day);
  const isWeekend = (date: DateTime) => date.weekday >= 6;
  const nextWeekday = (date: DateTime): DateTime => (isWeekend(date) ? nextWeekday(date.plus({ days: 1 })) : date);
  const firstMonday = (month: number) => on(month, 1).plus({ days: (8 - on(month, 1).weekday) % 7 });
  const lastMonday = (month: number) => firstMonday(month + 1).minus({ weeks: 1 });
  // Anonymous Gregorian computus (Meeus/Jones/Butcher) for Easter Sunday.
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const g = Math.floor((8 * b + 13) / 25), h = (19 * a + b - d - g + 15) % 30;
  const l = (32 + 2 * e + 2 * Math.floor(c / 4) - h - (c % 4)) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const easterSunday = on(Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1);
  const christmas = nextWeekday(on(12, 25));
  const boxingDay = nextWeekday(DateTime.max(on(12, 26), christmas.plus({ days: 1 })));
  const holidays = [
    nextWeekday(on(1, 1)), easterSunday.minus({ days: 2 }), easterSunday.plus({ days: 1 }),
    firstMonday(5), lastMonday(5), lastMonday(8), christmas, boxingDay,
  ];
  return holidays.map((date) => date.toISODate() ?? 'invalid');
}

describe('isLocalDate', () => {
  it('when given real YYYY-MM-DD dates, then it accepts them, 29 February only in leap years', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2026-12-31')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
  });

  it('when given impossible days or other formats, then it rejects them', () => {
    for (const value of ['2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01', '2025-01-01T00:00', ' 2025-01-01', '']) {
      expect(isLocalDate(value), value).toBe(false);
    }
  });

  it('when checking days 00-32 of months 00-13 around the century leap-year rules, then it agrees with luxon', () => {
    const disagreements: string[] = [];
    for (const year of [1899, 1900, 1901, 1999, 2000, 2001, 2023, 2024, 2025, 2026, 2027, 2028, 2099, 2100]) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const value = [year, month, day].map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0')).join('-');
          if (isLocalDate(value) !== DateTime.fromISO(value, { zone: 'utc' }).isValid) disagreements.push(value);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('when arithmetic is given a date that does not exist, then it throws instead of rolling over', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => compareDates('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => addDays('2025-02-28', 1.5)).toThrow(RangeError);
  });
});

describe('londonDateOf and startOfLondonDay', () => {
  it('when it is 23:30 UTC in summer, then London is already on the next day', () => {
    expect(londonDateOf(new Date('2025-08-28T22:30:00Z'))).toBe('2025-08-28');
    expect(londonDateOf(new Date('2025-08-28T23:30:00Z'))).toBe('2025-08-29');
  });

  it('when it is 23:30 UTC in winter, then London is on the same day', () => {
    expect(londonDateOf(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-14');
    expect(londonDateOf(new Date('2026-01-15T00:30:00Z'))).toBe('2026-01-15');
  });

  it('when clocks go forward on 2026-03-29 at 01:00 UTC, then that day starts at midnight GMT and the next at 23:00 UTC', () => {
    expect(startOfLondonDay('2026-03-29')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(startOfLondonDay('2026-03-30')).toEqual(new Date('2026-03-29T23:00:00Z'));
    expect(londonDateOf(new Date('2026-03-28T23:59:59.999Z'))).toBe('2026-03-28');
    expect(londonDateOf(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
    expect(londonDateOf(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29');
    expect(londonDateOf(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
  });

  it('when clocks go back on 2026-10-25 at 01:00 UTC, then that day starts at 23:00 UTC the day before and lasts 25 hours', () => {
    expect(startOfLondonDay('2026-10-25')).toEqual(new Date('2026-10-24T23:00:00Z'));
    expect(startOfLondonDay('2026-10-26')).toEqual(new Date('2026-10-26T00:00:00Z'));
    expect(londonDateOf(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(londonDateOf(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    expect(londonDateOf(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
    expect(londonDateOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('when walking every day of 2024-2028, then each day starts where the previous one ends, 23 to 25 hours apart', () => {
    for (const day of everyDay('2024-01-01', '2028-12-31')) {
      const start = startOfLondonDay(day);
      expect(londonDateOf(start), day).toBe(day);
      expect(londonDateOf(new Date(start.getTime() - 1)), day).toBe(addDays(day, -1));
      const hours = (startOfLondonDay(addDays(day, 1)).getTime() - start.getTime()) / 3_600_000;
      expect([23, 24, 25], day).toContain(hours);
    }
  });
});

describe('addDays, addWeeks, daysBetween, compareDates, minDate, maxDate', () => {
  it('when crossing month ends, leap days and year ends, then whole calendar days are added', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addWeeks('2026-03-25', 1)).toBe('2026-04-01');
    expect(addWeeks('2026-01-07', -2)).toBe('2025-12-24');
  });

  it('when crossing a clock change, then a day is still one calendar day', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('when measuring between dates, then the result is to minus from, negative if to is earlier', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
    expect(daysBetween('2025-06-15', '2025-06-15')).toBe(0);
  });

  it('when comparing dates, then order follows the calendar', () => {
    expect(compareDates('2025-01-31', '2025-02-01')).toBe(-1);
    expect(compareDates('2025-02-01', '2025-01-31')).toBe(1);
    expect(compareDates('2025-02-01', '2025-02-01')).toBe(0);
    expect(minDate('2025-03-01', '2024-12-31', '2025-01-15')).toBe('2024-12-31');
    expect(maxDate('2025-03-01', '2024-12-31', '2025-01-15')).toBe('2025-03-01');
    expect(minDate('2025-03-01')).toBe('2025-03-01');
  });
});

describe('addCalendarMonths', () => {
  it('when the day exists in the target month, then it keeps the day of the month', () => {
    expect(addCalendarMonths('2024-01-29', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2025-05-15', 0)).toBe('2025-05-15');
    expect(addCalendarMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addCalendarMonths('2008-02-29', 48)).toBe('2012-02-29');
    expect(addCalendarMonths('2008-08-31', 5)).toBe('2009-01-31');
  });

  it('when the target month is too short, then the result is the first day of the next month', () => {
    expect(addCalendarMonths('2008-08-31', 6)).toBe('2009-03-01');
    expect(addCalendarMonths('2008-02-29', 12)).toBe('2009-03-01');
    expect(addCalendarMonths('2025-01-31', 1)).toBe('2025-03-01');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-03-01');
    expect(addCalendarMonths('2024-01-30', 1)).toBe('2024-03-01');
    expect(addCalendarMonths('2025-01-29', 1)).toBe('2025-03-01');
    expect(addCalendarMonths('2025-03-31', 1)).toBe('2025-05-01');
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-03-01');
  });

  it('when months are negative, then the same rule applies going back', () => {
    expect(addCalendarMonths('2025-03-15', -1)).toBe('2025-02-15');
    expect(addCalendarMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addCalendarMonths('2025-03-31', -1)).toBe('2025-03-01');
    expect(addCalendarMonths('2024-02-29', -12)).toBe('2023-03-01');
  });

  it('when checked against an oracle built on luxon for every day of 2007-2009 and -30 to 30 months, then they agree', () => {
    const disagreements: string[] = [];
    for (const date of everyDay('2007-01-01', '2009-12-31')) {
      for (let months = -30; months <= 30; months += 1) {
        const [actual, expected] = [addCalendarMonths(date, months), sameDayMonthsLaterOrFirstOfNext(date, months)];
        if (actual !== expected) disagreements.push(`${date} + ${months}: ${actual}, expected ${expected}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('bank holidays and working days', () => {
  it('when reading the 2026 list, then it matches GOV.UK: Boxing Day on a Saturday moves to Monday 28 December', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((day) => day.startsWith('2026-'))).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    ]);
  });

  it('when each listed year is rebuilt from the standing rules, then it matches the list exactly', () => {
    for (const year of [2024, 2025, 2026, 2027, 2028]) {
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((day) => day.startsWith(`${year}-`)), String(year)).toEqual(
        bankHolidaysByTheRules(year),
      );
    }
  });

  it('when a date is a weekday, weekend or bank holiday, then only the ordinary weekday is a working day', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // Thursday before Easter
    expect(isWorkingDay('2026-04-03')).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-04-07')).toBe(true);
  });

  it('when adding working days across the Easter 2026 bank holiday weekend, then Friday to Monday are skipped', () => {
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
    expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
    expect(addWorkingDays('2026-04-04', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-04', 0)).toBe('2026-04-04');
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
    expect(workingDaysBetween('2026-04-07', '2026-04-02')).toBe(-1);
    expect(workingDaysBetween('2026-03-30', '2026-04-10')).toBe(7);
  });

  it('when adding working days over Christmas 2026, then the substitute Boxing Day is skipped too', () => {
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
  });

  it('when a date is outside the years the list covers, then it throws rather than guess', () => {
    expect(() => isWorkingDay('2023-12-29')).toThrow(RangeError);
    expect(() => isWorkingDay('2029-01-01')).toThrow(RangeError);
    expect(() => addWorkingDays('2028-12-29', 1)).toThrow(RangeError);
  });

  it('when counting between any two days of 2026 up to five weeks apart, then the count matches a day-by-day tally and undoes addWorkingDays', () => {
    const days = everyDay('2026-01-01', '2026-12-31');
    const workingDayNumber = new Map<LocalDate, number>();
    let tally = 0;
    for (const day of days) {
      if (isWorkingDay(day)) tally += 1;
      workingDayNumber.set(day, tally);
    }
    const failures: string[] = [];
    for (const [i, from] of days.entries()) {
      for (const to of days.slice(i, i + 36)) {
        const expected = (workingDayNumber.get(to) ?? NaN) - (workingDayNumber.get(from) ?? NaN);
        if (workingDaysBetween(from, to) !== expected) failures.push(`${from} to ${to} is not ${expected}`);
        if (workingDaysBetween(to, from) !== -expected) failures.push(`${to} to ${from} is not ${-expected}`);
        if (isWorkingDay(to) && addWorkingDays(from, expected) !== to) failures.push(`${from} + ${expected} is not ${to}`);
        if (isWorkingDay(to) && isWorkingDay(from) && addWorkingDays(to, -expected) !== from) {
          failures.push(`${to} - ${expected} is not ${from}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
