import { londonDateOf, workingDaysBetween, type LocalDate } from '../lib/dates.js';

/**
 * The council's promise to organisations: a decision within 3 working days of asking (England and Wales bank
 * holidays and weekends do not count). The reminder scan tells staff about offers past it (reminder.rules.ts).
 */
export const APPROVAL_TARGET_WORKING_DAYS = 3;

export interface ApprovalWait {
  /** The London date the request arrived. */
  waitingSince: LocalDate;
  /** Working days after that date up to and including today: 0 on the day it arrived. */
  workingDaysWaited: number;
  withinTarget: boolean;
}

/** How long something has waited for approval, in working days, against the 3-working-day target. */
export function approvalWait(waitingSince: Date, now: Date): ApprovalWait {
  const since = londonDateOf(waitingSince);
  const workingDaysWaited = Math.max(0, workingDaysBetween(since, londonDateOf(now)));
  return { waitingSince: since, workingDaysWaited, withinTarget: workingDaysWaited <= APPROVAL_TARGET_WORKING_DAYS };
}
