/**
 * THE REMINDER RULES: who is told what, and when. Each rule is computed from the data and the scan's `now`
 * only (no state in memory); a reminder that is due on several days in a row is stored once, because its
 * natural key (recipient, subject, rule, due date) is unique. Threshold rules ("closes in 7 days") use a
 * window rather than a single day so a scan missed for a day still catches the deadline.
 *
 * Each young-person rule also says which dates of birth or dates it needs (`candidates`), as index-friendly
 * range filters, so the scan reads only those young people, with one query for all rules together.
 */
import { AGE_18, AGE_21, AGE_25, dateOfBirthRangeReachingAgeBetween, dateReachingAge, type Age } from '../lib/age.js';
import { addDays, addWeeks, addWorkingDays, compareDates, daysBetween, londonDateOf, type LocalDate } from '../lib/dates.js';
import { districtsWantedToLiveIn, isCustodyReleaseNearEighteenthBirthday } from '../housing/early-applications.js';
import type { DistrictFacts, Directory, OpportunityFacts, ReferralFacts, ReminderDraft, ReminderRule, ScanDay, Urgency, YoungPersonFacts } from './reminder.types.js';

const within = (date: LocalDate | null, from: LocalDate, to: LocalDate): date is LocalDate => date !== null && compareDates(from, date) <= 0 && compareDates(date, to) <= 0;
const dobRange = (age: Age, from: LocalDate, to: LocalDate) => {
  const range = dateOfBirthRangeReachingAgeBetween(age, from, to);
  return range ? [{ dateOfBirth: { $gte: range.earliestDateOfBirth, $lte: range.latestDateOfBirth } }] : [];
};

/**
 * Whole weeks from `today` to a date that follows from the date of birth (a birthday, the housing application
 * age): emails say "in 8 weeks", never the date, which would give the date of birth away (DOMAIN.md, Words).
 */
const weeksUntil = (today: LocalDate, date: LocalDate) => Math.max(1, Math.round(daysBetween(today, date) / 7));

function toAdviser(person: YoungPersonFacts, rule: ReminderRule, urgency: Urgency, dueDate: LocalDate, subjectKey = `yp:${person.id}`, weeksAway?: number): ReminderDraft {
  const facts = { firstName: person.firstName, date: dueDate, ...(weeksAway === undefined ? {} : { weeksAway }) };
  return { rule, urgency, audience: 'personal_adviser', recipientUserId: person.personalAdviserId, subjectKey, youngPersonId: person.id, dueDate, facts, link: `/young-people/${person.id}`, byEmail: true };
}

function toHousingOfficers(person: YoungPersonFacts, district: DistrictFacts, rule: ReminderRule, urgency: Urgency, dueDate: LocalDate, directory: Directory, weeksAway?: number): ReminderDraft[] {
  // Housing officers hear only of young people who agreed to share with housing (DOMAIN.md, Consent).
  if (!person.shareWithHousing) return [];
  return directory.housingOfficers(district.id).map((recipientUserId) => ({
    rule, urgency, audience: 'housing_officer' as const, recipientUserId, subjectKey: `yp:${person.id}/district:${district.id}`, youngPersonId: person.id, dueDate,
    facts: { firstName: person.firstName, inCare: person.careStatus === 'in_care', date: dueDate, ...(weeksAway === undefined ? {} : { weeksAway }) }, link: `/districts/${district.id}/early-applications`, byEmail: district.housingAlertsByEmail,
  }));
}

export interface YoungPersonRule {
  rules: readonly ReminderRule[];
  /** The young people this rule may remind about today, as range filters on indexed fields. */
  candidates(day: ScanDay, districts: readonly DistrictFacts[]): Record<string, unknown>[];
  remind(person: YoungPersonFacts, day: ScanDay, directory: Directory): ReminderDraft[];
}

/**
 * Housing from 17½: applications go to the districts where the young person wants to live (their home district
 * when they named none: districtsWantedToLiveIn), and each district
 * sets its own application age and how many weeks ahead it wants to hear (DOMAIN.md, Housing). The PA and the
 * district's housing officers are told within the look-ahead window, and the PA again on the day, unless an
 * application has already been made there.
 */
/** A scan missed on the day (an outage, a weekend deploy) still sends the on-the-day reminder up to this many days late; its key keeps it single. */
const HOUSING_DAY_CATCH_UP_DAYS = 3;

