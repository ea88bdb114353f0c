import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { SECTORS } from '../opportunities/sectors.js';
import { heldQualificationInput } from '../qualifications/held-qualifications.js';
import { QUALIFICATION_TYPES } from '../qualifications/qualification-types.js';
import { EMPLOYER_SHARING } from './young-people.model.js';
import { ACCOMMODATION_CODE_VALUES, ACTIVITY_CODE_VALUES, CARE_STATUSES, LEGAL_CATEGORIES } from './ssda903.js';
import { plainText } from '../lib/http/text.js';

export const localDate = z.iso.date('must be a date as YYYY-MM-DD');


const youngPersonFields = {
  sourceSystemId: plainText(64, 1),
  firstName: plainText(80, 1),
  lastName: plainText(80, 1),
  preferredName: plainText(80).nullable(),
  dateOfBirth: localDate,
  email: z.email().nullable(),
  phone: z.string().trim().regex(/^[0-9+() -]{7,20}$/, 'must be a phone number').nullable(),
  careStatus: z.enum(CARE_STATUSES),
  legalCategory: z.enum(LEGAL_CATEGORIES),
  personalAdviserId: objectId,
  homeDistrictId: objectId,
  preferredDistrictIds: z.array(objectId).max(20),
  maxTravelKm: z.number().min(0).max(200),
  interests: z.array(z.enum(SECTORS)).max(SECTORS.length),
  qualifications: z.array(heldQualificationInput).max(50),
  activityCode: z.enum(ACTIVITY_CODE_VALUES).nullable(),
  accommodationCode: z.enum(ACCOMMODATION_CODE_VALUES).nullable(),
  inCustody: z.boolean(),
  expectedReleaseDate: localDate.nullable(),
  hasDisability: z.boolean(),
  inHigherEducation: z.boolean(),
  employerSharing: z.enum(EMPLOYER_SHARING),
  employerMayKnowCareLeaver: z.boolean(),
  shareWithHousing: z.boolean(),
  pathwayPlanReviewDate: localDate.nullable(),
  lastContactDate: localDate.nullable(),
  careHistoryNotes: z.string().max(20_000).nullable(),
};

const REQUIRED = ['firstName', 'lastName', 'dateOfBirth', 'careStatus', 'legalCategory', 'homeDistrictId'] as const;

/** Create: the required core, everything else optional; the PA defaults to the caller when a PA creates. */
export const createYoungPersonBody = z.strictObject(youngPersonFields).partial().required(Object.fromEntries(REQUIRED.map((key) => [key, true])) as { [K in (typeof REQUIRED)[number]]: true });
export const updateYoungPersonBody = z.strictObject(youngPersonFields).omit({ sourceSystemId: true }).partial();

export type CreateYoungPersonInput = z.output<typeof createYoungPersonBody>;
export type UpdateYoungPersonInput = z.output<typeof updateYoungPersonBody>;

export const listYoungPeopleQuery = z.strictObject({
  personalAdviserId: objectId.optional(),
  districtId: objectId.optional(),
  careStatus: z.enum(CARE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const youngPersonView = z.object({
  id: z.string(),
  sourceSystemId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  age: z.object({ years: z.number(), months: z.number() }),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  careStatus: z.enum(CARE_STATUSES),
  legalCategory: z.enum(LEGAL_CATEGORIES),
  personalAdviserId: z.string(),
  team: z.string(),
  homeDistrictId: z.string(),
  preferredDistrictIds: z.array(z.string()),
  maxTravelKm: z.number(),
  interests: z.array(z.enum(SECTORS)),
  qualifications: z.array(z.object({ type: z.enum(QUALIFICATION_TYPES), subject: z.string(), level: z.number().describe('Derived from type and grade where they decide it'), grade: z.string().nullable(), confirmed: z.boolean().describe('False when the young person added it and their PA has not yet checked it; only checked ones count for ring-fenced places') })),
  activityCode: z.string().nullable(),
  accommodationCode: z.string().nullable(),
  inCustody: z.boolean(),
  expectedReleaseDate: z.string().nullable(),
  hasDisability: z.boolean(),
  inHigherEducation: z.boolean(),
  employerSharing: z.enum(EMPLOYER_SHARING),
  employerMayKnowCareLeaver: z.boolean(),
  shareWithHousing: z.boolean(),
  pathwayPlanReviewDate: z.string().nullable(),
  lastContactDate: z.string().nullable(),
  careHistoryNotes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type YoungPersonView = z.infer<typeof youngPersonView>;

export const youngPersonSummary = youngPersonView.pick({ id: true, firstName: true, lastName: true, preferredName: true, dateOfBirth: true, age: true, careStatus: true, personalAdviserId: true, homeDistrictId: true, activityCode: true, pathwayPlanReviewDate: true, lastContactDate: true });
export type YoungPersonSummary = z.infer<typeof youngPersonSummary>;

export const reallocateBody = z.strictObject({ youngPersonIds: z.array(objectId).min(1).max(500), personalAdviserId: objectId });
