import { ageOn } from '../lib/age.js';
import { compareDates, type LocalDate } from '../lib/dates.js';

/** The service is for young people about 16 to 25; records outside 15-26 are data-entry mistakes. */
export const YOUNGEST_AGE_ON_RECORD = 15;
export const OLDEST_AGE_ON_RECORD = 26;

export interface YoungPersonFacts {
  dateOfBirth: string;
  inCustody: boolean;
  expectedReleaseDate: string | null;
  pathwayPlanReviewDate?: string | null;
  lastContactDate?: string | null;
}

/** Checks rules that depend on today's date; returns field errors in the same shape as request validation. */
export function impossibleYoungPersonData(facts: YoungPersonFacts, today: LocalDate): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  if (compareDates(facts.dateOfBirth, today) > 0) {
    errors.push({ path: 'dateOfBirth', message: 'must not be in the future' });
  } else {
    const { years } = ageOn(facts.dateOfBirth, today);
    if (years < YOUNGEST_AGE_ON_RECORD) errors.push({ path: 'dateOfBirth', message: `makes them ${years}: the service is for young people aged ${YOUNGEST_AGE_ON_RECORD} to ${OLDEST_AGE_ON_RECORD}` });
    if (years > OLDEST_AGE_ON_RECORD) errors.push({ path: 'dateOfBirth', message: `makes them ${years}: the service is for young people aged ${YOUNGEST_AGE_ON_RECORD} to ${OLDEST_AGE_ON_RECORD}` });
  }
  if (facts.inCustody && facts.expectedReleaseDate && compareDates(facts.expectedReleaseDate, today) < 0) {
    errors.push({ path: 'expectedReleaseDate', message: 'is in the past for someone recorded as in custody' });
  }
  if (!facts.inCustody && facts.expectedReleaseDate) {
    errors.push({ path: 'expectedReleaseDate', message: 'only applies to someone in custody' });
  }
  if (facts.lastContactDate && compareDates(facts.lastContactDate, today) > 0) {
    errors.push({ path: 'lastContactDate', message: 'must not be in the future' });
  }
  return errors;
}
