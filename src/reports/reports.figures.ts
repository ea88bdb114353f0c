import { AGE_18, ageOn, dateReachingAge, type Age } from '../lib/age.js';
import { compareDates, daysBetween, addWeeks, addDays, type LocalDate } from '../lib/dates.js';
import { isInEducationEmploymentOrTraining, type ActivityCode } from '../young-people/ssda903.js';
import type { ReferralStage } from '../referrals/referrals.model.js';

/**
 * The figures a Corporate Parenting Board asks for (seeds 002-004, DOMAIN.md "Measuring success"), as pure
 * functions of plain facts and `today`, so each figure is tested on exact dates.
 */

export interface YoungPersonFacts {
  personalAdviserId: string;
  dateOfBirth: LocalDate;
  careStatus: string;
  activityCode: string | null;
  accommodationCode: string | null;
  pathwayPlanReviewDate: string | null;
  lastContactDate: string | null;
  homeDistrictApplicationAge: Age;
  /** Earliest submitted date of any housing application, if one was made. */
  firstHousingApplicationDate: LocalDate | null;
}

/** SSDA903 asks about activity and accommodation around the 17th to 21st birthdays. */
const SSDA903_COHORT = { from: 17, to: 21 };
/** A pathway plan review coming up within this many days counts as due (reviews are at least six-monthly). */
export const PLAN_REVIEW_DUE_DAYS = 14;
/** No recorded contact for this many weeks counts as lost contact (Ofsted: contact lost with 17% of 19-21s). */
export const LOST_CONTACT_WEEKS = 8;

export function educationEmploymentAndTraining(people: YoungPersonFacts[], today: LocalDate) {
  const cohort = people.filter((person) => {
    const { years } = ageOn(person.dateOfBirth, today);
    return person.careStatus === 'care_leaver' && years >= SSDA903_COHORT.from && years <= SSDA903_COHORT.to;
  });
  const byActivityCode: Record<string, number> = {};
  let inEet = 0;
  let notInEet = 0;
  let unknown = 0;
  for (const person of cohort) {
    if (!person.activityCode) {
      unknown += 1;
      continue;
    }
    byActivityCode[person.activityCode] = (byActivityCode[person.activityCode] ?? 0) + 1;
    if (isInEducationEmploymentOrTraining(person.activityCode as ActivityCode)) inEet += 1;
    else notInEet += 1;
  }
  const known = inEet + notInEet;
  return { cohort: 'care leavers aged 17 to 21', total: cohort.length, inEducationEmploymentOrTraining: inEet, notInEducationEmploymentOrTraining: notInEet, unknown, percentInEet: known ? Math.round((inEet / known) * 1000) / 10 : null, byActivityCode };
}

export function accommodation(people: YoungPersonFacts[]) {
  const suitable = people.filter((person) => person.accommodationCode?.endsWith('1')).length;
  const unsuitable = people.filter((person) => person.accommodationCode?.endsWith('2')).length;
  return { suitable, unsuitable, unknown: people.length - suitable - unsuitable };
}

export function keepingInTouch(people: YoungPersonFacts[], today: LocalDate) {
  const dueBy = addDays(today, PLAN_REVIEW_DUE_DAYS);
  const lostContactBefore = addWeeks(today, -LOST_CONTACT_WEEKS);
  return {
    pathwayPlanReviewsOverdue: people.filter((person) => person.pathwayPlanReviewDate && compareDates(person.pathwayPlanReviewDate, today) < 0).length,
    pathwayPlanReviewsDueWithin14Days: people.filter((person) => person.pathwayPlanReviewDate && compareDates(person.pathwayPlanReviewDate, today) >= 0 && compareDates(person.pathwayPlanReviewDate, dueBy) <= 0).length,
    noPathwayPlanReviewDate: people.filter((person) => !person.pathwayPlanReviewDate).length,
    noContactFor8Weeks: people.filter((person) => !person.lastContactDate || compareDates(person.lastContactDate, lostContactBefore) <= 0).length,
  };
}

/**
 * Housing from 17½: of the young people who have reached their home district's application age and are not yet 18
 * (the window the protocol exists for), how many have made an application, and how many made it by the day they
 * reached that age plus four weeks.
 */
export const PROMPT_APPLICATION_WEEKS = 4;
export function housingApplicationsByApplicationAge(people: YoungPersonFacts[], today: LocalDate) {
  const window = people.filter((person) => {
    const reached = dateReachingAge(person.dateOfBirth, person.homeDistrictApplicationAge);
    const eighteen = dateReachingAge(person.dateOfBirth, AGE_18);
    return compareDates(reached, today) <= 0 && compareDates(today, eighteen) < 0;
  });
  const made = window.filter((person) => person.firstHousingApplicationDate);
  const prompt = made.filter((person) => {
    const reached = dateReachingAge(person.dateOfBirth, person.homeDistrictApplicationAge);
    return compareDates(person.firstHousingApplicationDate!, addWeeks(reached, PROMPT_APPLICATION_WEEKS)) <= 0;
  });
  return { reachedApplicationAgeAndUnder18: window.length, applicationMade: made.length, madeWithin4WeeksOfApplicationAge: prompt.length, noApplicationYet: window.length - made.length };
}

export interface ReferralFacts {
  /** Event date of the referral (the 'referred' step, else when it was made). */
  referredDate: LocalDate;
  stage: ReferralStage;
  stagesReached: ReferralStage[];
  /** Event date of the first outcome (started, or an exit), if any: when it happened, not when it was recorded. */
  outcomeDate: LocalDate | null;
}

const FUNNEL: ReferralStage[] = ['referred', 'informal_meeting', 'work_trial', 'offered', 'started', 'sustained'];

/** The funnel from the seeds: meetings, work trials, starts. Interviews and trials count as outcomes in themselves. */
export function referralFunnel(referrals: ReferralFacts[]) {
  const reached = Object.fromEntries(FUNNEL.map((stage) => [stage, referrals.filter((referral) => referral.stagesReached.includes(stage)).length]));
  const exits = { declined: 0, withdrawn: 0, unsuccessful: 0 } as Record<string, number>;
  for (const referral of referrals) if (referral.stage in exits) exits[referral.stage]! += 1;
  const days = referrals.filter((referral) => referral.outcomeDate).map((referral) => daysBetween(referral.referredDate, referral.outcomeDate!)).sort((a, b) => a - b);
  return {
    referrals: referrals.length,
    reached,
    exits,
    withAnOutcome: referrals.filter((referral) => referral.stagesReached.some((stage) => ['informal_meeting', 'work_trial', 'offered', 'started'].includes(stage))).length,
    medianDaysFromReferralToOutcome: median(days),
  };
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function caseloads(people: YoungPersonFacts[], advisers: { id: string; name: string }[]) {
  const counts = new Map<string, number>();
  for (const person of people) counts.set(person.personalAdviserId, (counts.get(person.personalAdviserId) ?? 0) + 1);
  const rows = advisers.map((adviser) => ({ personalAdviserId: adviser.id, name: adviser.name, youngPeople: counts.get(adviser.id) ?? 0 })).sort((a, b) => b.youngPeople - a.youngPeople);
  return { personalAdvisers: rows, average: rows.length ? Math.round((people.length / rows.length) * 10) / 10 : null };
}
