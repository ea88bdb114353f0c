import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { SECTORS } from './sectors.js';
import { announceWritesOf } from '../lib/collection-changes.js';

export const OPPORTUNITY_KINDS = ['ring_fenced_apprenticeship', 'apprenticeship', 'job', 'work_experience', 'training', 'mentoring', 'benefit'] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** GOV.UK vacancy lifecycle, in this service's words: only `open` is matched. */
export const OPPORTUNITY_STATUSES = ['draft', 'pending_approval', 'open', 'closed', 'filled', 'withdrawn'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

export const ELIGIBLE_CARE_STATUSES = ['in_care', 'care_leaver', 'both'] as const;
/** The least a young person must agree to share with the employer for a referral to go ahead. */
export const SHARING_NEEDED = ['none', 'anonymous_profile', 'name_and_contact'] as const;
export const WAGE_TYPES = ['national_minimum_wage_for_apprentices', 'national_minimum_wage', 'national_living_wage', 'fixed', 'unpaid', 'not_applicable'] as const;

const requiredQualificationSchema = new Schema(
  {
    subject: { type: String, required: true },
    subjectKey: { type: String, required: true },
    level: { type: Number, required: true, min: 0, max: 8 },
    grade: { type: String, default: null },
    importance: { type: String, enum: ['essential', 'desirable'], default: 'essential' },
  },
  { _id: false },
);

const sendBackSchema = new Schema(
  {
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, default: null },
    reason: { type: String, required: true },
    fields: { type: [String], default: [] },
  },
  { _id: false },
);

const opportunitySchema = new Schema(
  {
    kind: { type: String, required: true, enum: OPPORTUNITY_KINDS },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    whatYouWillDo: { type: String, default: null },
    skills: { type: [String], default: [] },
    /** The Care Leaver Covenant's areas (covenant-areas.ts). */
    areas: { type: [String], default: [] },
    /** Available to all wherever they live: no district, reaches everyone like a remote offer. */
    national: { type: Boolean, default: false },
    /** The council itself for its own ring-fenced apprenticeships (null), else the covenant organisation. */
    organisationId: { type: Schema.Types.ObjectId, default: null },
    providerName: { type: String, required: true },
    sector: { type: String, enum: [...SECTORS, null], default: null },
    level: { type: Number, default: null },
    ringFenced: { type: Boolean, default: false },
    status: { type: String, required: true, enum: OPPORTUNITY_STATUSES, default: 'draft' },
    closedReason: { type: String, enum: ['closing_date', 'by_hand', 'organisation_suspended', null], default: null },
    /** Why council staff sent an offer back to the employer, shown to them until they resubmit. */
    sentBackReason: { type: String, default: null },
    /** The fields the council named when sending it back, so the employer goes straight to them. */
    sentBackFields: { type: [String], default: [] },
    /** Every send-back, oldest first, kept after the employer resubmits so reviewers see the offer's history. */
    sendBacks: { type: [sendBackSchema], default: [] },
    districtId: { type: Schema.Types.ObjectId, default: null },
    remote: { type: Boolean, default: false },
    locationDescription: { type: String, default: null },
    places: { type: Number, required: true, min: 1, default: 1 },
    /** Taken only by an atomic conditional update when a referral reaches `started`. */
    placesFilled: { type: Number, required: true, min: 0, default: 0 },
    closingDate: { type: String, default: null },
    startDate: { type: String, default: null },
    wageType: { type: String, enum: [...WAGE_TYPES, null], default: null },
    weeklyHours: { type: Number, default: null },
    yearlyWagePence: { type: Number, default: null },
    durationMonths: { type: Number, default: null },
    minAgeAtStart: { type: Number, default: null },
    maxAgeAtStart: { type: Number, default: null },
    eligibleCareStatus: { type: String, enum: ELIGIBLE_CARE_STATUSES, default: 'both' },
    requiredQualifications: { type: [requiredQualificationSchema], default: [] },
    sharingNeeded: { type: String, enum: SHARING_NEEDED, default: 'anonymous_profile' },
    /** For benefits: what it is (travel card, laptop, driving lessons, discount). */
    benefitType: { type: String, default: null },
    /** An id in the source list (council or partner spreadsheet), for re-imports. */
    sourceReference: { type: String, default: null },
    createdByUserId: { type: Schema.Types.ObjectId, default: null },
    submittedAt: { type: Date, default: null },
    approvedAt: { type: Date, default: null },
    approvedByUserId: { type: Schema.Types.ObjectId, default: null },
    statusChangedAt: { type: Date, default: null },
    /** The offer's fields when council staff sent it back, so they see what the employer changed since. */
    sendBackSnapshot: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: true, collection: 'opportunities' },
);
opportunitySchema.index({ status: 1, closingDate: 1 });
opportunitySchema.index({ status: 1, districtId: 1 });
opportunitySchema.index({ status: 1, remote: 1 });
opportunitySchema.index({ organisationId: 1, status: 1 });
opportunitySchema.index({ sourceReference: 1 });
opportunitySchema.index({ status: 1, areas: 1 });

export type OpportunityRecord = InferSchemaType<typeof opportunitySchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
// The matching indexes hold these in memory: every write says which records changed.
announceWritesOf(opportunitySchema, 'opportunities');
export const OpportunityModel = mongoose.model('Opportunity', opportunitySchema);
