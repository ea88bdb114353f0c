import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { announceWritesOf } from '../lib/collection-changes.js';

export const ALERT_CHANNELS = ['email', 'in_service', 'both'] as const;

/**
 * A district council (housing authority) and where it is. Young people, opportunities and housing officers
 * refer to districts; the application age and look-ahead are per district because "apply at 17½" is a
 * local protocol each district signs up to (DOMAIN.md, Housing).
 */
const districtSchema = new Schema(
  {
    code: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    housingContactEmail: { type: String, default: null },
    housingContactAddress: { type: String, default: null },
    applicationAgeYears: { type: Number, default: 17 },
    applicationAgeMonths: { type: Number, default: 6 },
    alertLookaheadWeeks: { type: Number, default: 8 },
    alertChannels: { type: String, enum: ALERT_CHANNELS, default: 'both' },
    /** Centre of the district, for travel distance in matching. */
    latitude: { type: Number, required: true },
    longitude: { type: Number, required: true },
    /** Part of the council's own area: a care leaver under 21 has a local connection with every such district. */
    withinCouncilArea: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'districts' },
);
districtSchema.index({ code: 1 }, { unique: true });

export type DistrictRecord = InferSchemaType<typeof districtSchema> & { _id: mongoose.Types.ObjectId };
// The matching indexes hold these in memory: every write says which records changed.
announceWritesOf(districtSchema, 'districts');
export const DistrictModel = mongoose.model('District', districtSchema);