const housingApplicationAge: YoungPersonRule = {
  rules: ['housing_application_age_ahead', 'housing_application_age_today'],
  candidates: (day, districts) => districts.flatMap((district) => dobRange(district.applicationAge, addDays(day.today, -HOUSING_DAY_CATCH_UP_DAYS), addWeeks(day.today, district.alertLookaheadWeeks))),
  remind(person, day, directory) {
    const drafts: ReminderDraft[] = [];
    for (const districtId of districtsWantedToLiveIn(person)) {
      const district = directory.district(districtId);
      if (!district || directory.hasMadeHousingApplication(person.id, districtId)) continue;
      const reachedOn = dateReachingAge(person.dateOfBirth, district.applicationAge);
      const subjectKey = `yp:${person.id}/district:${districtId}`;
      if (within(reachedOn, addDays(day.today, -HOUSING_DAY_CATCH_UP_DAYS), day.today)) {
        drafts.push(toAdviser(person, 'housing_application_age_today', 'soon', reachedOn, subjectKey));
      } else if (within(reachedOn, addDays(day.today, 1), addWeeks(day.today, district.alertLookaheadWeeks))) {
        const weeksAway = weeksUntil(day.today, reachedOn);
        drafts.push(toAdviser(person, 'housing_application_age_ahead', 'for_information', reachedOn, subjectKey, weeksAway));
        drafts.push(...toHousingOfficers(person, district, 'housing_application_age_ahead', 'for_information', reachedOn, directory, weeksAway));
      }
    }
    return drafts;
  },
};

/** How far ahead the custody rule looks for 18th birthdays: a release near 18 needs planning long before. */
const CUSTODY_BIRTHDAY_LOOKAHEAD_WEEKS = 104;
const CUSTODY_RELEASE_WEEKS = 12;

/**
 * Someone leaving custody near their 18th birthday is otherwise effectively homeless (DOMAIN.md, Housing):
 * urgent, to the housing officers of each district they want to live in (their home district when they named
 * none) where no application has been made, and to the PA while any of those districts has none.
 */
const custodyReleaseNear18: YoungPersonRule = {
  rules: ['custody_release_near_18'],
  candidates: (day) => dobRange(AGE_18, addWeeks(day.today, -CUSTODY_RELEASE_WEEKS), addWeeks(day.today, CUSTODY_BIRTHDAY_LOOKAHEAD_WEEKS)),
  remind(person, day, directory) {
    const release = person.expectedReleaseDate;
    if (!release || compareDates(release, day.today) < 0 || !isCustodyReleaseNearEighteenthBirthday(person)) return [];
    const withoutApplication = districtsWantedToLiveIn(person).filter((districtId) => !directory.hasMadeHousingApplication(person.id, districtId));
    if (withoutApplication.length === 0) return [];
    return [
      toAdviser(person, 'custody_release_near_18', 'urgent', release),
      ...withoutApplication.flatMap((districtId) => {
        const district = directory.district(districtId);
        return district ? toHousingOfficers(person, district, 'custody_release_near_18', 'urgent', release, directory) : [];
      }),
    ];
  },
};

const TRANSITION_BIRTHDAYS: readonly { age: Age; rule: ReminderRule }[] = [
  { age: AGE_18, rule: 'eighteenth_birthday_in_8_weeks' },
  { age: AGE_21, rule: 'twenty_first_birthday_in_8_weeks' },
  { age: AGE_25, rule: 'twenty_fifth_birthday_in_8_weeks' },
];
const BIRTHDAY_NOTICE_WEEKS = 8;

/**
 * 18 ends care and changes entitlements (Staying Put, priority need), 21 ends support for many, 25 ends PA
 * support altogether: 8 weeks gives the PA time to plan the transition with the young person.
 */
const transitionBirthdays: YoungPersonRule = {
  rules: TRANSITION_BIRTHDAYS.map((birthday) => birthday.rule),
  candidates: (day) => TRANSITION_BIRTHDAYS.flatMap(({ age }) => dobRange(age, addDays(day.today, 1), addWeeks(day.today, BIRTHDAY_NOTICE_WEEKS))),
  remind(person, day) {
    return TRANSITION_BIRTHDAYS.flatMap(({ age, rule }) => {
      const birthday = dateReachingAge(person.dateOfBirth, age);
      return within(birthday, addDays(day.today, 1), addWeeks(day.today, BIRTHDAY_NOTICE_WEEKS)) ? [toAdviser(person, rule, 'for_information', birthday, undefined, weeksUntil(day.today, birthday))] : [];
    });
  },
};

const REVIEW_NOTICE_DAYS = 14;

