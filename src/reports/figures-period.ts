import { addCalendarMonths, addDays, compareDates, londonDateOf, startOfLondonDay, type LocalDate } from '../lib/dates.js';

/** A period of London calendar days, both ends included. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export function inPeriod(date: LocalDate | null | undefined, period: Period): boolean {
  return Boolean(date) && compareDates(date!, period.from) >= 0 && compareDates(date!, period.to) <= 0;
}

/** An instant belongs to the London day it falls on: 23:30 UTC on 31 August is 1 September. */
export function instantInPeriod(instant: Date | null | undefined, period: Period): boolean {
  return Boolean(instant) && inPeriod(londonDateOf(instant!), period);
}

/** The instants bounding the period, for a database range filter: [start of `from`, start of the day after `to`). */
export function periodInstants(period: Period): { $gte: Date; $lt: Date } {
  return { $gte: startOfLondonDay(period.from), $lt: startOfLondonDay(addDays(period.to, 1)) };
}

/** Councils plan a year from 1 April to 31 March; named by the year it starts in (2026 = April 2026 to March 2027). */
export function councilYearOf(date: LocalDate): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 4 ? year : year - 1;
}

export function councilYearPeriod(startYear: number): Period {
  return { from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` };
}

export function councilYearLabel(startYear: number): string {
  return `April ${startYear} to March ${startYear + 1}`;
}

export function councilYearsOverlapping(period: Period): number[] {
  const years: number[] = [];
  for (let year = councilYearOf(period.from); year <= councilYearOf(period.to); year += 1) years.push(year);
  return years;
}

/** The calendar months the period touches, as 'YYYY-MM'. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let first = `${period.from.slice(0, 7)}-01`; compareDates(first, period.to) <= 0; first = addCalendarMonths(first, 1)) months.push(first.slice(0, 7));
  return months;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(month: string, short = false): string {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const name = MONTH_NAMES[index - 1]!;
  return short ? `${name.slice(0, 3)} ${String(year).slice(2)}` : `${name} ${year}`;
}

export function dateInWords(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** The default period: the council year so far (1 April to today). */
export function defaultPeriod(today: LocalDate): Period {
  return { from: councilYearPeriod(councilYearOf(today)).from, to: today };
}
