/**
 * Codes from the DfE statutory return SSDA903 (children looked after / care leavers),
 * so the figures this service produces match what councils already report.
 */

/** Care leaver activity: F = full time, P = part time; G = not in education, employment or training. */
export const ACTIVITY_CODES = {
  F1: 'Full time in higher education',
  P1: 'Part time in higher education',
  F2: 'Full time in other education',
  P2: 'Part time in other education',
  F4: 'Full time apprenticeship',
  P4: 'Part time apprenticeship',
  F5: 'Full time training or employment',
  P5: 'Part time training or employment',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other reasons',
  G6: 'Not in education, employment or training: pregnancy or parenting',
} as const;
export type ActivityCode = keyof typeof ACTIVITY_CODES;
export const ACTIVITY_CODE_VALUES = Object.keys(ACTIVITY_CODES) as [ActivityCode, ...ActivityCode[]];

export function isInEducationEmploymentOrTraining(code: ActivityCode): boolean {
  return !code.startsWith('G');
}

/** Accommodation type letters; each is reported with suitability 1 (suitable) or 2 (unsuitable). */
export const ACCOMMODATION_TYPES = {
  B: 'With parents or relatives',
  C: 'Community home or other form of residential care',
  D: 'Semi-independent, transitional accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings, without formal support',
  R: 'Residence not known',
  S: 'No fixed abode or homeless',
  T: 'Foyers and similar supported accommodation',
  U: 'Independent living',
  V: 'Emergency accommodation',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers',
} as const;
export type AccommodationType = keyof typeof ACCOMMODATION_TYPES;

/** S (no fixed abode) and X (custody) are only ever reported as unsuitable. */
const ALWAYS_UNSUITABLE: readonly AccommodationType[] = ['S', 'X'];

/** The full code, such as "U1" (independent living, suitable) or "X2" (custody). */
export const ACCOMMODATION_CODE_VALUES = (Object.keys(ACCOMMODATION_TYPES) as AccommodationType[]).flatMap((type) =>
  ALWAYS_UNSUITABLE.includes(type) ? [`${type}2`] : [`${type}1`, `${type}2`],
) as [string, ...string[]];

export function isSuitableAccommodation(code: string): boolean {
  return code.endsWith('1');
}

/** Legal categories under the Children Act 1989 as amended by the Children (Leaving Care) Act 2000: recorded, never inferred. */
export const LEGAL_CATEGORIES = ['eligible', 'relevant', 'former_relevant', 'qualifying'] as const;
export type LegalCategory = (typeof LEGAL_CATEGORIES)[number];

export const CARE_STATUSES = ['in_care', 'care_leaver'] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];
