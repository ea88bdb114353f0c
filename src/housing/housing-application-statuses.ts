/** Where a social housing application with a district council stands (DOMAIN.md, Housing from 17½). */
export const HOUSING_APPLICATION_STATUSES = [
  'not_started',
  'eligible_to_apply',
  'application_submitted',
  'registered',
  'interim_or_supported_accommodation',
  'offer_made',
  'housed',
  'refused',
  'closed',
] as const;
export type HousingApplicationStatus = (typeof HOUSING_APPLICATION_STATUSES)[number];

/**
 * Every allowed status change, in one table; anything not listed is refused with 409.
 * Reading it: an application is tracked (not started, eligible), then made (submitted), then the district
 * registers it and may arrange interim or supported accommodation while the young person waits for an offer.
 * - An offer that is declined or withdrawn puts the application back on the register.
 * - A refusal can be challenged or re-made: refused -> application_submitted.
 * - Closed is for a case that no longer needs this district (moved, housed elsewhere); it can be reopened.
 */
export const HOUSING_APPLICATION_TRANSITIONS: Readonly<Record<HousingApplicationStatus, readonly HousingApplicationStatus[]>> = {
  not_started: ['eligible_to_apply', 'application_submitted', 'closed'],
  eligible_to_apply: ['application_submitted', 'closed'],
  application_submitted: ['registered', 'interim_or_supported_accommodation', 'refused', 'closed'],
  registered: ['interim_or_supported_accommodation', 'offer_made', 'refused', 'closed'],
  interim_or_supported_accommodation: ['registered', 'offer_made', 'refused', 'closed'],
  offer_made: ['housed', 'registered', 'refused', 'closed'],
  housed: ['closed'],
  refused: ['application_submitted', 'closed'],
  closed: ['not_started'],
};

/** Tracked but not yet made: the young person stays on the early-application list for that district. */
export const NOT_YET_MADE_STATUSES: readonly HousingApplicationStatus[] = ['not_started', 'eligible_to_apply'];
/** Made and waiting for an outcome: these are the "open applications". */
export const OPEN_STATUSES: readonly HousingApplicationStatus[] = ['application_submitted', 'registered', 'interim_or_supported_accommodation', 'offer_made'];

export const statusInWords = (status: HousingApplicationStatus) => status.replaceAll('_', ' ');

export function isAllowedTransition(from: HousingApplicationStatus, to: HousingApplicationStatus): boolean {
  return HOUSING_APPLICATION_TRANSITIONS[from].includes(to);
}

/**
 * Why a change is refused, in words a PA or housing officer can act on, built from the table so the two
 * never disagree: "Cannot move ... from "not started" to "housed": "housed" can only follow "offer made". ..."
 */
export function refusedTransitionMessage(from: HousingApplicationStatus, to: HousingApplicationStatus): string {
  if (from === to) return `This housing application is already "${statusInWords(to)}".`;
  const sources = HOUSING_APPLICATION_STATUSES.filter((status) => isAllowedTransition(status, to)).map((status) => `"${statusInWords(status)}"`);
  const next = HOUSING_APPLICATION_TRANSITIONS[from].map(statusInWords).join(', ') || 'nothing';
  return `Cannot move this housing application from "${statusInWords(from)}" to "${statusInWords(to)}": "${statusInWords(to)}" can only follow ${sources.join(' or ')}. From "${statusInWords(from)}" it can move to: ${next}.`;
}
