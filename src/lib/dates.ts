import { DateTime } from 'luxon';

/** A calendar date, 'YYYY-MM-DD', with no time or zone. These strings sort in date order. */
export type LocalDate = string;

/** The service's time zone: "today", deadlines and ages are all London's. */
export const LONDON = 'Europe/London';

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

type CalendarDay = { year: number; month: number; day: number };

function daysInMonth(year: number, month: number): number {
  const isLeapYear = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month === 2) return isLeapYear ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Parsing by hand keeps validation cheap: compareDates runs inside sorts and range scans.
function parseOrNull(value: string): CalendarDay | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function parse(date: LocalDate): CalendarDay {
  const parsed = parseOrNull(date);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parsed;
}

function format({ year, month, day }: CalendarDay): LocalDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return [String(year).padStart(4, '0'), String(month).padStart(2, '0'), String(day).padStart(2, '0')].join('-');
}

// Day arithmetic counts days since 1970-01-01 in UTC, which has no clock changes,
// so every day is exactly MS_PER_DAY long.
const MS_PER_DAY = 86_400_000;

function toDayNumber(date: LocalDate): number {
  const { year, month, day } = parse(date);
  const midnightUtc = new Date(0);
  midnightUtc.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0-99 as written
  return midnightUtc.getTime() / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): LocalDate {
  const midnightUtc = new Date(dayNumber * MS_PER_DAY);
  return format({ year: midnightUtc.getUTCFullYear(), month: midnightUtc.getUTCMonth() + 1, day: midnightUtc.getUTCDate() });
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2025-02-29' and '2025-2-01' are false). */
export function isLocalDate(value: string): boolean {
  return parseOrNull(value) !== null;
}

function requireWholeNumber(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}

/** The calendar date in London at that instant (23:30 UTC on a summer evening is already tomorrow). */
export function londonDateOf(instant: Date): LocalDate {
  const { isValid, year, month, day } = DateTime.fromJSDate(instant, { zone: LONDON });
  if (!isValid) throw new RangeError('Not a valid instant');
  return format({ year, month, day });
}

/** A date as people write it in a sentence: "31 July 2026" (messages a person reads, never stored). */
export function dayMonthYear(date: LocalDate): string {
  const { year, month, day } = parse(date);
  return DateTime.fromObject({ year, month, day }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/**
 * The instant London's day starts: midnight GMT in winter, 23:00 UTC the day before in summer.
 * Clocks in London change at 01:00 UTC, so midnight always exists, even on clock-change days.
 */
export function startOfLondonDay(date: LocalDate): Date {
  const { year, month, day } = parse(date);
  return DateTime.fromObject({ year, month, day }, { zone: LONDON }).toJSDate();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  requireWholeNumber(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: LocalDate, weeks: number): LocalDate {
  requireWholeNumber(weeks, 'weeks');
  return addDays(date, weeks * 7);
}

/** Whole calendar days from `from` to `to`: positive when `to` is later, negative when earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** -1 if `a` is before `b`, 0 if the same day, 1 if after; usable as a sort comparator. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  parse(a);
  parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((earliest, date) => (compareDates(date, earliest) < 0 ? date : earliest), first);
}

export function maxDate(first: LocalDate, ...rest: LocalDate[]): LocalDate {
  return rest.reduce((latest, date) => (compareDates(date, latest) > 0 ? date : latest), first);
}

/**
 * The same day of the month, `months` calendar months later (earlier when negative).
 * Where the target month has no such day (the 31st, 29 February), the result is the FIRST DAY
 * OF THE FOLLOWING MONTH, as for birthdays on 29 February: 2008-08-31 + 6 = 2009-03-01,
 * 2008-02-29 + 12 = 2009-03-01. Negative months use the same rule, so 2025-03-31 - 1 = 2025-03-01.
 */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  requireWholeNumber(months, 'months');
  const { year, month, day } = parse(date);
  const targetMonthIndex = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(targetMonthIndex / 12), month: (targetMonthIndex % 12) + 1 };
  if (day <= daysInMonth(target.year, target.month)) return format({ ...target, day });
  return addDays(format({ ...target, day: daysInMonth(target.year, target.month) }), 1); // 1st of the next
}

/**
 * England and Wales bank holidays, including substitute days for those falling at a weekend.
 * Source: GOV.UK, https://www.gov.uk/bank-holidays (also https://www.gov.uk/bank-holidays.json).
 * Years GOV.UK had not yet published follow the standing rules; check them, and any one-off
 * holiday (such as a coronation), when GOV.UK publishes the year, and add each new year here.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly LocalDate[] = Object.freeze([
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
]);

const BANK_HOLIDAYS = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS);
const FIRST_YEAR_KNOWN = 2024;
const LAST_YEAR_KNOWN = 2028;

/**
 * Monday to Friday and not an England and Wales bank holiday.
 * Throws a RangeError outside the years the bank holiday list covers: a silently wrong
 * deadline is worse than a loud failure that says the list needs the next year.
 */
export function isWorkingDay(date: LocalDate): boolean {
  const { year } = parse(date);
  if (year < FIRST_YEAR_KNOWN || year > LAST_YEAR_KNOWN) {
    throw new RangeError(
      `Bank holidays are known for ${FIRST_YEAR_KNOWN}-${LAST_YEAR_KNOWN} only, not ${date}: add the year from GOV.UK`,
    );
  }
  const dayOfWeek = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
  const isWeekend = dayOfWeek === 0 || dayOfWeek === 6; // Sunday or Saturday
  return !isWeekend && !BANK_HOLIDAYS.has(date);
}

/**
 * The date `n` working days after `date` (before it when negative). From a weekend or
 * bank holiday, 1 is the next working day; 0 returns `date` unchanged, working day or not.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  requireWholeNumber(n, 'n');
  parse(date);
  const step = Math.sign(n);
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * The number of working days after `from` up to and including `to`; when `to` is earlier,
 * minus the number after `to` up to and including `from`. So it is antisymmetric like
 * daysBetween, and addWorkingDays(from, workingDaysBetween(from, to)) === to for working days.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  if (compareDates(from, to) > 0) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); compareDates(day, to) <= 0; day = addDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}
