import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A PA's invitation to a young person to see their own pages: a one-time link whose SHA-256 alone is stored
 * (like every other link here), good for 7 days and once. A newer invitation for the same young person
 * supersedes older ones, so only the latest email works.
 */
const youngPersonInvitationSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    invitedByUserId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    supersededAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'young_person_invitations' },
);
youngPersonInvitationSchema.index({ tokenHash: 1 }, { unique: true });
youngPersonInvitationSchema.index({ youngPersonId: 1 });

export type YoungPersonInvitationRecord = InferSchemaType<typeof youngPersonInvitationSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date };
export const YoungPersonInvitationModel = mongoose.model('YoungPersonInvitation', youngPersonInvitationSchema);
