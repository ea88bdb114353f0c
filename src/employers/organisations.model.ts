import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { SECTORS } from '../opportunities/sectors.js';

/** Council staff approve an organisation before its offers go live, and may suspend it. */
export const ORGANISATION_STATUSES = ['pending_approval', 'approved', 'suspended'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** UK size bands by headcount (Companies Act 2006 / BEIS): micro < 10, small < 50, medium < 250, large 250+. */
export const ORGANISATION_SIZES = ['micro', 'small', 'medium', 'large'] as const;

/** The five outcome areas a Care Leaver Covenant signatory pledges support to (DfE Care Leaver Covenant). */
export const COVENANT_OUTCOME_AREAS = ['independent_living', 'education_employment_training', 'safety_security', 'health', 'finance'] as const;

const addressSchema = new Schema(
  {
    line1: { type: String, required: true },
    line2: { type: String, default: null },
    town: { type: String, required: true },
    postcode: { type: String, required: true },
  },
  { _id: false },
);

const contactSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, lowercase: true },
    phone: { type: String, default: null },
  },
  { _id: false },
);

const covenantSchema = new Schema(
  {
    signedOn: { type: String, required: true },
    pledgedOutcomeAreas: { type: [String], enum: COVENANT_OUTCOME_AREAS, default: [] },
  },
  { _id: false },
);

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    /** Not unique in the index: many organisations have none, and FerretDB v1 has no partial indexes. Checked in the service. */
    companiesHouseNumber: { type: String, default: null },
    charityNumber: { type: String, default: null },
    sector: { type: String, enum: SECTORS, required: true },
    size: { type: String, enum: ORGANISATION_SIZES, required: true },
    address: { type: addressSchema, required: true },
    districtId: { type: Schema.Types.ObjectId, required: true },
    contact: { type: contactSchema, required: true },
    covenant: { type: covenantSchema, required: true },
    status: { type: String, enum: ORGANISATION_STATUSES, required: true, default: 'pending_approval' },
    statusChangedAt: { type: Date, default: null },
    statusChangedByUserId: { type: Schema.Types.ObjectId, default: null },
    suspendedReason: { type: String, default: null },
  },
  { timestamps: true, collection: 'organisations' },
);
organisationSchema.index({ status: 1, name: 1 });
organisationSchema.index({ companiesHouseNumber: 1 });
organisationSchema.index({ charityNumber: 1 });

export type OrganisationRecord = InferSchemaType<typeof organisationSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const OrganisationModel = mongoose.model('Organisation', organisationSchema);

/** What a one-time link is for: confirming a new user's email, or joining an organisation by invitation. */
export const ONE_TIME_TOKEN_PURPOSES = ['verify_email', 'invitation'] as const;
export type OneTimeTokenPurpose = (typeof ONE_TIME_TOKEN_PURPOSES)[number];

/** A one-time link: only the SHA-256 of its random token is stored, so a database copy cannot be replayed. */
const oneTimeTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    purpose: { type: String, enum: ONE_TIME_TOKEN_PURPOSES, required: true },
    email: { type: String, required: true, lowercase: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    createdByUserId: { type: Schema.Types.ObjectId, default: null },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'one_time_tokens' },
);
oneTimeTokenSchema.index({ tokenHash: 1 }, { unique: true });
oneTimeTokenSchema.index({ organisationId: 1, purpose: 1 });

export type OneTimeTokenRecord = InferSchemaType<typeof oneTimeTokenSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date };
export const OneTimeTokenModel = mongoose.model('OneTimeToken', oneTimeTokenSchema);
