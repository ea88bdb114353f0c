import { addDays, dayMonthYear, type LocalDate } from '../lib/dates.js';
import { apprenticeshipProblems, type ApprenticeshipShape } from './apprenticeship-rules.js';

/** The fields the offer rules look at, after a change is merged onto what is stored. */
export interface OfferShape extends ApprenticeshipShape {
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
  /** Available to all, wherever they live (a national Covenant offer): no district. */
  national: boolean;
}

export type Problem = { path: string; message: string };

/**
 * Details that make an offer impossible or misleading; empty when it is fine. Input-level problems
 * (answered 400 with field paths). `closingDateChanged` limits the past-date rule to a date being set now,
 * so an unrelated edit is not refused because the stored date passed today (editing it is refused anyway).
 */
export function offerProblems(offer: OfferShape, today: LocalDate, closingDateChanged: boolean): Problem[] {
  const problems: Problem[] = [];
  if (closingDateChanged && offer.closingDate !== null && offer.closingDate < today) {
    problems.push({ path: 'closingDate', message: `must not be in the past (today is ${dayMonthYear(today)})` });
  }
  if (offer.closingDate !== null && offer.startDate !== null && offer.startDate <= offer.closingDate) {
    problems.push({ path: 'startDate', message: `must be after the closing date, ${dayMonthYear(offer.closingDate)}: an offer starts after it closes` });
  }
  if (offer.minAgeAtStart !== null && offer.maxAgeAtStart !== null && offer.minAgeAtStart > offer.maxAgeAtStart) {
    problems.push({ path: 'minAgeAtStart', message: `must not be more than the oldest age at start (${offer.maxAgeAtStart})` });
  }
  if (!offer.remote && !offer.national && offer.districtId === null) {
    problems.push({ path: 'districtId', message: 'is required unless the offer is remote or national: where would the young person go?' });
  }
  if (offer.national && offer.districtId !== null) {
    problems.push({ path: 'districtId', message: 'must be empty for a national offer: it is available to all' });
  }
  if (offer.kind === 'ring_fenced_apprenticeship' && offer.organisationId !== null) {
    problems.push({ path: 'organisationId', message: 'must be empty: ring-fenced apprenticeships are the council\'s own' });
  }
  problems.push(...apprenticeshipProblems(offer));
  return problems;
}

/**
 * GOV.UK: the closing date must be at least a set number of days after the vacancy is submitted (it has
 * been 14, 1 and 7: CLOSING_DATE_MIN_LEAD_DAYS). Checked when an offer is submitted for approval or opened.
 */
export function closingDateLeadProblems(closingDate: LocalDate | null, today: LocalDate, minLeadDays: number): Problem[] {
  const earliest = addDays(today, minLeadDays);
  if (closingDate === null || closingDate >= earliest) return [];
  return [{ path: 'closingDate', message: `must be at least ${minLeadDays} days after submission: ${dayMonthYear(earliest)} or later` }];
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
  'description',
  'whatYouWillDo',
  'skills',
  'sharingNeeded',
  'benefitType',
  'areas',
  'national',
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

export function sameValue(a: unknown, b: unknown): boolean {
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
