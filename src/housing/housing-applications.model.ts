import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { HOUSING_APPLICATION_STATUSES } from './housing-application-statuses.js';

const statusChangeSchema = new Schema(
  {
    status: { type: String, required: true, enum: HOUSING_APPLICATION_STATUSES },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, required: true },
    byRole: { type: String, required: true },
    /** The date the step happened (submitted, offer, tenancy start...), which may differ from when it was recorded. */
    date: { type: String, default: null },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/** Under-18s cannot hold a tenancy alone (DOMAIN.md), so an application made before 18 needs one of these. */
const guarantorPlanSchema = new Schema(
  {
    kind: { type: String, required: true, enum: ['guarantor', 'trustee'] },
    details: { type: String, required: true },
  },
  { _id: false },
);

const registrationSchema = new Schema(
  {
    reference: { type: String, required: true },
    bandOrPriority: { type: String, required: true },
    localConnection: { type: Boolean, required: true },
    priorityDate: { type: String, required: true },
  },
  { _id: false },
);

/**
 * One social housing application per young person per district council. Calendar dates are 'YYYY-MM-DD'
 * strings. `statusVersion` counts status changes so a change is applied only to the state it was decided on.
 */
const housingApplicationSchema = new Schema(
  {
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    districtId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, enum: HOUSING_APPLICATION_STATUSES },
    statusVersion: { type: Number, required: true, default: 0 },
    history: { type: [statusChangeSchema], default: [] },
    submittedDate: { type: String, default: null },
    guarantorPlan: { type: guarantorPlanSchema, default: null },
    registration: { type: registrationSchema, default: null },
    accommodationArrangedDate: { type: String, default: null },
    accommodationKind: { type: String, enum: ['interim', 'supported', null], default: null },
    offerDate: { type: String, default: null },
    tenancyStartDate: { type: String, default: null },
    refusalReason: { type: String, default: null },
    closedReason: { type: String, default: null },
    createdByUserId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'housing_applications' },
);
housingApplicationSchema.index({ youngPersonId: 1, districtId: 1 }, { unique: true });
housingApplicationSchema.index({ districtId: 1, status: 1 });

export type HousingApplicationRecord = InferSchemaType<typeof housingApplicationSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const HousingApplicationModel = mongoose.model('HousingApplication', housingApplicationSchema);
