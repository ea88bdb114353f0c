/**
 * Every matching rule and weight, in one place. Each says where it comes from:
 * DOMAIN.md (the service's distilled domain), a seed (seeds/00x), or GOV.UK guidance.
 * The engine (evaluate.ts) and the indexes only compose these; change a rule here and both
 * directions, the indexes and the tests follow.
 */
import { ageOn } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';
import type { CareStatus } from '../young-people/ssda903.js';
import type { EmployerSharing, ExclusionCode, MatchableOpportunity } from './matching.types.js';

// ---------------------------------------------------------------------------------------------
// Hard rules: any failure excludes the pair.
// ---------------------------------------------------------------------------------------------

/**
 * Age is taken on the start date, or today when there is none or it has already passed (a late
 * referral starts now). DOMAIN.md: "age rules are date rules", counted with ageOn (29 February
 * birthdays fall on 1 March in common years). GOV.UK vacancies carry a start date after closing.
 */
export function ageReferenceDate(startDate: LocalDate | null, today: LocalDate): LocalDate {
  return startDate !== null && startDate > today ? startDate : today;
}

/**
 * Completed years on the reference date must lie in [minAgeAtStart, maxAgeAtStart], both inclusive
 * (a maximum of 24 means "not yet 25", the end of PA support: DOMAIN.md, seed 002 iv).
 * Someone not yet born on the reference date is too young (bad data must not throw mid-ranking).
 */
export function ageAtStartExclusion(
  dateOfBirth: LocalDate,
  minAgeAtStart: number | null,
  maxAgeAtStart: number | null,
  referenceDate: LocalDate,
): 'too_young_at_start' | 'too_old_at_start' | null {
  if (minAgeAtStart === null && maxAgeAtStart === null) return null;
  if (referenceDate < dateOfBirth) return 'too_young_at_start';
  const years = ageOn(dateOfBirth, referenceDate).years;
  if (minAgeAtStart !== null && years < minAgeAtStart) return 'too_young_at_start';
  if (maxAgeAtStart !== null && years > maxAgeAtStart) return 'too_old_at_start';
  return null;
}

/** An offer may be for children in care, for care leavers, or both (DOMAIN.md, seed 002 iii). */
export function isCareStatusEligible(careStatus: CareStatus, eligible: CareStatus | 'both'): boolean {
  return eligible === 'both' || eligible === careStatus;
}

/**
 * Only approved, live offers are shown: council staff approve offers before PAs see them
 * (DOMAIN.md, covenant offers); GOV.UK: only a live vacancy takes applications.
 */
export function isOpenForReferrals(status: MatchableOpportunity['status']): boolean {
  return status === 'open';
}

/** The closing date is the last day a referral is accepted, so closing today is still open (GOV.UK). */
export function hasClosingDatePassed(closingDate: LocalDate | null, today: LocalDate): boolean {
  return closingDate !== null && closingDate < today;
}

/** Places filled against the number offered (DOMAIN.md: "count of places filled against the target"). */
export function hasNoPlacesLeft(places: number, placesFilled: number): boolean {
  return placesFilled >= places;
}

/**
 * Reach, from the young person's nearest district (home or where they would live or work) to
 * the opportunity's district, within their own travel limit. Remote offers need no travel and
 * reach everyone. DECISION: an offer with no district that is not remote reaches NOBODY
 * ('no_location'), so a missing location shows up as an unmatched offer rather than silently
 * matching all of England; the data layer must set remote: true for offers that need no travel
 * (travel cards, laptops, online mentoring). Unknown districts are infinitely far.
 */
export function reachExclusion(
  remote: boolean,
  districtId: string | null,
  nearestKm: number,
  maxTravelKm: number,
): 'no_location' | 'too_far' | null {
  if (remote) return null;
  if (districtId === null) return 'no_location';
  // An unknown district is infinitely far: out of reach even of an unlimited traveller.
  return Number.isFinite(nearestKm) && nearestKm <= maxTravelKm ? null : 'too_far';
}

/**
 * The young person decides what an employer sees (DOMAIN.md, consent and sharing); a referral
 * needs at least what the employer asks for. Order: nothing < anonymous profile < name and contact.
 */
export const SHARING_RANK: Readonly<Record<EmployerSharing | 'none', number>> = {
  none: 0,
  nothing: 0,
  anonymous_profile: 1,
  name_and_contact: 2,
};

export function hasAgreedSharing(agreed: EmployerSharing, needed: MatchableOpportunity['sharingNeeded']): boolean {
  return SHARING_RANK[agreed] >= SHARING_RANK[needed];
}

// ---------------------------------------------------------------------------------------------
// Requirements: a held qualification in the same subject (one vocabulary of equivalents,
// src/qualifications/subject-vocabulary.ts: "Mathematics" is "Maths") at the same or a higher
// level meets a requirement (seed 002 item 14 vi: "had the relevant qualification"; RQF levels
// nest, so Level 3 maths satisfies Level 2). For a ring-fenced apprenticeship the interest in its
// area of work is a requirement too (isInterestRequired). One unmet requirement is a NEAR MISS the
// PA can act on (a course, a resit, asking about the interest); more than this many is an
// exclusion ('qualifications_missing', 'interest_not_stated').
// ---------------------------------------------------------------------------------------------

export function isQualificationMet(heldLevel: number | undefined, requiredLevel: number): boolean {
  return heldLevel !== undefined && heldLevel >= requiredLevel;
}