/** Pathway plans are reviewed at least every six months, and "not updated" is what inspections find (DOMAIN.md). */
const pathwayPlanReview: YoungPersonRule = {
  rules: ['pathway_plan_review_due', 'pathway_plan_review_overdue'],
  candidates: (day) => [{ pathwayPlanReviewDate: { $lte: addDays(day.today, REVIEW_NOTICE_DAYS) } }],
  remind(person, day) {
    const review = person.pathwayPlanReviewDate;
    if (!review || compareDates(review, addDays(day.today, REVIEW_NOTICE_DAYS)) > 0) return [];
    return compareDates(review, day.today) < 0 ? [toAdviser(person, 'pathway_plan_review_overdue', 'urgent', review)] : [toAdviser(person, 'pathway_plan_review_due', 'soon', review)];
  },
};

const LOST_CONTACT_WEEKS = 8;

/** Councils lose touch with about one in six 19-21 year olds (DOMAIN.md): 8 weeks without contact is a warning. */
const lostContact: YoungPersonRule = {
  rules: ['no_contact_for_8_weeks'],
  candidates: (day) => [{ lastContactDate: { $lte: addWeeks(day.today, -LOST_CONTACT_WEEKS) } }],
  remind(person, day) {
    const last = person.lastContactDate;
    if (!last) return []; // never recorded: nothing to count from (the caseload list shows it)
    const due = addWeeks(last, LOST_CONTACT_WEEKS);
    return compareDates(due, day.today) <= 0 ? [toAdviser(person, 'no_contact_for_8_weeks', 'soon', due)] : [];
  },
};

export const YOUNG_PERSON_RULES: readonly YoungPersonRule[] = [housingApplicationAge, custodyReleaseNear18, transitionBirthdays, pathwayPlanReview, lostContact];

// ---- Referrals ----------------------------------------------------------------------------------------

/** Stages where a referral is live but the young person has not started: the ones a PA must push along. */
export const ACTIVE_REFERRAL_STAGES = ['referred', 'informal_meeting', 'work_trial', 'offered'] as const;
export const STARTED_REFERRAL_STAGES = ['started', 'sustained'] as const;
const STALLED_DAYS = 21;
/** Care leavers' apprenticeship bursary (starts from 1 August 2023): £1,000 at 60, 120 and 300 days in learning. */
export const BURSARY_INSTALMENT_DAYS = [60, 120, 300] as const;
const BURSARY_NOTICE_DAYS = 7;
/** Employer incentive for a care leaver apprentice: paid in two halves, after 90 and 365 days in learning. */
export const EMPLOYER_INCENTIVE_DAYS = [90, 365] as const;

/** Referral reminders name the referral code, not the young person: the PA opens the referral from the link. */
function referralToAdviser(referral: ReferralFacts, rule: ReminderRule, urgency: Urgency, dueDate: LocalDate, opportunityTitle: string | undefined): ReminderDraft {
  return {
    rule, urgency, audience: 'personal_adviser', recipientUserId: referral.personalAdviserId, subjectKey: `referral:${referral.id}`, youngPersonId: referral.youngPersonId, dueDate,
    facts: { referralCode: referral.referralCode, ...(opportunityTitle ? { opportunityTitle } : {}), date: dueDate }, link: `/referrals/${referral.id}`, byEmail: true,
  };
}

/** Reminders about one referral: meetings and trials tomorrow, a referral stuck for 21 days, money due. */
export function referralReminders(referral: ReferralFacts, day: ScanDay, opportunityTitle: string | undefined): ReminderDraft[] {
  const drafts: ReminderDraft[] = [];
  const active = (ACTIVE_REFERRAL_STAGES as readonly string[]).includes(referral.stage);
  const started = (STARTED_REFERRAL_STAGES as readonly string[]).includes(referral.stage);
  // A missed informal meeting or work trial loses the opening: the PA checks travel and kit the day before.
  if (active && referral.informalMeetingDate === day.tomorrow) drafts.push(referralToAdviser(referral, 'informal_meeting_tomorrow', 'soon', day.tomorrow, opportunityTitle));
  if (active && referral.workTrialDate === day.tomorrow) drafts.push(referralToAdviser(referral, 'work_trial_tomorrow', 'soon', day.tomorrow, opportunityTitle));
  // Employers move on when nobody follows up; three weeks without a step means someone should chase.
  const stalledOn = addDays(londonDateOf(referral.lastMovedAt), STALLED_DAYS);
  if (active && compareDates(stalledOn, day.today) <= 0) drafts.push(referralToAdviser(referral, 'referral_not_moved_21_days', 'soon', stalledOn, opportunityTitle));
  if (started && referral.startDate) {
    // Take-up of bursaries is low "because nobody knew" (DOMAIN.md): the PA checks each instalment is claimed.
    if (referral.bursaryAmountPence && referral.bursaryAmountPence > 0) {
      for (const days of BURSARY_INSTALMENT_DAYS) {
        const instalment = addDays(referral.startDate, days);
        if (within(instalment, day.today, addDays(day.today, BURSARY_NOTICE_DAYS))) drafts.push(referralToAdviser(referral, 'bursary_instalment_due', 'for_information', instalment, opportunityTitle));
      }
    }
    // The employer's £1,000 is due only with the young person's consent, and is often never claimed.
    if (referral.employerIncentiveStatus === 'due') {
      for (const days of EMPLOYER_INCENTIVE_DAYS) {
        const due = addDays(referral.startDate, days);
        if (compareDates(due, day.today) <= 0) drafts.push(referralToAdviser(referral, 'employer_incentive_unclaimed', 'soon', due, opportunityTitle));
      }
    }
  }
  return drafts;
}

