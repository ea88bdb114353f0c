import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * The funnel from the seeds (informal meeting, work trial, employed: "seven meetings led to four work trials
 * and two apprentices"), plus sustained (still there after 3 months) and the exits.
 */
export const REFERRAL_STAGES = ['suggested', 'referred', 'informal_meeting', 'work_trial', 'offered', 'started', 'sustained', 'declined', 'withdrawn', 'unsuccessful'] as const;
export type ReferralStage = (typeof REFERRAL_STAGES)[number];
export const REFERRAL_EXITS: readonly ReferralStage[] = ['declined', 'withdrawn', 'unsuccessful'];

const stageChangeSchema = new Schema(
  {
    stage: { type: String, required: true, enum: REFERRAL_STAGES },
    at: { type: Date, required: true },
    byUserId: { type: Schema.Types.ObjectId, required: true },
    byRole: { type: String, required: true },
    /** The date the step happens (meeting, trial, start), which may differ from when it was recorded. */
    eventDate: { type: String, default: null },
    reason: { type: String, default: null },
  },
  { _id: false },
);

const referralSchema = new Schema(
  {
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    opportunityId: { type: Schema.Types.ObjectId, required: true },
    /** Copied from the opportunity, so an employer's view is one indexed query. */
    organisationId: { type: Schema.Types.ObjectId, default: null },
    personalAdviserId: { type: Schema.Types.ObjectId, required: true },
    team: { type: String, required: true },
    /** What an employer sees instead of a name when sharing is anonymous. */
    referralCode: { type: String, required: true },
    stage: { type: String, required: true, enum: REFERRAL_STAGES },
    history: { type: [stageChangeSchema], default: [] },
    lastMovedAt: { type: Date, required: true },
    informalMeetingDate: { type: String, default: null },
    workTrialDate: { type: String, default: null },
    startDate: { type: String, default: null },
    /** The PA's note when putting the young person forward (caseworkers only). */
    note: { type: String, default: null },
    offeredDate: { type: String, default: null },
    sustainedDate: { type: String, default: null },
    exitReason: { type: String, default: null },
    /** Care leaver apprenticeship bursary (DOMAIN.md: £3,000 for starts from 1 August 2023). */
    bursaryAmountPence: { type: Number, default: null },
    /** Employer incentive, by age at the start: 16-18 due; 19-24 due only where the young person agreed the employer may know they are a care leaver; 25+ not due. */
    employerIncentiveStatus: { type: String, enum: ['due', 'not_due', 'claimed', null], default: null },
    employerIncentiveAmountPence: { type: Number, default: null },
    employerIncentiveReason: { type: String, default: null },
    employerIncentiveClaimedAt: { type: Date, default: null },
    /** Why no bursary was recorded at the start (not an apprenticeship, not a care leaver, 25 or over). */
    bursaryReason: { type: String, default: null },
  },
  { timestamps: true, collection: 'referrals' },
);
referralSchema.index({ youngPersonId: 1, opportunityId: 1 }, { unique: true });
referralSchema.index({ referralCode: 1 }, { unique: true });
referralSchema.index({ opportunityId: 1, stage: 1 });
referralSchema.index({ organisationId: 1, stage: 1 });
referralSchema.index({ personalAdviserId: 1, stage: 1 });
referralSchema.index({ team: 1, stage: 1 });
referralSchema.index({ stage: 1, lastMovedAt: 1 });

export type ReferralRecord = InferSchemaType<typeof referralSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const ReferralModel = mongoose.model('Referral', referralSchema);
