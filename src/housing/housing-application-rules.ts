import { AGE_18, dateReachingAge } from '../lib/age.js';
import { compareDates, type LocalDate } from '../lib/dates.js';
import { unprocessable, validationFailed } from '../lib/errors.js';
import { isAllowedTransition, refusedTransitionMessage, type HousingApplicationStatus } from './housing-application-statuses.js';
import type { StatusChangeInput } from './housing.schemas.js';

/** What the rules need to know about the application as it stands. */
export interface ApplicationState {
  status: HousingApplicationStatus;
  submittedDate: LocalDate | null;
  guarantorPlan: { kind: string; details: string } | null;
  registration: unknown;
  offerDate: LocalDate | null;
}

export interface StatusChangeEffect {
  /** Fields to set alongside the new status. */
  set: Record<string, unknown>;
  /** The date the step happened, for the history entry. */
  date: LocalDate | null;
  reason: string | null;
}

/** Under 18 on that date: DOMAIN.md says under-18s cannot hold a tenancy alone, so a guarantor or trustee is needed. */
export function isUnder18On(dateOfBirth: LocalDate, date: LocalDate): boolean {
  return compareDates(date, dateReachingAge(dateOfBirth, AGE_18)) < 0;
}

function notInFuture(path: string, date: LocalDate, today: LocalDate): void {
  if (compareDates(date, today) > 0) throw validationFailed([{ path, message: 'must not be in the future: record a step once it has happened' }]);
}

/**
 * Checks a status change against the transition table and the rules of each step, and says what to record.
 * Throws 409 (rule_violation) for a refused transition or a broken rule, 400 for an impossible date.
 */
export function decideStatusChange(application: ApplicationState, change: StatusChangeInput, facts: { dateOfBirth: LocalDate; today: LocalDate }): StatusChangeEffect {
  if (!isAllowedTransition(application.status, change.status)) {
    throw unprocessable(refusedTransitionMessage(application.status, change.status), { from: application.status, to: change.status });
  }
  const { dateOfBirth, today } = facts;
  switch (change.status) {
    case 'not_started':
      return { set: { closedReason: null }, date: null, reason: change.reason ?? null };
    case 'eligible_to_apply':
      return { set: {}, date: change.date ?? null, reason: null };
    case 'application_submitted': {
      notInFuture('submittedDate', change.submittedDate, today);
      if (compareDates(change.submittedDate, dateOfBirth) < 0) throw validationFailed([{ path: 'submittedDate', message: 'is before the date of birth' }]);
      const guarantorPlan = change.guarantorPlan ?? application.guarantorPlan;
      if (!guarantorPlan && isUnder18On(dateOfBirth, change.submittedDate)) {
        throw unprocessable('The young person is under 18 on the submission date, and under-18s cannot hold a tenancy alone: record a guarantor or trustee plan (guarantorPlan) with the submission.', { path: 'guarantorPlan' });
      }
      return { set: { submittedDate: change.submittedDate, guarantorPlan: guarantorPlan ?? null, refusalReason: null }, date: change.submittedDate, reason: null };
    }
    case 'registered':
      notInFuture('priorityDate', change.priorityDate, today);
      return {
        set: { registration: { reference: change.reference, bandOrPriority: change.bandOrPriority, localConnection: change.localConnection, priorityDate: change.priorityDate } },
        date: change.priorityDate,
        reason: null,
      };
    case 'interim_or_supported_accommodation':
      return { set: { accommodationKind: change.kind, accommodationArrangedDate: change.arrangedDate }, date: change.arrangedDate, reason: null };
    case 'offer_made':
      if (!application.registration) throw unprocessable('An offer can only be recorded on a registered application: record the registration (reference, band or priority, local connection, priority date) first.');
      notInFuture('offerDate', change.offerDate, today);
      return { set: { offerDate: change.offerDate }, date: change.offerDate, reason: null };
    case 'housed':
      if (application.offerDate && compareDates(change.tenancyStartDate, application.offerDate) < 0) {
        throw validationFailed([{ path: 'tenancyStartDate', message: `is before the offer date (${application.offerDate})` }]);
      }
      return { set: { tenancyStartDate: change.tenancyStartDate }, date: change.tenancyStartDate, reason: null };
    case 'refused':
      if (change.date) notInFuture('date', change.date, today);
      return { set: { refusalReason: change.reason }, date: change.date ?? null, reason: change.reason };
    case 'closed':
      return { set: { closedReason: change.reason }, date: null, reason: change.reason };
  }
}
