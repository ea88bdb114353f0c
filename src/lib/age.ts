import { addCalendarMonths, addDays, compareDates, londonDateOf, startOfLondonDay, type LocalDate } from './dates.js';

/**
 * Completed years and months. Ages are counted in calendar months from the date of birth; a day
 * that does not exist in the month reached (the 31st, 29 February) counts as the 1st of the next.
 */
export type Age = { readonly years: number; readonly months: number };

export const AGE_16: Age = Object.freeze({ years: 16, months: 0 });
export const AGE_17: Age = Object.freeze({ years: 17, months: 0 });
/** When a care leaver may apply for social housing under the default district protocol. */
export const AGE_17_AND_A_HALF: Age = Object.freeze({ years: 17, months: 6 });
export const AGE_18: Age = Object.freeze({ years: 18, months: 0 });
export const AGE_21: Age = Object.freeze({ years: 21, months: 0 });
export const AGE_25: Age = Object.freeze({ years: 25, months: 0 });

function inMonths(age: Age): number {
  const { years, months } = age;
  if (!Number.isInteger(years) || !Number.isInteger(months) || years < 0 || months < 0) {
    throw new RangeError(`Not an age: ${JSON.stringify(age)}`);
  }
  return years * 12 + months;
}

function fromMonths(totalMonths: number): Age {
  return { years: Math.floor(totalMonths / 12), months: totalMonths % 12 };
}

/**
 * The day the person born on `dateOfBirth` reaches `age`: the date of birth plus
 * years * 12 + months calendar months. Born 2008-02-29: 17 on 2025-03-01, 17½ on 2025-08-29.
 */
export function dateReachingAge(dateOfBirth: LocalDate, age: Age): LocalDate {
  return addCalendarMonths(dateOfBirth, inMonths(age));
}

/** The instant `age` is reached: the start of that day in London. */
export function instantReachingAge(dateOfBirth: LocalDate, age: Age): Date {
  return startOfLondonDay(dateReachingAge(dateOfBirth, age));
}

// Both dates are validated before this runs, so the year and month are at fixed positions.
function monthNumber(date: LocalDate): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
}

/**
 * Completed years and months on the calendar date `on`, exactly consistent with dateReachingAge:
 * ageOn(dob, dateReachingAge(dob, a)) equals a, and on the day before it is one month less.
 * Throws a RangeError if `on` is before the date of birth.
 */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): Age {
  if (compareDates(on, dateOfBirth) < 0) {
    throw new RangeError(`${on} is before the date of birth ${dateOfBirth}`);
  }
  // The months crossed by the calendar, less one while this month's "birthday" is still to come
  // (it may fall on the 1st of next month, which is why this asks dateReachingAge's own rule).
  const monthsCrossed = monthNumber(on) - monthNumber(dateOfBirth);
  const reachedThisMonth = compareDates(addCalendarMonths(dateOfBirth, monthsCrossed), on) <= 0;
  return fromMonths(reachedThisMonth ? monthsCrossed : monthsCrossed - 1);
}

/** Age at the instant `now`, taking the calendar date in London. */
export function ageAt(dateOfBirth: LocalDate, now: Date): Age {
  return ageOn(dateOfBirth, londonDateOf(now));
}

/** True from the start of the London day the age is reached. False before birth, too. */
export function hasReachedAge(dateOfBirth: LocalDate, age: Age, now: Date): boolean {
  return compareDates(dateReachingAge(dateOfBirth, age), londonDateOf(now)) <= 0;
}

export function compareAges(a: Age, b: Age): -1 | 0 | 1 {
  const difference = inMonths(a) - inMonths(b);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * The dates of birth of everyone who reaches `age` on a day from `from` to `to` (both inclusive),
 * as an inclusive range, or null when nobody does (from after to; or, say, 29-31 August 2026 for
 * 17½, since no one is born on 29-31 February 2009). Reaching dates never go backwards as the date
 * of birth goes forwards, so the answer is one contiguous range and a string range query on
 * 'YYYY-MM-DD' dates of birth is exact.
 */
export function dateOfBirthRangeReachingAgeBetween(
  age: Age,
  from: LocalDate,
  to: LocalDate,
): { earliestDateOfBirth: LocalDate; latestDateOfBirth: LocalDate } | null {
  if (compareDates(from, to) > 0) return null;
  const months = inMonths(age);
  const earliestDateOfBirth = firstDateOfBirthReachingOnOrAfter(months, from);
  const latestDateOfBirth = lastDateOfBirthReachingOnOrBefore(months, to);
  if (compareDates(earliestDateOfBirth, latestDateOfBirth) > 0) return null;
  return { earliestDateOfBirth, latestDateOfBirth };
}

// Going back the same number of months gives a date of birth that reaches the age on `date`, or
// on the 1st of the next month when `date`'s day is missing from the month of birth. Reaching dates
// never decrease as the date of birth increases, so stepping back a day at a time (at most three
// days: the 29th to 31st reach the age together on the 1st) lands exactly on each boundary.
function firstDateOfBirthReachingOnOrAfter(months: number, date: LocalDate): LocalDate {
  let dateOfBirth = addCalendarMonths(date, -months);
  while (compareDates(addCalendarMonths(addDays(dateOfBirth, -1), months), date) >= 0) {
    dateOfBirth = addDays(dateOfBirth, -1);
  }
  return dateOfBirth;
}

function lastDateOfBirthReachingOnOrBefore(months: number, date: LocalDate): LocalDate {
  let dateOfBirth = addCalendarMonths(date, -months);
  while (compareDates(addCalendarMonths(dateOfBirth, months), date) > 0) dateOfBirth = addDays(dateOfBirth, -1);
  return dateOfBirth;
}
