/**
 * The single source of truth for one young person against one opportunity. The plain functions
 * call evaluate() on every pair; the indexes skip pairs that a hard rule would exclude or whose
 * score cannot reach the results, score the rest with checkQualifications() and fitPoints(), and
 * explain the ones they return with explainAdmitted(): the same functions evaluate() uses.
 */
import { daysBetween, type LocalDate } from '../lib/dates.js';
import { explain } from './matching.explanations.js';
import {
  MAX_MISSING_FOR_NEAR_MISS,
  QUALIFICATION_MET_POINTS,
  RING_FENCED_POINTS,
  SECTOR_INTEREST_POINTS,
  ageAtStartExclusion,
  ageReferenceDate,
  closingUrgencyPoints,
  countsOnlyConfirmedQualifications,
  distancePoints,
  hasAgreedSharing,
  hasClosingDatePassed,
  hasNoPlacesLeft,
  isCareStatusEligible,
  isOpenForReferrals,
  isQualificationMet,
  qualificationPoints,
  reachExclusion,
} from './matching.rules.js';
import type {
  DistrictGeography,
  Evaluation,
  ExclusionCode,
  MatchableOpportunity,
  MatchableYoungPerson,
  MatchResult,
  MissingQualification,
  Reason,
} from './matching.types.js';
import {
  matchDay,
  nearestDistanceKm,
  prepareOpportunity,
  prepareYoungPerson,
  type MatchDay,
  type PreparedOpportunity,
  type PreparedYoungPerson,
} from './prepared.js';

/** Qualification check: unmet qualifications counted (and listed when `missing` is given), points for met ones. */
export function checkQualifications(
  youngPerson: PreparedYoungPerson,
  opportunity: PreparedOpportunity,
  reasons: Reason[] | null,
  missing: MissingQualification[] | null,
  missingLabels: string[] | null = null,
): { missingCount: number; points: number } {
  let missingCount = 0;
  let points = 0;
  const levels = countsOnlyConfirmedQualifications(opportunity.opportunity) ? youngPerson.confirmedLevels : youngPerson.heldLevels;
  for (const { subject, label, level, essential } of opportunity.requirements) {
    const held = levels.get(subject);
    if (isQualificationMet(held, level)) {
      const earned = qualificationPoints(held!, level);
      points += earned;
      if (reasons) {
        reasons.push(
          earned > QUALIFICATION_MET_POINTS
            ? { code: 'qualification_above', points: earned, text: explain.qualificationAbove(label, held!, level) }
            : { code: 'qualification_met', points: earned, text: explain.qualificationMet(label, level) },
        );
      }
    } else if (essential) {
      missingCount += 1;
      const awaitingCheck = levels !== youngPerson.heldLevels && isQualificationMet(youngPerson.heldLevels.get(subject), level);
      missing?.push({ subject, level, ...(held === undefined ? {} : { heldLevel: held }), ...(awaitingCheck ? { awaitingCheck } : {}) });
      missingLabels?.push(label);
    }
  }
  if (reasons && opportunity.requirements.length === 0) {
    reasons.push({ code: 'no_qualifications_needed', points: 0, text: explain.noQualificationsNeeded() });
  }
  return { missingCount, points };
}

/** Points for everything but qualifications: interest, ring-fence, distance, urgency. */
export function fitPoints(
  youngPerson: PreparedYoungPerson,
  prepared: PreparedOpportunity,
  nearestKm: number,
  day: MatchDay,
  reasons: Reason[] | null,
): number {
  const { opportunity } = prepared;
  let points = 0;
  if (opportunity.sector !== null) {
    const interested = youngPerson.interests.has(opportunity.sector);
    if (interested) points += SECTOR_INTEREST_POINTS;
    if (interested) reasons?.push({ code: 'sector_interest', points: SECTOR_INTEREST_POINTS, text: explain.sectorInterest(opportunity.sector) });
    // Where the interest is required, its absence is explained with what is missing (explainAdmitted).
    else if (!prepared.interestRequired) reasons?.push({ code: 'sector_not_of_interest', points: 0, text: explain.sectorNotOfInterest(opportunity.sector) });
  }
  if (opportunity.ringFenced) {
    points += RING_FENCED_POINTS;
    reasons?.push({ code: 'ring_fenced', points: RING_FENCED_POINTS, text: explain.ringFenced() });
  }
  const distance = distancePoints(opportunity.remote, nearestKm);
  points += distance;
  reasons?.push(
    opportunity.remote
      ? { code: 'remote', points: distance, text: explain.remote() }
      : { code: 'distance', points: distance, text: explain.distance(nearestKm, youngPerson.person.maxTravelKm) },
  );
  const urgency = closingUrgencyPoints(opportunity.closingDate, day.soonDate, day.fortnightDate);
  points += urgency;
  if (reasons && urgency > 0 && opportunity.closingDate !== null) {
    const daysLeft = daysBetween(day.today, opportunity.closingDate);
    reasons.push({
      code: opportunity.closingDate <= day.soonDate ? 'closing_within_7_days' : 'closing_within_14_days',
      points: urgency,
      text: explain.closingSoon(daysLeft, opportunity.closingDate),
    });
  }
  return points;
}

