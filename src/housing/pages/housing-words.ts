import type { HousingApplicationStatus } from '../housing-application-statuses.js';

export { idFrom } from '../../lib/pages/pages.js';

/** Each status as a housing officer says it. */
export const STATUS_NAMES: Readonly<Record<HousingApplicationStatus, string>> = {
  not_started: 'Not started',
  eligible_to_apply: 'Eligible to apply',
  application_submitted: 'Application submitted',
  registered: 'On the housing register',
  interim_or_supported_accommodation: 'Interim or supported accommodation',
  offer_made: 'Offer of a home made',
  housed: 'Housed',
  refused: 'Refused',
  closed: 'Closed',
};

/** GOV.UK tag colours: waiting to be made (yellow), in progress (blue), housed (green), refused (red), closed (grey). */
export const STATUS_TAG_CLASSES: Readonly<Record<HousingApplicationStatus, string>> = {
  not_started: 'govuk-tag--yellow',
  eligible_to_apply: 'govuk-tag--yellow',
  application_submitted: 'govuk-tag--blue',
  registered: 'govuk-tag--blue',
  interim_or_supported_accommodation: 'govuk-tag--blue',
  offer_made: 'govuk-tag--turquoise',
  housed: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  closed: 'govuk-tag--grey',
};
