import type { Age } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';
import type { Audience, Urgency } from '../notifications/notification.model.js';

export type { Audience, Urgency };

/** Every reminder rule by name; the name is part of the natural key and picks the line in templates/reminder-lines.json. */
export const REMINDER_RULES = [
  'opening_closes_in_7_days',
  'opening_closes_in_2_days',
  'informal_meeting_tomorrow',
  'work_trial_tomorrow',
  'housing_application_age_ahead',
  'housing_application_age_today',
  'custody_release_near_18',
  'eighteenth_birthday_in_8_weeks',
  'twenty_first_birthday_in_8_weeks',
  'twenty_fifth_birthday_in_8_weeks',
  'pathway_plan_review_due',
  'pathway_plan_review_overdue',
  'no_contact_for_8_weeks',
  'referral_not_moved_21_days',
  'bursary_instalment_due',
  'employer_incentive_unclaimed',
  'offer_closes_without_referrals',
  'offer_awaiting_approval',
] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

/**
 * What a reader is told: a first name or a referral code, an offer's title, a date. Nothing else about a young
 * person ever goes here, because it is copied into emails.
 */
export interface ReminderFacts {
  firstName?: string;
  referralCode?: string;
  opportunityTitle?: string;
  /** Still in care (not yet a care leaver), so housing alerts use the right words. */
  inCare?: boolean;
  /** The date the reminder is about (closing date, birthday, review date...). */
  date: LocalDate;
  /** For dates that follow from the date of birth (birthdays, the housing application age): whole weeks away, said instead of the date. */
  weeksAway?: number;
}

/** A reminder as a rule computes it, before it is stored (once) as a notification. */
export interface ReminderDraft {
  rule: ReminderRule;
  urgency: Urgency;
  audience: Audience;
  recipientUserId: string;
  subjectKey: string;
  youngPersonId: string | null;
  dueDate: LocalDate;
  facts: ReminderFacts;
  /** A path in the service, e.g. /young-people/<id>. */
  link: string;
  byEmail: boolean;
  /** Set from the recipient's notification preferences: email now. Unset: only urgent ones go at once. */
  emailAtOnce?: boolean;
}

/** The day the scan computes for: today and tomorrow in London, from the injected `now`. */
export interface ScanDay {
  now: Date;
  today: LocalDate;
  tomorrow: LocalDate;
}

/** A young person as the rules read them: only these fields are ever loaded (never care history notes). */
export interface YoungPersonFacts {
  id: string;
  firstName: string;
  dateOfBirth: LocalDate;
  personalAdviserId: string;
  homeDistrictId: string;
  /** Districts they named as wanting to live in; housing alerts go there (or home when none). */
  preferredDistrictIds: string[];
  careStatus: 'in_care' | 'care_leaver';
  shareWithHousing: boolean;
  inCustody: boolean;
  expectedReleaseDate: LocalDate | null;
  pathwayPlanReviewDate: LocalDate | null;
  lastContactDate: LocalDate | null;
}

export interface DistrictFacts {
  id: string;
  applicationAge: Age;
  alertLookaheadWeeks: number;
  /** Whether housing officers of the district get alerts by email (else in the service only). */
  housingAlertsByEmail: boolean;
}

export interface ReferralFacts {
  id: string;
  youngPersonId: string;
  opportunityId: string;
  personalAdviserId: string;
  referralCode: string;
  stage: string;
  lastMovedAt: Date;
  informalMeetingDate: LocalDate | null;
  workTrialDate: LocalDate | null;
  startDate: LocalDate | null;
  bursaryAmountPence: number | null;
  employerIncentiveStatus: string | null;
}

export interface OpportunityFacts {
  id: string;
  title: string;
  status: string;
  organisationId: string | null;
  closingDate: LocalDate | null;
  submittedAt: Date | null;
}

/**
 * What the rules may look up besides the record in hand, loaded once per scan: who the recipients are, which
 * districts have which settings, which young people already made a housing application where, referral counts.
 */
export interface Directory {
  district(id: string): DistrictFacts | undefined;
  housingOfficers(districtId: string): string[];
  employerUsers(organisationId: string): string[];
  councilStaff(): string[];
  /** True when an application has been made in that district (not merely tracked). */
  hasMadeHousingApplication(youngPersonId: string, districtId: string): boolean;
  /** Referrals (beyond a suggestion) to the opportunity. */
  referralCount(opportunityId: string): number;
}
