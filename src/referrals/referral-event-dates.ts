/**
 * A referral's timeline in event dates: the day each step happened (meeting held, trial, start), not the moment
 * someone typed it. Figures (days from referral to outcome) and the sustained rule read these, so a step dated
 * wrongly would skew them: an event date is refused before the referral was made, before the previous step's
 * event date, or more than a year ahead (issue 12, item 6).
 */
import { addCalendarMonths, compareDates, dayMonthYear, londonDateOf, type LocalDate } from '../lib/dates.js';
import { unprocessable, validationFailed, type AppError } from '../lib/errors.js';

/** How far ahead a step may be dated: a start agreed for next September is real, one in three years' time is a typo. */
export const EVENT_DATE_MAX_MONTHS_AHEAD = 12;

interface Step {
  stage: string;
  at: Date;
  eventDate?: string | null;
}

interface Timeline {
  createdAt?: Date;
  history?: readonly Step[] | null;
}

const stageWords = (stage: string) => stage.replace('_', ' ');

/** A step's event date; steps recorded before event dates were kept fall back to the day they were recorded. */
export function eventDateOf(step: Step): LocalDate {
  return step.eventDate ?? londonDateOf(step.at);
}

/** The day the referral was made: its first step (suggested or referred). */
export function referralMadeDate(referral: Timeline): LocalDate | null {
  const first = referral.history?.[0];
  if (first) return eventDateOf(first);
  return referral.createdAt ? londonDateOf(referral.createdAt) : null;
}

/** The day the young person was put forward: the 'referred' step (a suggestion becomes a referral then), else the first step. */
export function referredDate(referral: Timeline): LocalDate | null {
  const referred = referral.history?.find((step) => step.stage === 'referred');
  return referred ? eventDateOf(referred) : referralMadeDate(referral);
}

/** The event date of the step `stage` (its latest), if the referral reached it. */
export function stageEventDate(referral: Timeline, stage: string): LocalDate | null {
  const step = [...(referral.history ?? [])].reverse().find((candidate) => candidate.stage === stage);
  return step ? eventDateOf(step) : null;
}

/** Why `eventDate` cannot be the date of the next step, or null. 409 against the timeline, 400 for a date too far ahead. */
export function eventDateProblem(referral: Timeline, eventDate: LocalDate, today: LocalDate): AppError | null {
  const made = referralMadeDate(referral);
  if (made !== null && compareDates(eventDate, made) < 0) {
    return unprocessable(`The date, ${dayMonthYear(eventDate)}, is before the referral was made (${dayMonthYear(made)}); give the day the step happened.`, { eventDate, referralMadeDate: made });
  }
  const previous = referral.history?.at(-1);
  if (previous && compareDates(eventDate, eventDateOf(previous)) < 0) {
    const previousDate = eventDateOf(previous);
    return unprocessable(`The date, ${dayMonthYear(eventDate)}, is before the previous step (${stageWords(previous.stage)} on ${dayMonthYear(previousDate)}); steps are dated in the order they happen.`, { eventDate, previousStage: previous.stage, previousEventDate: previousDate });
  }
  const latest = addCalendarMonths(today, EVENT_DATE_MAX_MONTHS_AHEAD);
  if (compareDates(eventDate, latest) > 0) {
    return validationFailed([{ path: 'eventDate', message: `must be no more than a year ahead (${dayMonthYear(latest)} at the latest)` }]);
  }
  return null;
}
