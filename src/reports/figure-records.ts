import type { Age } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';

/**
 * The plain facts the board figures are computed from: what the service reads from each collection (one pass,
 * only these fields), so the computations are pure functions tested on exact dates.
 */
export interface PersonFacts {
  id: string;
  /** Not closed: only open records count in figures "as they stand today". */
  open: boolean;
  personalAdviserId: string;
  dateOfBirth: LocalDate;
  careStatus: string;
  activityCode: string | null;
  accommodationCode: string | null;
  pathwayPlanReviewDate: LocalDate | null;
  lastContactDate: LocalDate | null;
  homeDistrictId: string;
  inCustody: boolean;
  expectedReleaseDate: LocalDate | null;
  /** The London day the record was created: activity at a birthday before it is not known here. */
  recordedFrom: LocalDate;
  /** London days the activity code was changed (from the audit trail: field names, never values). */
  activityChangedOn: LocalDate[];
  /** The earliest submitted date of any housing application. */
  firstApplicationSubmitted: LocalDate | null;
}

export interface ReferralStep {
  stage: string;
  /** The day the step happened (its event date, else the London day it was recorded). */
  date: LocalDate;
  at: Date;
}

export interface ReferralFacts {
  id: string;
  youngPersonId: string;
  opportunityId: string;
  organisationId: string | null;
  ringFenced: boolean;
  stage: string;
  steps: ReferralStep[];
  bursaryAmountPence: number | null;
  employerIncentiveStatus: string | null;
  employerIncentiveAmountPence: number | null;
}

export interface OfferFacts {
  id: string;
  organisationId: string | null;
  ringFenced: boolean;
  areas: string[];
  places: number;
  /** The London day it went live (approved), null if it never did. */
  openedOn: LocalDate | null;
  /** The last day it was open: closed/filled/withdrawn day, else its closing date; null while open with none. */
  lastOpenOn: LocalDate | null;
}

export interface OrganisationFacts {
  id: string;
  name: string;
}

export interface ApplicationFacts {
  youngPersonId: string;
  districtId: string;
  submittedDate: LocalDate | null;
  /** Instants the application was created or changed status: "moved". */
  movedAt: Date[];
}

export interface ReminderFacts {
  createdAt: Date;
  subjectKey: string;
  rule: string;
}

export interface ReminderEmailFacts {
  status: string;
}

export interface DistrictFacts {
  id: string;
  name: string;
  applicationAge: Age;
}

export interface AdviserFacts {
  id: string;
  name: string;
}

export interface FiguresInput {
  /** The young people in scope: the team's (or everyone's), in the chosen home district if one was chosen. */
  people: PersonFacts[];
  /** The same in every district, for the tables by home district. */
  peopleInEveryDistrict: PersonFacts[];
  /** The home district chosen, if any. */
  districtId: string | null;
  referrals: ReferralFacts[];
  offers: OfferFacts[];
  organisations: OrganisationFacts[];
  applications: ApplicationFacts[];
  reminders: ReminderFacts[];
  reminderEmails: ReminderEmailFacts[];
  /** Every district. */
  districts: DistrictFacts[];
  advisers: AdviserFacts[];
  /** Ring-fenced apprenticeship places the council aims to fill, by council year (the year it starts in). */
  ringFencedTargets: Map<number, number>;
}
