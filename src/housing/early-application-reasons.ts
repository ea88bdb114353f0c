import { DateTime } from 'luxon';
import { AGE_18, dateReachingAge } from '../lib/age.js';
import { addCalendarMonths, addDays, compareDates, daysBetween, type LocalDate } from '../lib/dates.js';
import type { EarlyApplicationNeed } from './early-applications.js';

/**
 * Why someone is on an early-application list, in plain English for the housing officer or PA reading it
 * (the list itself says it in codes: urgentReasons, connections). Pure: dates and names come in.
 */

const dayMonthYear = (date: LocalDate) => DateTime.fromISO(date).toFormat('d LLLL yyyy');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A span of days as weeks and days: "4 weeks", "3 days", "2 weeks and 1 day". */
export function durationWords(days: number): string {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (weeks === 0) return plural(rest, 'day');
  return rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')} and ${plural(rest, 'day')}`;
}

/** Up to 13 weeks, a span reads best in weeks; longer waits in whole calendar months and years ("1 year and 3 months"). */
const WEEKS_UP_TO = 13;

/** How long from `from` to `to` (from <= to), in the words a reader takes in at a glance. */
export function spanWords(from: LocalDate, to: LocalDate): string {
  const days = daysBetween(from, to);
  if (days < WEEKS_UP_TO * 7) return durationWords(days);
  let months = 0;
  while (compareDates(addCalendarMonths(from, months + 1), to) <= 0) months += 1;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return plural(months, 'month');
  return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} and ${plural(rest, 'month')}`;
}

function custodyReason(releaseOn: LocalDate, dateOfBirth: LocalDate): string {
  const daysBeforeEighteen = daysBetween(releaseOn, dateReachingAge(dateOfBirth, AGE_18));
  const when = daysBeforeEighteen === 0 ? 'on their 18th birthday' : daysBeforeEighteen > 0 ? `${durationWords(daysBeforeEighteen)} before turning 18` : `${durationWords(-daysBeforeEighteen)} after turning 18`;
  return `Leaves custody on ${dayMonthYear(releaseOn)}, ${when}`;
}

function applicationAgeReason(need: EarlyApplicationNeed): string {
  const days = need.daysUntilApplicationAge;
  if (days === 0) return `Can apply from today, ${dayMonthYear(need.applicationAgeReachedOn)}`;
  const reached = need.applicationAgeReachedOn;
  const today = addDays(reached, -days);
  if (days < 0) return `Could apply from ${dayMonthYear(reached)} (waiting ${spanWords(reached, today)})`;
  return `Can apply from ${dayMonthYear(reached)} (in ${spanWords(today, reached)})`;
}

function connectionReasons(need: EarlyApplicationNeed, districtName: string): string[] {
  const reasons: string[] = [];
  if (need.connections.includes('preferred')) reasons.push(`Wants to live in ${districtName}`);
  if (need.connections.includes('home')) reasons.push(need.connection === 'wants_to_live_here' ? `Lives in ${districtName}` : `Lives in ${districtName} but wants to live elsewhere`);
  if (need.connection === 'local_connection_only') reasons.push(`Has a local connection with ${districtName} (under 21 and looked after by this council)`);
  return reasons;
}

/** The reasons for one entry, most important first: custody, when they can apply, their tie to the district, what is missing. */
export function earlyApplicationReasons(need: EarlyApplicationNeed, facts: { districtName: string; dateOfBirth: LocalDate }): string[] {
  const reasons: string[] = [];
  if (need.custodyReleaseNear18On) reasons.push(custodyReason(need.custodyReleaseNear18On, facts.dateOfBirth));
  reasons.push(applicationAgeReason(need));
  reasons.push(...connectionReasons(need, facts.districtName));
  if (need.trackedApplication) reasons.push(`Application tracked but not made yet (${need.trackedApplication.status.replaceAll('_', ' ')})`);
  if (!need.sharesWithHousing) reasons.push('Has not agreed to share with housing yet: ask them');
  return reasons;
}
