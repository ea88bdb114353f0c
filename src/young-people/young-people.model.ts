import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { SECTORS } from '../opportunities/sectors.js';
import { QUALIFICATION_TYPES } from '../qualifications/qualification-types.js';
import { ACCOMMODATION_CODE_VALUES, ACTIVITY_CODE_VALUES, CARE_STATUSES, LEGAL_CATEGORIES } from './ssda903.js';
import { announceWritesOf } from '../lib/collection-changes.js';

export const EMPLOYER_SHARING = ['nothing', 'anonymous_profile', 'name_and_contact'] as const;
export type EmployerSharing = (typeof EMPLOYER_SHARING)[number];

const qualificationSchema = new Schema(
  {
    /** GCSE, Functional Skills...; records from before types were kept read as 'other'. */
    type: { type: String, enum: QUALIFICATION_TYPES, default: 'other' },
    subject: { type: String, required: true },
    /** The subject's key in the vocabulary (subject-vocabulary.ts), e.g. 'maths' for "Mathematics". */
    subjectKey: { type: String, required: true },
    /** Derived from type and grade where they decide it (qualification-types.ts), else as stated. */
    level: { type: Number, required: true, min: 0, max: 8 },
    grade: { type: String, default: null },
    /** False when the young person added it on their own pages and their PA has not yet checked it (matching.rules.ts). */
    confirmed: { type: Boolean, default: true },
  },
  { _id: false },
);

/** Calendar dates are 'YYYY-MM-DD' strings: a date of birth is a day, not an instant, and strings sort and range-query correctly. */
const youngPersonSchema = new Schema(
  {
    /** The child's id in the council's case-management system (Liquidlogic, Mosaic...), or a generated one. */
    sourceSystemId: { type: String, required: true, default: () => `CLO-${randomUUID()}` },
    firstName: { type: String, required: true, trim: true },
    lastName: { type: String, required: true, trim: true },
    preferredName: { type: String, default: null },
    dateOfBirth: { type: String, required: true },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    careStatus: { type: String, required: true, enum: CARE_STATUSES },
    legalCategory: { type: String, required: true, enum: LEGAL_CATEGORIES },
    personalAdviserId: { type: Schema.Types.ObjectId, required: true },
    /** The PA's team when allocated, so a manager's scope is one indexed field. */
    team: { type: String, required: true },
    homeDistrictId: { type: Schema.Types.ObjectId, required: true },
    /** Districts they would live or work in (besides home). */
    preferredDistrictIds: { type: [Schema.Types.ObjectId], default: [] },
    maxTravelKm: { type: Number, default: 15, min: 0, max: 200 },
    interests: { type: [String], enum: SECTORS, default: [] },
    qualifications: { type: [qualificationSchema], default: [] },
    activityCode: { type: String, enum: [...ACTIVITY_CODE_VALUES, null], default: null },
    accommodationCode: { type: String, enum: [...ACCOMMODATION_CODE_VALUES, null], default: null },
    inCustody: { type: Boolean, default: false },
    expectedReleaseDate: { type: String, default: null },
    hasDisability: { type: Boolean, default: false },
    inHigherEducation: { type: Boolean, default: false },
    employerSharing: { type: String, enum: EMPLOYER_SHARING, default: 'nothing' },
    /** Whether an employer may be told this young person is a care leaver (decides the employer incentive). */
    employerMayKnowCareLeaver: { type: Boolean, default: false },
    shareWithHousing: { type: Boolean, default: false },
    /** When the young person last changed what they share, on their own pages. */
    sharingChangedAt: { type: Date, default: null },
    pathwayPlanReviewDate: { type: String, default: null },
    lastContactDate: { type: String, default: null },
    /** Care history and case notes: caseworkers only, never shown to employers or housing, never in emails. */
    careHistoryNotes: { type: String, default: null },
    archivedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'young_people' },
);
youngPersonSchema.index({ sourceSystemId: 1 }, { unique: true });
youngPersonSchema.index({ personalAdviserId: 1, archivedAt: 1 });
youngPersonSchema.index({ team: 1, archivedAt: 1 });
youngPersonSchema.index({ dateOfBirth: 1 });
youngPersonSchema.index({ homeDistrictId: 1 });
youngPersonSchema.index({ preferredDistrictIds: 1 });
youngPersonSchema.index({ pathwayPlanReviewDate: 1 });
youngPersonSchema.index({ lastContactDate: 1 });

export type YoungPersonRecord = InferSchemaType<typeof youngPersonSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
// The matching indexes hold these in memory: every write says which records changed.
announceWritesOf(youngPersonSchema, 'young_people');
export const YoungPersonModel = mongoose.model('YoungPerson', youngPersonSchema);
