import { AGE_18, AGE_21, AGE_25, dateOfBirthRangeReachingAgeBetween, dateReachingAge, type Age } from '../lib/age.js';
import { addDays, addWeeks, compareDates, daysBetween, type LocalDate } from '../lib/dates.js';
import { byNeed } from './early-application-order.js';
import { NOT_YET_MADE_STATUSES, type HousingApplicationStatus } from './housing-application-statuses.js';

/**
 * Who needs an early social housing application, and who is urgent. Pure: no I/O, `today` is a parameter.
 * DOMAIN.md, Housing from 17½: a care leaver may apply at the district's application age (17½ by default);
 * housing officers want to hear a number of weeks ahead; someone leaving custody near 18 is urgent.
 */

/** Release from custody this close to the 18th birthday, before or after it, makes the case urgent. */
export const CUSTODY_RELEASE_URGENCY_WEEKS = 12;

export interface YoungPersonHousingFacts {
  youngPersonId: string;
  dateOfBirth: LocalDate;
  sharesWithHousing: boolean;
  homeDistrictId: string;
  preferredDistrictIds: readonly string[];
  inCustody: boolean;
  expectedReleaseDate: LocalDate | null;
}

export interface DistrictHousingSettings {
  districtId: string;
  applicationAge: Age;
  alertLookaheadWeeks: number;
  /** In the council's own area: a care leaver under 21 has a local connection with it. */
  withinCouncilArea: boolean;
}

export interface TrackedApplication {
  applicationId: string;
  youngPersonId: string;
  districtId: string;
  status: HousingApplicationStatus;
}

/** Who the list is for decides whether consent is needed and whether a local connection alone is enough. */
export interface EarlyApplicationAudience {
  requireHousingConsent: boolean;
  includeLocalConnection: boolean;
}
/** Housing officers see only those who agreed to share, and every district they have a connection with. */
export const FOR_DISTRICT_HOUSING_OFFICERS: EarlyApplicationAudience = { requireHousingConsent: true, includeLocalConnection: true };
/**
 * A PA sees their whole caseload, consent or not (they must ask for it), but only for districts the young
 * person wants to live in: applications go where the young person wants to live, and listing every
 * district in the county for each under-21 would bury the ones that matter.
 */
export const FOR_PERSONAL_ADVISERS: EarlyApplicationAudience = { requireHousingConsent: false, includeLocalConnection: false };

export type DistrictConnection = 'home' | 'preferred' | 'local_connection';
/** The two groups a list is shown and filtered in: those who want to live there (districtsWantedToLiveIn), and those there only through a local connection. */
export const EARLY_APPLICATION_CONNECTIONS = ['wants_to_live_here', 'local_connection_only'] as const;
export type EarlyApplicationConnection = (typeof EARLY_APPLICATION_CONNECTIONS)[number];
export type UrgentReason = 'at_or_past_application_age' | 'custody_release_near_18th_birthday';
export type EarlyApplicationStanding = 'reaches_application_age_within_window' | 'at_or_past_application_age';

export interface EarlyApplicationNeed {
  youngPersonId: string;
  districtId: string;
  applicationAgeReachedOn: LocalDate;
  /** Negative once the age has passed; 0 on the day. */
  daysUntilApplicationAge: number;
  standing: EarlyApplicationStanding;
  urgent: boolean;
  urgentReasons: UrgentReason[];
  connections: DistrictConnection[];
  /** 'wants_to_live_here' when they named the district (or it is their home and they named none); else 'local_connection_only'. */
  connection: EarlyApplicationConnection;
  /** The expected release date when leaving custody near 18 makes the case urgent; null otherwise. */
  custodyReleaseNear18On: LocalDate | null;
  sharesWithHousing: boolean;
  /** A tracked application that has not been made yet (not started, eligible to apply), if any. */
  trackedApplication: { applicationId: string; status: HousingApplicationStatus } | null;
}

