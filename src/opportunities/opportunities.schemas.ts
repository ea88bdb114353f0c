import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { COVENANT_AREAS, QUALIFICATION_IMPORTANCE } from './covenant-areas.js';
import { ELIGIBLE_CARE_STATUSES, OPPORTUNITY_KINDS, OPPORTUNITY_STATUSES, SHARING_NEEDED, WAGE_TYPES } from './opportunities.model.js';
import { APPRENTICESHIP_LEVELS, SECTORS } from './sectors.js';
import { freeText, plainText } from '../lib/http/text.js';

export const localDate = z.iso.date('must be a date as YYYY-MM-DD');

export const requiredQualificationInput = z.strictObject({
  subject: plainText(80, 1),
  level: z.number().int().min(0).max(8),
  grade: plainText(10).nullable().optional(),
  /** GOV.UK: essential ones exclude (or make a near miss); desirable ones only score. Essential when left out. */
  importance: z.enum(QUALIFICATION_IMPORTANCE).default('essential'),
});

const offerFields = {
  kind: z.enum(OPPORTUNITY_KINDS),
  title: plainText(150, 3),
  /** For an apprenticeship the short description, 50-350 characters (GOV.UK). */
  description: freeText(10_000),
  /** GOV.UK "What you'll do at work". */
  whatYouWillDo: freeText(4_000).nullable(),
  /** GOV.UK "Desired skills and personal qualities": a few short items. */
  skills: z.array(plainText(100, 1)).max(10),
  /** The Covenant's areas the offer is in; when left out, worked out from its kind (covenant-areas.ts). */
  areas: z.array(z.enum(COVENANT_AREAS)).min(1).max(5).refine((areas) => new Set(areas).size === areas.length, 'must not repeat an area'),
  /** Available to all wherever they live (no district), like a national Covenant offer. */
  national: z.boolean(),
  /** Council staff only: the covenant organisation an offer belongs to (empty for the council's own). */
  organisationId: objectId.nullable(),
  /** Council staff only: who provides it; an employer's offers carry their organisation's name. */
  providerName: plainText(150, 1),
  sector: z.enum(SECTORS).nullable(),
  level: z.union(APPRENTICESHIP_LEVELS.map((level) => z.literal(level))).nullable(),
  districtId: objectId.nullable(),
  remote: z.boolean(),
  locationDescription: plainText(300).nullable(),
  places: z.number().int().min(1).max(1000),
  closingDate: localDate.nullable(),
  startDate: localDate.nullable(),
  wageType: z.enum(WAGE_TYPES).nullable(),
  weeklyHours: z.number().min(1).max(48).nullable(),
  yearlyWagePence: z.number().int().min(0).max(100_000_000).nullable(),
  durationMonths: z.number().int().min(1).max(72).nullable(),
  minAgeAtStart: z.number().int().min(14).max(30).nullable(),
  maxAgeAtStart: z.number().int().min(14).max(30).nullable(),
  eligibleCareStatus: z.enum(ELIGIBLE_CARE_STATUSES),
  requiredQualifications: z.array(requiredQualificationInput).max(20),
  sharingNeeded: z.enum(SHARING_NEEDED),
  benefitType: plainText(100).nullable(),
};

/** A new offer: what it is and when are required, the rest optional. `publish` lets council staff open their own at once. */
export const createOpportunityBody = z.strictObject({
  ...offerFields,
  publish: z.boolean().optional(),
}).partial().required({ kind: true, title: true, places: true, closingDate: true });
export type CreateOpportunityInput = z.output<typeof createOpportunityBody>;

export const updateOpportunityBody = z.strictObject(offerFields).omit({ organisationId: true }).partial();
export type UpdateOpportunityInput = z.output<typeof updateOpportunityBody>;

/** Every field an author can change: what a reviewer may name when sending an offer back. */
export const AUTHOR_FIELDS = Object.keys(updateOpportunityBody.shape) as [string, ...string[]];
export const sendBackBody = z.strictObject({ reason: freeText(2000, 3), fields: z.array(z.enum(AUTHOR_FIELDS)).max(AUTHOR_FIELDS.length).optional() });
export const extendBody = z.strictObject({ closingDate: localDate });
export const reasonBody = z.strictObject({ reason: freeText(2000).optional() });

export const listOpportunitiesQuery = z.strictObject({
  area: z.enum(COVENANT_AREAS).optional(),
  status: z.enum(OPPORTUNITY_STATUSES).optional(),
  kind: z.enum(OPPORTUNITY_KINDS).optional(),
  sector: z.enum(SECTORS).optional(),
  districtId: objectId.optional(),
  organisationId: objectId.optional(),
  ringFenced: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListOpportunitiesQuery = z.output<typeof listOpportunitiesQuery>;

export const opportunityView = z.object({
  id: z.string(),
  kind: z.enum(OPPORTUNITY_KINDS),
  title: z.string(),
  description: z.string(),
  organisationId: z.string().nullable(),
  providerName: z.string(),
  sector: z.enum(SECTORS).nullable(),
  level: z.number().nullable(),
  ringFenced: z.boolean(),
  /** Effective status: an open offer past its closing date shows as closed. */
  status: z.enum(OPPORTUNITY_STATUSES),
  closedReason: z.string().nullable(),
  sentBackReason: z.string().nullable(),
  /** The fields the council named when it sent the offer back (empty otherwise). */
  sentBackFields: z.array(z.string()),
  districtId: z.string().nullable(),
  remote: z.boolean(),
  national: z.boolean(),
  areas: z.array(z.enum(COVENANT_AREAS)),
  whatYouWillDo: z.string().nullable(),
  skills: z.array(z.string()),
  locationDescription: z.string().nullable(),
  places: z.number(),
  placesFilled: z.number(),
  placesLeft: z.number(),
  closingDate: z.string().nullable(),
  startDate: z.string().nullable(),
  wageType: z.string().nullable(),
  weeklyHours: z.number().nullable(),
  yearlyWagePence: z.number().nullable(),
  durationMonths: z.number().nullable(),
  minAgeAtStart: z.number().nullable(),
  maxAgeAtStart: z.number().nullable(),
  eligibleCareStatus: z.enum(ELIGIBLE_CARE_STATUSES),
  requiredQualifications: z.array(z.object({ subject: z.string(), level: z.number(), grade: z.string().nullable(), importance: z.enum(QUALIFICATION_IMPORTANCE) })),
  sharingNeeded: z.enum(SHARING_NEEDED),
  benefitType: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  /** Council staff only, after a send-back: the fields the employer changed since (empty otherwise). */
  changedSinceSendBack: z.array(z.string()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpportunityView = z.infer<typeof opportunityView>;

export const opportunityList = z.object({ items: z.array(opportunityView), total: z.number() });
