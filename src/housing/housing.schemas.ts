import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { EARLY_APPLICATION_CONNECTIONS } from './early-applications.js';
import { HOUSING_APPLICATION_STATUSES } from './housing-application-statuses.js';
import { freeText, plainText } from '../lib/http/text.js';

const reason = freeText(1000, 3);

export const createHousingApplicationBody = z.strictObject({ districtId: objectId });

export const guarantorPlanInput = z.strictObject({
  kind: z.enum(['guarantor', 'trustee']),
  details: freeText(2000, 3),
});

/** One shape per status, so each step asks for exactly the facts it records. */
export const statusChangeBody = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('not_started'), reason: reason.optional() }),
  z.strictObject({ status: z.literal('eligible_to_apply'), date: localDate.optional() }),
  z.strictObject({ status: z.literal('application_submitted'), submittedDate: localDate, guarantorPlan: guarantorPlanInput.optional() }),
  z.strictObject({
    status: z.literal('registered'),
    reference: plainText(60, 1),
    bandOrPriority: plainText(60, 1),
    localConnection: z.boolean(),
    priorityDate: localDate,
  }),
  z.strictObject({ status: z.literal('interim_or_supported_accommodation'), kind: z.enum(['interim', 'supported']), arrangedDate: localDate }),
  z.strictObject({ status: z.literal('offer_made'), offerDate: localDate }),
  z.strictObject({ status: z.literal('housed'), tenancyStartDate: localDate }),
  z.strictObject({ status: z.literal('refused'), reason, date: localDate.optional() }),
  z.strictObject({ status: z.literal('closed'), reason }),
]);
export type StatusChangeInput = z.output<typeof statusChangeBody>;

const statusEnum = z.enum(HOUSING_APPLICATION_STATUSES);

export const housingApplicationView = z.object({
  id: z.string(),
  youngPersonId: z.string(),
  districtId: z.string(),
  status: statusEnum,
  allowedNextStatuses: z.array(statusEnum),
  submittedDate: z.string().nullable(),
  guarantorPlan: z.object({ kind: z.enum(['guarantor', 'trustee']), details: z.string() }).nullable(),
  registration: z.object({ reference: z.string(), bandOrPriority: z.string(), localConnection: z.boolean(), priorityDate: z.string() }).nullable(),
  accommodation: z.object({ kind: z.enum(['interim', 'supported']), arrangedDate: z.string() }).nullable(),
  offerDate: z.string().nullable(),
  tenancyStartDate: z.string().nullable(),
  refusalReason: z.string().nullable(),
  closedReason: z.string().nullable(),
  history: z.array(z.object({ status: statusEnum, at: z.string(), byUserId: z.string(), byRole: z.string(), date: z.string().nullable(), reason: z.string().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HousingApplicationView = z.infer<typeof housingApplicationView>;

export const earlyApplicationItem = z.object({
  youngPerson: z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), preferredName: z.string().nullable(), dateOfBirth: z.string() }),
  district: z.object({ id: z.string(), name: z.string() }),
  applicationAgeReachedOn: z.string(),
  daysUntilApplicationAge: z.number(),
  standing: z.enum(['reaches_application_age_within_window', 'at_or_past_application_age']),
  urgent: z.boolean(),
  urgentReasons: z.array(z.enum(['at_or_past_application_age', 'custody_release_near_18th_birthday'])),
  connections: z.array(z.enum(['home', 'preferred', 'local_connection'])),
  connection: z.enum(EARLY_APPLICATION_CONNECTIONS).describe('wants_to_live_here: a district they named, or their home district when they named none; local_connection_only: listed only through a local connection'),
  reasons: z.array(z.string()).describe('Why they are on the list, in plain English, most important first'),
  /** Whether the young person agreed to share with housing: always true on a district's list. */
  sharesWithHousing: z.boolean(),
  custody: z.object({ inCustody: z.boolean(), expectedReleaseDate: z.string().nullable() }),
  trackedApplication: z.object({ id: z.string(), status: statusEnum }).nullable(),
});
export type EarlyApplicationItem = z.infer<typeof earlyApplicationItem>;
export const earlyApplicationList = z.object({ asOf: z.string(), items: z.array(earlyApplicationItem) });

/** ?connection=wants-to-live-here|local-connection-only shows one group of the list. */
const connectionFilter = z
  .enum(['wants-to-live-here', 'local-connection-only'])
  .transform((value) => value.replaceAll('-', '_') as (typeof EARLY_APPLICATION_CONNECTIONS)[number])
  .optional();
export const districtEarlyApplicationsQuery = z.strictObject({ connection: connectionFilter });
export const caseloadEarlyApplicationsQuery = z.strictObject({ personalAdviserId: objectId.optional(), connection: connectionFilter });
export type EarlyApplicationListFilter = { connection?: (typeof EARLY_APPLICATION_CONNECTIONS)[number] | undefined };

/** Exactly what a housing officer may see of a young person (DOMAIN.md, Consent and sharing): nothing else. */
export const housingOfficerYoungPersonView = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  personalAdviser: z.object({ name: z.string(), email: z.string() }).nullable(),
  inCustody: z.boolean(),
  expectedReleaseDate: z.string().nullable(),
  accommodationCode: z.string().nullable(),
  districts: z.array(z.object({ districtId: z.string(), districtName: z.string(), wantsToLiveThere: z.boolean(), localConnection: z.boolean() })),
});
export type HousingOfficerYoungPersonView = z.infer<typeof housingOfficerYoungPersonView>;
