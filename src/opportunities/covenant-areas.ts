/** The Care Leaver Covenant's five areas, in which its signatories make offers. */
export const COVENANT_AREAS = ['independent_living', 'education_employment_training', 'safety_security', 'mental_physical_health', 'finance'] as const;
export type CovenantArea = (typeof COVENANT_AREAS)[number];

/** GOV.UK: a required qualification is essential (a must) or desirable (a plus). */
export const QUALIFICATION_IMPORTANCE = ['essential', 'desirable'] as const;

/**
 * The area an offer is in when its author named none: work, training and mentoring towards work are
 * education, employment and training; a benefit (travel card, laptop, driving lessons) helps independent living.
 */
export function defaultAreasFor(kind: string): CovenantArea[] {
  return kind === 'benefit' ? ['independent_living'] : ['education_employment_training'];
}