/** A ring-fenced place's area of work is a requirement (isInterestRequired) they have not said they are interested in. */
export function lacksRequiredInterest(youngPerson: PreparedYoungPerson, opportunity: PreparedOpportunity): boolean {
  return opportunity.interestRequired && !youngPerson.interests.has(opportunity.opportunity.sector!);
}

/** Every hard rule, in EXCLUSION_RULES order. */
export function hardRuleFailures(
  { person }: PreparedYoungPerson,
  { opportunity }: PreparedOpportunity,
  nearestKm: number,
  day: MatchDay,
): ExclusionCode[] {
  const failures: ExclusionCode[] = [];
  if (!isOpenForReferrals(opportunity.status)) failures.push('not_open');
  if (hasClosingDatePassed(opportunity.closingDate, day.today)) failures.push('closing_date_passed');
  if (hasNoPlacesLeft(opportunity.places, opportunity.placesFilled)) failures.push('no_places_left');
  if (!isCareStatusEligible(person.careStatus, opportunity.eligibleCareStatus)) failures.push('care_status_not_eligible');
  const referenceDate = ageReferenceDate(opportunity.startDate, day.today);
  const age = ageAtStartExclusion(person.dateOfBirth, opportunity.minAgeAtStart, opportunity.maxAgeAtStart, referenceDate);
  if (age !== null) failures.push(age);
  const reach = reachExclusion(opportunity.remote, opportunity.districtId, nearestKm, person.maxTravelKm);
  if (reach !== null) failures.push(reach);
  if (!hasAgreedSharing(person.employerSharing, opportunity.sharingNeeded)) failures.push('sharing_not_agreed');
  return failures;
}

/** evaluate() on prepared inputs. */
export function assess(
  youngPerson: PreparedYoungPerson,
  opportunity: PreparedOpportunity,
  nearestKm: number,
  day: MatchDay,
): Evaluation {
  const excludedBy = hardRuleFailures(youngPerson, opportunity, nearestKm, day);
  const missing: MissingQualification[] = [];
  const qualificationsMissing = checkQualifications(youngPerson, opportunity, null, missing).missingCount;
  const interestMissing = lacksRequiredInterest(youngPerson, opportunity);
  if (qualificationsMissing > MAX_MISSING_FOR_NEAR_MISS) excludedBy.push('qualifications_missing');
  if (interestMissing && qualificationsMissing + 1 > MAX_MISSING_FOR_NEAR_MISS) excludedBy.push('interest_not_stated');
  if (excludedBy.length > 0) {
    const ids = { youngPersonId: youngPerson.person.id, opportunityId: opportunity.opportunity.id };
    return { outcome: 'excluded', ...ids, excludedBy, missing };
  }
  return explainAdmitted(youngPerson, opportunity, nearestKm, day);
}

/**
 * The scored, explained result for a pair that passed every hard rule. The indexes call this
 * directly for the pairs they return, having established the hard rules themselves.
 * (With more than MAX_MISSING_FOR_NEAR_MISS unmet, assess() turns it into an exclusion.)
 */
export function explainAdmitted(
  youngPerson: PreparedYoungPerson,
  opportunity: PreparedOpportunity,
  nearestKm: number,
  day: MatchDay,
): MatchResult {
  const reasons: Reason[] = [];
  const missing: MissingQualification[] = [];
  const missingLabels: string[] = [];
  const qualifications = checkQualifications(youngPerson, opportunity, reasons, missing, missingLabels);
  const score = qualifications.points + fitPoints(youngPerson, opportunity, nearestKm, day, reasons);
  const missingInterest = lacksRequiredInterest(youngPerson, opportunity) ? opportunity.opportunity.sector : null;
  if (missingInterest !== null) reasons.push({ code: 'interest_not_stated', points: 0, text: explain.interestNotStated(missingInterest) });
  missing.forEach((item, i) => {
    const text = explain.qualificationMissing(missingLabels[i] ?? item.subject, item.level, item.heldLevel, item.awaitingCheck === true);
    reasons.push({ code: 'qualification_missing', points: 0, text });
  });
  // Highest points first; equal points keep rule order (Array.prototype.sort is stable).
  reasons.sort((a, b) => b.points - a.points);
  return {
    outcome: missing.length === 0 && missingInterest === null ? 'match' : 'near_miss',
    youngPersonId: youngPerson.person.id,
    opportunityId: opportunity.opportunity.id,
    score,
    closingDate: opportunity.opportunity.closingDate,
    reasons,
    missing,
    missingInterest,
  };
}

/**
 * One young person against one opportunity on `today`: excluded (with every failing rule), a
 * near miss (one requirement unmet, a qualification or a ring-fenced place's interest, with what is missing) or a match, each with a score and
 * the reasons behind it. Pure: no clock, no I/O.
 */
export function evaluate(
  youngPerson: MatchableYoungPerson,
  opportunity: MatchableOpportunity,
  geography: DistrictGeography,
  today: LocalDate,
): Evaluation {
  const nearestKm = opportunity.remote ? 0 : nearestDistanceKm(youngPerson.districtIds, opportunity.districtId, geography);
  return assess(prepareYoungPerson(youngPerson), prepareOpportunity(opportunity), nearestKm, matchDay(today));
}