/** Whether the expected release is no more than 12 weeks before or after the 18th birthday (both ends included). */
export function isCustodyReleaseNearEighteenthBirthday(facts: Pick<YoungPersonHousingFacts, 'dateOfBirth' | 'inCustody' | 'expectedReleaseDate'>): boolean {
  if (!facts.inCustody || !facts.expectedReleaseDate) return false;
  const eighteenthBirthday = dateReachingAge(facts.dateOfBirth, AGE_18);
  return Math.abs(daysBetween(eighteenthBirthday, facts.expectedReleaseDate)) <= CUSTODY_RELEASE_URGENCY_WEEKS * 7;
}

/**
 * Where housing alerts about a young person go (DOMAIN.md, Where housing alerts go): the districts they
 * named as wanting to live in, or their home district when they named none.
 */
export function districtsWantedToLiveIn(person: Pick<YoungPersonHousingFacts, 'homeDistrictId' | 'preferredDistrictIds'>): string[] {
  return person.preferredDistrictIds.length > 0 ? [...new Set(person.preferredDistrictIds)] : [person.homeDistrictId];
}

/** Local connection (DOMAIN.md): a care leaver under 21 has one with every district in the council's area. */
export function hasLocalConnection(dateOfBirth: LocalDate, district: Pick<DistrictHousingSettings, 'withinCouncilArea'>, today: LocalDate): boolean {
  return district.withinCouncilArea && compareDates(today, dateReachingAge(dateOfBirth, AGE_21)) < 0;
}

/** `under21`: the age half of the local connection rule, when the caller has already worked it out for this person. */
export function connectionsWithDistrict(person: YoungPersonHousingFacts, district: DistrictHousingSettings, today: LocalDate, under21?: boolean): DistrictConnection[] {
  const connections: DistrictConnection[] = [];
  if (person.homeDistrictId === district.districtId) connections.push('home');
  if (person.preferredDistrictIds.includes(district.districtId)) connections.push('preferred');
  if (under21 === undefined ? hasLocalConnection(person.dateOfBirth, district, today) : district.withinCouncilArea && under21) connections.push('local_connection');
  return connections;
}

/** The last day of the district's look-ahead window that starts today. */
export function lookaheadWindowEnd(district: Pick<DistrictHousingSettings, 'alertLookaheadWeeks'>, today: LocalDate): LocalDate {
  return addWeeks(today, district.alertLookaheadWeeks);
}

/** The earliest date of birth of someone who has not yet reached `age` today (they reach it tomorrow or later). */
export function earliestDateOfBirthStillUnder(age: Age, today: LocalDate): LocalDate {
  // Within any year someone reaches the age, so the range is never null.
  return dateOfBirthRangeReachingAgeBetween(age, addDays(today, 1), addDays(today, 366))!.earliestDateOfBirth;
}

/**
 * The dates of birth that can be on the district's list today: from the oldest who are still under 25 to the
 * youngest who reach the application age by the end of the look-ahead window. One contiguous range, so the
 * loader can ask the database with an indexed range query and let youngPeopleNeedingEarlyApplication decide.
 */
export function candidateDateOfBirthRange(district: Pick<DistrictHousingSettings, 'applicationAge' | 'alertLookaheadWeeks'>, today: LocalDate): { earliestDateOfBirth: LocalDate; latestDateOfBirth: LocalDate } {
  const earliestDateOfBirth = earliestDateOfBirthStillUnder(AGE_25, today);
  const reachingByWindowEnd = dateOfBirthRangeReachingAgeBetween(district.applicationAge, dateReachingAge(earliestDateOfBirth, district.applicationAge), lookaheadWindowEnd(district, today));
  return { earliestDateOfBirth, latestDateOfBirth: reachingByWindowEnd!.latestDateOfBirth };
}

