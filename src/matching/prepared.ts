/**
 * Inputs worked out once instead of once per pair: normalised subjects, best levels, interest
 * sets, the urgency horizons of the day. Shared by evaluate() and the indexes.
 */
import { addDays, type LocalDate } from '../lib/dates.js';
import type { Sector } from '../opportunities/sectors.js';
import { subjectKey } from '../qualifications/subject-vocabulary.js';
import { CLOSING_FORTNIGHT_DAYS, CLOSING_SOON_DAYS, isInterestRequired, qualificationPoints } from './matching.rules.js';
import type { DistrictGeography, MatchableOpportunity, MatchableYoungPerson } from './matching.types.js';

/** Today and the urgency horizons, worked out once per ranking rather than once per pair. */
export interface MatchDay {
  readonly today: LocalDate;
  readonly soonDate: LocalDate;
  readonly fortnightDate: LocalDate;
}

let lastDay: MatchDay | undefined;

/** Throws a RangeError when `today` is not a 'YYYY-MM-DD' calendar date. */
export function matchDay(today: LocalDate): MatchDay {
  if (lastDay?.today !== today) {
    lastDay = { today, soonDate: addDays(today, CLOSING_SOON_DAYS), fortnightDate: addDays(today, CLOSING_FORTNIGHT_DAYS) };
  }
  return lastDay;
}

export interface PreparedYoungPerson {
  readonly person: MatchableYoungPerson;
  /** Best level held per subject key (subject-vocabulary.ts: "Mathematics" and "Maths" are one). */
  readonly heldLevels: ReadonlyMap<string, number>;
  /** The same from checked qualifications only: a ring-fenced place counts only these (qualificationsCounted). */
  readonly confirmedLevels: ReadonlyMap<string, number>;
  readonly interests: ReadonlySet<Sector>;
}

export function prepareYoungPerson(person: MatchableYoungPerson): PreparedYoungPerson {
  const heldLevels = new Map<string, number>();
  const confirmedLevels = new Map<string, number>();
  for (const { subject, level, confirmed } of person.qualifications) {
    const key = subjectKey(subject);
    if (level > (heldLevels.get(key) ?? Number.NEGATIVE_INFINITY)) heldLevels.set(key, level);
    if (confirmed !== false && level > (confirmedLevels.get(key) ?? Number.NEGATIVE_INFINITY)) confirmedLevels.set(key, level);
  }
  return { person, heldLevels, confirmedLevels, interests: new Set(person.interests) };
}

export interface PreparedOpportunity {
  readonly opportunity: MatchableOpportunity;
  /** subject is the vocabulary key for comparing; label is the employer's own wording, for the PA. */
  readonly requirements: readonly { readonly subject: string; readonly label: string; readonly level: number; readonly essential: boolean }[];
  /** The most checkQualifications can give: every requirement held above the level asked. */
  readonly maxQualificationPoints: number;
  /** The interest in its sector is a requirement (ring-fenced: isInterestRequired). */
  readonly interestRequired: boolean;
  /** Something can be unmet, so someone can be a near miss: a qualification or a required interest. */
  readonly canBeNearMiss: boolean;
}

export function prepareOpportunity(opportunity: MatchableOpportunity): PreparedOpportunity {
  const requirements = opportunity.requiredQualifications.map(({ subject, level, importance }) => ({
    subject: subjectKey(subject),
    label: subject.trim().replace(/\s+/g, ' '),
    level,
    essential: importance !== 'desirable',
  }));
  const maxQualificationPoints = requirements.reduce((sum, { level }) => sum + qualificationPoints(level + 1, level), 0);
  const interestRequired = isInterestRequired(opportunity);
  return { opportunity, requirements, maxQualificationPoints, interestRequired, canBeNearMiss: interestRequired || requirements.some((requirement) => requirement.essential) };
}

/**
 * From the young person's nearest district to the opportunity's; Infinity when either has none.
 * (A plain loop, not Math.min: a NaN distance must count as unreachable, not poison the rest.)
 */
export function nearestDistanceKm(
  districtIds: readonly string[],
  toDistrictId: string | null,
  geography: DistrictGeography,
): number {
  let nearest = Number.POSITIVE_INFINITY;
  if (toDistrictId === null) return nearest;
  for (const from of districtIds) {
    const km = geography.distanceKm(from, toDistrictId);
    if (km < nearest) nearest = km;
  }
  return nearest;
}
