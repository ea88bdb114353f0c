import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** A forgotten-password link: only the SHA-256 of its random token is stored; it expires and works once. */
const passwordResetSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'password_resets' },
);
passwordResetSchema.index({ tokenHash: 1 }, { unique: true });
passwordResetSchema.index({ userId: 1 });

export type PasswordResetRecord = InferSchemaType<typeof passwordResetSchema> & { _id: mongoose.Types.ObjectId };
export const PasswordResetModel = mongoose.model('PasswordReset', passwordResetSchema);