/**
 * For each district, the young people who need an early application there, urgent first.
 * Listed when (1) the audience's consent rule is met, (2) they want to live there (a district they named, or
 * their home district when they named none: districtsWantedToLiveIn) or, for housing officers, have a local
 * connection there, (3) there is no application there, or only one that is
 * tracked but not made (not started, eligible to apply) — an open, housed, refused or closed one takes them
 * off, and (4) they reach the district's application age by the end of its look-ahead window (window end
 * included) or have passed it and are still under 25.
 * Urgent: at or past the application age, or in custody with release within 12 weeks of the 18th birthday.
 * Order: by need, as written down in early-application-order.ts (custody near 18 first).
 */
export function youngPeopleNeedingEarlyApplication(input: {
  youngPeople: readonly YoungPersonHousingFacts[];
  districts: readonly DistrictHousingSettings[];
  applications: readonly TrackedApplication[];
  today: LocalDate;
  audience: EarlyApplicationAudience;
}): EarlyApplicationNeed[] {
  const { today, audience } = input;
  const applicationsByKey = new Map(input.applications.map((application) => [`${application.youngPersonId}:${application.districtId}`, application]));
  const needs: EarlyApplicationNeed[] = [];
  // Date arithmetic is the cost here (hundreds of districts for each person): each date is worked out once.
  const windowEnds = new Map(input.districts.map((district) => [district.districtId, lookaheadWindowEnd(district, today)]));
  for (const person of input.youngPeople) {
    if (audience.requireHousingConsent && !person.sharesWithHousing) continue;
    if (compareDates(today, dateReachingAge(person.dateOfBirth, AGE_25)) >= 0) continue;
    const custodyUrgent = isCustodyReleaseNearEighteenthBirthday(person);
    const wanted = districtsWantedToLiveIn(person);
    const under21 = compareDates(today, dateReachingAge(person.dateOfBirth, AGE_21)) < 0;
    const reachingAge = new Map<string, LocalDate>();
    for (const district of input.districts) {
      const connections = connectionsWithDistrict(person, district, today, under21).filter((connection) => audience.includeLocalConnection || connection !== 'local_connection');
      const wantsToLiveHere = wanted.includes(district.districtId);
      if (!wantsToLiveHere && !connections.includes('local_connection')) continue;
      const application = applicationsByKey.get(`${person.youngPersonId}:${district.districtId}`);
      if (application && !NOT_YET_MADE_STATUSES.includes(application.status)) continue;
      const ageKey = `${district.applicationAge.years}:${district.applicationAge.months}`;
      const reachedOn = reachingAge.get(ageKey) ?? reachingAge.set(ageKey, dateReachingAge(person.dateOfBirth, district.applicationAge)).get(ageKey)!;
      if (compareDates(reachedOn, windowEnds.get(district.districtId)!) > 0) continue;
      const daysUntilApplicationAge = daysBetween(today, reachedOn);
      const urgentReasons: UrgentReason[] = [];
      if (daysUntilApplicationAge <= 0) urgentReasons.push('at_or_past_application_age');
      if (custodyUrgent) urgentReasons.push('custody_release_near_18th_birthday');
      needs.push({
        youngPersonId: person.youngPersonId,
        districtId: district.districtId,
        applicationAgeReachedOn: reachedOn,
        daysUntilApplicationAge,
        standing: daysUntilApplicationAge <= 0 ? 'at_or_past_application_age' : 'reaches_application_age_within_window',
        urgent: urgentReasons.length > 0,
        urgentReasons,
        connections,
        connection: wantsToLiveHere ? 'wants_to_live_here' : 'local_connection_only',
        custodyReleaseNear18On: custodyUrgent ? person.expectedReleaseDate : null,
        sharesWithHousing: person.sharesWithHousing,
        trackedApplication: application ? { applicationId: application.applicationId, status: application.status } : null,
      });
    }
  }
  return needs.sort((a, b) => byNeed(toOrdered(a), toOrdered(b)));
}

const toOrdered = (need: EarlyApplicationNeed) => ({ ...need, atOrPastApplicationAge: need.daysUntilApplicationAge <= 0, wantsToLiveHere: need.connection === 'wants_to_live_here' });
