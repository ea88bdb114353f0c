import mongoose, { Schema } from 'mongoose';

/**
 * One document per sign-in attempt on an account, all of them deleted when one succeeds, so what remains are
 * failures and refusals. Counting inserted documents is the lockout's only state: an insert is atomic and never lost on
 * MongoDB and FerretDB v1 alike, where reading a counter and writing it back loses concurrent failures.
 */
const loginFailureSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    /** Refused without checking the password (the account was locked); still counts towards the lock. */
    refused: { type: Boolean, default: false },
  },
  { collection: 'login_failures', versionKey: false },
);
// Equality on userId is what FerretDB v1 pushes down; the time window is applied on that user's few documents.
loginFailureSchema.index({ userId: 1, at: -1 });
loginFailureSchema.index({ at: 1 });

export const LoginFailureModel = mongoose.model('LoginFailure', loginFailureSchema);
