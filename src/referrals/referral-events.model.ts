import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { REFERRAL_STAGES } from './referrals.model.js';

/**
 * One record per stage change: what a PA's notifications read ("the employer recorded a work trial"),
 * so they need not diff referral histories. Ids and the stage only: no names, no notes.
 */
const referralEventSchema = new Schema(
  {
    referralId: { type: Schema.Types.ObjectId, required: true },
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    personalAdviserId: { type: Schema.Types.ObjectId, required: true },
    opportunityId: { type: Schema.Types.ObjectId, default: null },
    stage: { type: String, required: true, enum: REFERRAL_STAGES },
    /** The stage's own date (meeting, trial, start) when given. */
    eventDate: { type: String, default: null },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, required: true },
    byRole: { type: String, required: true },
  },
  { collection: 'referral_events', versionKey: false },
);
referralEventSchema.index({ personalAdviserId: 1, at: -1 });
referralEventSchema.index({ referralId: 1, at: 1 });
referralEventSchema.index({ at: 1 });

export type ReferralEventRecord = InferSchemaType<typeof referralEventSchema> & { _id: mongoose.Types.ObjectId };
export const ReferralEventModel = mongoose.model('ReferralEvent', referralEventSchema);