/**
 * Seed 002 item 14 vi: ring-fenced apprentices "were matched to young people who had expressed an
 * interest in that area of work and had the relevant qualification": both are requirements. So for a
 * ring-fenced apprenticeship with an area of work, someone qualified who has not said they are
 * interested is a near miss (the PA can ask them), not a match. For every other kind (and a
 * ring-fenced place with no sector) interest only scores (SECTOR_INTEREST_POINTS).
 */
export function isInterestRequired(opportunity: Pick<MatchableOpportunity, 'ringFenced' | 'sector'>): boolean {
  return opportunity.ringFenced && opportunity.sector !== null;
}

/**
 * A young person may add qualifications on their own pages; until their PA has checked the certificate they are
 * "not yet checked". A ring-fenced place is reserved, and offered ahead of everyone else, on the council's word
 * that the young person holds what it needs, so only checked qualifications count for it; for every other
 * opening an unchecked one counts (the employer sees the certificate at interview).
 */
export function countsOnlyConfirmedQualifications(opportunity: Pick<MatchableOpportunity, 'ringFenced'>): boolean {
  return opportunity.ringFenced;
}

/** Unmet requirements (qualifications, and a required interest) allowed for a near miss. */
export const MAX_MISSING_FOR_NEAR_MISS = 1;

// ---------------------------------------------------------------------------------------------
// Fit: whole points, added up; the explanation lists each with its points. No seed gives numbers:
// the weights are this service's choice, set so that the order follows the sources (interest
// and qualifications first, as the seed matched apprentices; ring-fenced places ahead).
// ---------------------------------------------------------------------------------------------

/** Seed 002 item 14 vi: apprentices "matched to young people who had expressed an interest in that area of work". */
export const SECTOR_INTEREST_POINTS = 40;

/**
 * DOMAIN.md, ring-fenced apprenticeships: "a ring-fenced place is offered to care leavers before
 * anyone else". Every young person here is in care or a care leaver, the groups the council
 * ring-fences for (seed 002 item 14 vi), so each eligible one gets the points; who is eligible
 * at all is eligibleCareStatus's job.
 */
export const RING_FENCED_POINTS = 30;

/** Seed 002 item 14 vi: "had the relevant qualification". Per requirement met. */
export const QUALIFICATION_MET_POINTS = 10;
/** Extra per requirement where they hold a higher level than needed: a stronger candidate. */
export const QUALIFICATION_ABOVE_POINTS = 5;

export function qualificationPoints(heldLevel: number, requiredLevel: number): number {
  return QUALIFICATION_MET_POINTS + (heldLevel > requiredLevel ? QUALIFICATION_ABOVE_POINTS : 0);
}

/**
 * Closer is better: travel costs money and time (covenant offers include travel cards for this
 * reason: DOMAIN.md, seed 002 iii). Bands in km from their nearest district, inclusive; a remote
 * offer scores as if on the doorstep.
 */
export const DISTANCE_BANDS: readonly { readonly withinKm: number; readonly points: number }[] = [
  { withinKm: 5, points: 20 },
  { withinKm: 10, points: 15 },
  { withinKm: 20, points: 10 },
  { withinKm: 30, points: 5 },
];
export const REMOTE_POINTS = 20;

export function distancePoints(remote: boolean, nearestKm: number): number {
  if (remote) return REMOTE_POINTS;
  for (const band of DISTANCE_BANDS) if (nearestKm <= band.withinKm) return band.points;
  return 0;
}

/**
 * Urgency: an offer closing soon is raised so the PA refers in time. GOV.UK reminds about
 * vacancies closing in 7 days (DOMAIN.md); 14 days, a fortnight's notice, is this service's own
 * second step. Both inclusive: closing exactly 7 days from today is "within 7 days".
 */
export const CLOSING_SOON_DAYS = 7;
export const CLOSING_SOON_POINTS = 10;
export const CLOSING_FORTNIGHT_DAYS = 14;
export const CLOSING_FORTNIGHT_POINTS = 5;

/** `soonDate`/`fortnightDate` are today + 7 and today + 14 days (see MatchDay in prepared.ts). */
export function closingUrgencyPoints(closingDate: LocalDate | null, soonDate: LocalDate, fortnightDate: LocalDate): number {
  if (closingDate === null) return 0;
  if (closingDate <= soonDate) return CLOSING_SOON_POINTS;
  if (closingDate <= fortnightDate) return CLOSING_FORTNIGHT_POINTS;
  return 0;
}

/** Exclusion codes in the order rules are checked and reported. */
export const EXCLUSION_RULES: Readonly<Record<ExclusionCode, string>> = {
  not_open: 'Not open for referrals (a draft, awaiting approval, closed, filled or withdrawn)',
  closing_date_passed: 'The closing date has passed',
  no_places_left: 'Every place is filled',
  care_status_not_eligible: 'Only for children in care, or only for care leavers, and they are the other',
  too_young_at_start: 'Below the minimum age on the start date',
  too_old_at_start: 'Above the maximum age on the start date',
  no_location: 'Has no district and is not remote, so it cannot be reached',
  too_far: 'Further than they will travel from any of their districts',
  sharing_not_agreed: 'Needs them to share more with the employer than they agreed',
  qualifications_missing: 'Two or more required qualifications missing',
  interest_not_stated: 'Ring-fenced for those interested in its area of work: they have not said they are, and are short of a qualification too',
};
