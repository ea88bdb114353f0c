import type { LocalDate } from '../lib/dates.js';

/** The fields the offer rules look at, after a change is merged onto what is stored. */
export interface OfferShape {
  kind: string;
  organisationId: string | null;
  closingDate: LocalDate | null;
  startDate: LocalDate | null;
  places: number;
  placesFilled: number;
  minAgeAtStart: number | null;
  maxAgeAtStart: number | null;
  districtId: string | null;
  remote: boolean;
  weeklyHours: number | null;
}

export type Problem = { path: string; message: string };

/** GOV.UK: apprenticeship vacancies are for 16 to 48 hours a week. */
const APPRENTICESHIP_WEEKLY_HOURS = { min: 16, max: 48 } as const;

/**
 * Details that make an offer impossible or misleading; empty when it is fine. Input-level problems
 * (answered 400 with field paths). `closingDateChanged` limits the past-date rule to a date being set now,
 * so an unrelated edit is not refused because the stored date passed today (editing it is refused anyway).
 */
export function offerProblems(offer: OfferShape, today: LocalDate, closingDateChanged: boolean): Problem[] {
  const problems: Problem[] = [];
  if (closingDateChanged && offer.closingDate !== null && offer.closingDate < today) {
    problems.push({ path: 'closingDate', message: `must not be in the past (today is ${today})` });
  }
  if (offer.closingDate !== null && offer.startDate !== null && offer.startDate <= offer.closingDate) {
    problems.push({ path: 'startDate', message: `must be after the closing date (${offer.closingDate}): GOV.UK vacancies start after they close` });
  }
  if (offer.minAgeAtStart !== null && offer.maxAgeAtStart !== null && offer.minAgeAtStart > offer.maxAgeAtStart) {
    problems.push({ path: 'minAgeAtStart', message: `must not be more than maxAgeAtStart (${offer.maxAgeAtStart})` });
  }
  if (!offer.remote && offer.districtId === null) {
    problems.push({ path: 'districtId', message: 'is required unless the offer is remote: where would the young person go?' });
  }
  if (offer.kind === 'ring_fenced_apprenticeship' && offer.organisationId !== null) {
    problems.push({ path: 'organisationId', message: 'must be empty: ring-fenced apprenticeships are the council\'s own' });
  }
  const isApprenticeship = offer.kind === 'apprenticeship' || offer.kind === 'ring_fenced_apprenticeship';
  if (isApprenticeship && offer.weeklyHours !== null && (offer.weeklyHours < APPRENTICESHIP_WEEKLY_HOURS.min || offer.weeklyHours > APPRENTICESHIP_WEEKLY_HOURS.max)) {
    problems.push({ path: 'weeklyHours', message: `must be ${APPRENTICESHIP_WEEKLY_HOURS.min} to ${APPRENTICESHIP_WEEKLY_HOURS.max} for an apprenticeship` });
  }
  return problems;
}

/** A business-rule conflict with what already happened: places already taken by started referrals. */
export function placesConflict(offer: Pick<OfferShape, 'places' | 'placesFilled'>): string | null {
  return offer.placesFilled > offer.places ? `${offer.placesFilled} places are already filled, so the offer cannot have fewer (${offer.places}).` : null;
}

/**
 * Changes to these fields change what a young person is offered, so a live employer offer needs the
 * council's approval again. The closing date is not among them: an employer may extend it while open.
 */
export const MATERIAL_FIELDS = [
  'title',
  'kind',
  'sector',
  'level',
  'requiredQualifications',
  'places',
  'startDate',
  'durationMonths',
  'minAgeAtStart',
  'maxAgeAtStart',
  'eligibleCareStatus',
  'districtId',
  'remote',
  'locationDescription',
  'wageType',
  'weeklyHours',
  'yearlyWagePence',
] as const;

/** The material fields whose value the change really alters (sending the same value again is no change). */
export function materialChanges(stored: Record<string, unknown>, changes: Record<string, unknown>): string[] {
  return MATERIAL_FIELDS.filter((field) => field in changes && !sameValue(stored[field], changes[field]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object' && 'toHexString' in value) return String(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'subjectKey').sort(([a], [b]) => a.localeCompare(b)).map(([key, v]) => [key, normalise(v)]));
  }
  return value;
}
