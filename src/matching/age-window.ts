/**
 * The age-at-start rule (ageAtStartExclusion in matching.rules.ts) restated for the indexes, so
 * they test it with string comparisons instead of an ageOn call per pair. Both forms rest on the
 * contract of src/lib/age.ts: ageOn(dob, on).years >= n exactly when on >= dateReachingAge(dob, n),
 * and reaching dates never go backwards as the date of birth goes forwards. The property tests
 * check both forms agree with the rule on random data, 29 February included.
 */
import { dateOfBirthRangeReachingAgeBetween, dateReachingAge } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';

/** One young person against many reference dates: the day they reach each age, worked out once. */
export class AgeThresholds {
  private readonly reaching = new Map<number, LocalDate>();

  constructor(private readonly dateOfBirth: LocalDate) {}

  private dateReaching(years: number): LocalDate {
    let date = this.reaching.get(years);
    if (date === undefined) {
      date = dateReachingAge(this.dateOfBirth, { years, months: 0 });
      this.reaching.set(years, date);
    }
    return date;
  }

  /** Same answer as ageAtStartExclusion(dateOfBirth, min, max, referenceDate) !== null. */
  excludes(minAgeAtStart: number | null, maxAgeAtStart: number | null, referenceDate: LocalDate): boolean {
    if (minAgeAtStart === null && maxAgeAtStart === null) return false;
    if (referenceDate < this.dateOfBirth) return true;
    const atLeast = minAgeAtStart === null ? 0 : Math.ceil(minAgeAtStart);
    if (atLeast > 0 && referenceDate < this.dateReaching(atLeast)) return true;
    if (maxAgeAtStart === null) return false;
    const tooOldAt = Math.floor(maxAgeAtStart) + 1;
    return tooOldAt <= 0 || referenceDate >= this.dateReaching(tooOldAt);
  }
}

const EARLIEST_DATE = '1800-01-01';
/** Sorts before every date: a window nobody is in. */
const NOBODY = '';

/** The latest date of birth that has reached `years` by `on` (everyone born on or before it has). */
function latestDateOfBirthReaching(years: number, on: LocalDate): LocalDate | null {
  return dateOfBirthRangeReachingAgeBetween({ years, months: 0 }, EARLIEST_DATE, on)?.latestDateOfBirth ?? null;
}

/**
 * One reference date against many young people: the dates of birth that pass, as
 * { after (exclusive, null = no bound), upTo (inclusive) }, or null when the rule does not apply
 * (no minimum and no maximum) and everyone passes. Equivalent to ageAtStartExclusion === null.
 */
export function dateOfBirthWindow(
  minAgeAtStart: number | null,
  maxAgeAtStart: number | null,
  referenceDate: LocalDate,
): { after: LocalDate | null; upTo: LocalDate } | null {
  if (minAgeAtStart === null && maxAgeAtStart === null) return null;
  // Ages are whole years, so "at least 17.5" is "at least 18" and "at most 24.5" is "at most 24".
  const atLeast = minAgeAtStart === null ? 0 : Math.ceil(minAgeAtStart);
  const tooOldAt = maxAgeAtStart === null ? null : Math.floor(maxAgeAtStart) + 1;
  if (tooOldAt !== null && tooOldAt <= 0) return { after: null, upTo: NOBODY };
  let upTo = referenceDate; // not born yet counts as too young
  if (atLeast > 0) {
    const latest = latestDateOfBirthReaching(atLeast, referenceDate);
    if (latest === null) return { after: null, upTo: NOBODY };
    if (latest < upTo) upTo = latest;
  }
  const after = tooOldAt === null ? null : latestDateOfBirthReaching(tooOldAt, referenceDate);
  return { after, upTo };
}

/** Whether a date of birth passes the window dateOfBirthWindow gave (null: everyone passes). */
export function isInDateOfBirthWindow(window: { after: LocalDate | null; upTo: LocalDate } | null, dateOfBirth: LocalDate): boolean {
  return window === null || ((window.after === null || dateOfBirth > window.after) && dateOfBirth <= window.upTo);
}
