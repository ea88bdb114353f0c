import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { SECTORS } from '../opportunities/sectors.js';
import { email, password } from '../users/users.schemas.js';
import { COVENANT_OUTCOME_AREAS, ORGANISATION_SIZES, ORGANISATION_STATUSES } from './organisations.model.js';
import { freeText, plainText } from '../lib/http/text.js';

const squash = (value: string) => value.trim().toUpperCase().replace(/\s+/g, '');

/**
 * Companies House company number: 8 characters, either 8 digits (England and Wales; shorter numbers are
 * written with leading zeros) or a 2-letter register prefix and 6 digits (SC Scotland, NI Northern Ireland,
 * OC LLPs, ...). Source: Companies House, "company registration number" format.
 */
export const companiesHouseNumber = z
  .string()
  .transform(squash)
  .transform((value) => (/^\d{1,7}$/.test(value) ? value.padStart(8, '0') : value))
  .pipe(z.string().regex(/^(\d{8}|[A-Z]{2}\d{6}|R0\d{6})$/, 'must be a Companies House number: 8 digits, or 2 letters and 6 digits (e.g. 01234567, SC123456)'));

/**
 * Registered charity number: England and Wales 6 or 7 digits (a linked charity adds -1, -2...), Scotland SC
 * and 6 digits, Northern Ireland NIC and 6 digits. Source: Charity Commission, OSCR, CCNI registers.
 */
export const charityNumber = z
  .string()
  .transform(squash)
  .pipe(z.string().regex(/^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6})$/, 'must be a registered charity number (e.g. 1123456, SC012345, NIC100002)'));

/** UK postcode, normalised to upper case with one space before the inward code. */
export const postcode = z
  .string()
  .transform(squash)
  .pipe(z.string().regex(/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/, 'must be a UK postcode'))
  .transform((value) => `${value.slice(0, -3)} ${value.slice(-3)}`);

const phone = z.string().trim().regex(/^[0-9+() -]{7,20}$/, 'must be a phone number');

export const addressInput = z.strictObject({
  line1: plainText(120, 1),
  line2: plainText(120).nullable().optional(),
  town: plainText(80, 1),
  postcode,
});

export const covenantInput = z.strictObject({
  signedOn: localDate,
  pledgedOutcomeAreas: z.array(z.enum(COVENANT_OUTCOME_AREAS)).min(1, 'pledge support to at least one outcome area').max(COVENANT_OUTCOME_AREAS.length)
    .refine((areas) => new Set(areas).size === areas.length, 'each outcome area once'),
});

export const organisationInput = z.strictObject({
  name: plainText(150, 2),
  companiesHouseNumber: companiesHouseNumber.nullable().optional(),
  charityNumber: charityNumber.nullable().optional(),
  sector: z.enum(SECTORS),
  size: z.enum(ORGANISATION_SIZES),
  address: addressInput,
  districtId: objectId,
  contact: z.strictObject({ name: plainText(120, 1), email, phone: phone.nullable().optional() }),
  covenant: covenantInput,
});
export type OrganisationInput = z.output<typeof organisationInput>;

/** Details an organisation keeps up to date itself (its status is the council's to change). */
export const updateOrganisationBody = organisationInput.partial();
export type UpdateOrganisationInput = z.output<typeof updateOrganisationBody>;

const newUser = z.strictObject({ name: plainText(120, 1), email, password });

export const registerOrganisationBody = z.strictObject({ organisation: organisationInput, user: newUser });
export type RegisterOrganisationInput = z.output<typeof registerOrganisationBody>;

export const tokenBody = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,200}$/, 'must be the code from the link') });
export const resendVerificationBody = z.strictObject({ email });
export const inviteBody = z.strictObject({ email });
export const acceptInvitationBody = z.strictObject({ token: tokenBody.shape.token, name: newUser.shape.name, password });
export const suspendBody = z.strictObject({ reason: freeText(2000, 3) });
export const listOrganisationsQuery = z.strictObject({ status: z.enum(ORGANISATION_STATUSES).optional() });

export const organisationView = z.object({
  id: z.string(),
  name: z.string(),
  companiesHouseNumber: z.string().nullable(),
  charityNumber: z.string().nullable(),
  sector: z.enum(SECTORS),
  size: z.enum(ORGANISATION_SIZES),
  address: z.object({ line1: z.string(), line2: z.string().nullable(), town: z.string(), postcode: z.string() }),
  districtId: z.string(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }),
  covenant: z.object({ signedOn: z.string(), pledgedOutcomeAreas: z.array(z.enum(COVENANT_OUTCOME_AREAS)) }),
  status: z.enum(ORGANISATION_STATUSES),
  statusChangedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  createdAt: z.string(),
});
export type OrganisationView = z.infer<typeof organisationView>;

export const registrationView = z.object({
  organisation: organisationView,
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), emailVerified: z.boolean() }),
});

export const invitationView = z.object({ id: z.string(), email: z.string(), expiresAt: z.string() });

/** The council's view of the Covenant locally: who is active. */
export const organisationActivity = organisationView.pick({ id: true, name: true, sector: true, size: true, districtId: true, status: true }).extend({
  covenantSignedOn: z.string(),
  openOffers: z.number(),
  referrals: z.number(),
  starts: z.number(),
});
export type OrganisationActivity = z.infer<typeof organisationActivity>;

/** Who has access to an organisation: its accounts, and invitations sent but not yet accepted. */
export const peopleWithAccessView = z.object({
  people: z.array(z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(['active', 'email_not_confirmed', 'deactivated']),
    lastSignedInAt: z.string().nullable(),
  })),
  invitations: z.array(z.object({ id: z.string(), email: z.string(), invitedAt: z.string(), expiresAt: z.string() })),
});
export type PeopleWithAccessView = z.infer<typeof peopleWithAccessView>;