// ---- Openings closing ------------------------------------------------------------------------------------

/** GOV.UK reminds at 7 and at 2 days before a vacancy closes, as separate reminders (DOMAIN.md). */
export const CLOSING_THRESHOLDS: readonly { days: number; until: number; rule: ReminderRule; urgency: Urgency }[] = [
  { days: 7, until: 3, rule: 'opening_closes_in_7_days', urgency: 'soon' },
  { days: 2, until: 0, rule: 'opening_closes_in_2_days', urgency: 'urgent' },
];

/** The threshold an opening's closing date falls in today (7-day: 7 to 3 days left; 2-day: 2 to 0), if any. */
export function closingThreshold(closingDate: LocalDate | null, today: LocalDate) {
  return CLOSING_THRESHOLDS.find((threshold) => within(closingDate, addDays(today, threshold.until), addDays(today, threshold.days)));
}

/**
 * A young person referred to, or strongly matching, an opening that closes soon: their PA is told at 7 and
 * at 2 days. Referred and matched share a subject key, so a young person is never reminded twice for one opening.
 */
export function openingClosingReminder(
  opportunity: OpportunityFacts,
  about: { youngPersonId: string; personalAdviserId: string } & ({ firstName: string } | { referralCode: string }),
  day: ScanDay,
): ReminderDraft | null {
  const threshold = closingThreshold(opportunity.closingDate, day.today);
  if (!threshold || !opportunity.closingDate) return null;
  const who = 'firstName' in about ? { firstName: about.firstName } : { referralCode: about.referralCode };
  return {
    rule: threshold.rule, urgency: threshold.urgency, audience: 'personal_adviser', recipientUserId: about.personalAdviserId,
    subjectKey: `yp:${about.youngPersonId}/opportunity:${opportunity.id}`, youngPersonId: about.youngPersonId, dueDate: opportunity.closingDate,
    facts: { ...who, opportunityTitle: opportunity.title, date: opportunity.closingDate }, link: `/opportunities/${opportunity.id}`, byEmail: true,
  };
}

const EMPLOYER_NOTICE_DAYS = 7;
const APPROVAL_WAIT_WORKING_DAYS = 3;

/** Reminders to the organisations and council staff who own an offer's lifecycle. */
export function opportunityReminders(opportunity: OpportunityFacts, day: ScanDay, directory: Directory): ReminderDraft[] {
  const base = { subjectKey: `opportunity:${opportunity.id}`, youngPersonId: null, link: `/opportunities/${opportunity.id}`, byEmail: true };
  const drafts: ReminderDraft[] = [];
  // An employer whose offer is about to close unseen can extend it or ask the council to promote it.
  if (opportunity.status === 'open' && opportunity.organisationId && within(opportunity.closingDate, day.today, addDays(day.today, EMPLOYER_NOTICE_DAYS)) && directory.referralCount(opportunity.id) === 0) {
    for (const recipientUserId of directory.employerUsers(opportunity.organisationId)) {
      drafts.push({ ...base, rule: 'offer_closes_without_referrals', urgency: 'soon', audience: 'employer', recipientUserId, dueDate: opportunity.closingDate, facts: { opportunityTitle: opportunity.title, date: opportunity.closingDate } });
    }
  }
  // Offers wait for council approval before PAs see them; more than 3 working days loses employers' goodwill.
  if (opportunity.status === 'pending_approval' && opportunity.submittedAt) {
    const overdueFrom = addWorkingDays(londonDateOf(opportunity.submittedAt), APPROVAL_WAIT_WORKING_DAYS + 1);
    if (compareDates(overdueFrom, day.today) <= 0) {
      for (const recipientUserId of directory.councilStaff()) {
        drafts.push({ ...base, rule: 'offer_awaiting_approval', urgency: 'soon', audience: 'council_staff', recipientUserId, dueDate: overdueFrom, facts: { opportunityTitle: opportunity.title, date: overdueFrom } });
      }
    }
  }
  return drafts;
}
