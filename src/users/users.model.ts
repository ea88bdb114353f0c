import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { ALL_ROLES } from './roles.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, required: true, enum: ALL_ROLES },
    passwordHash: { type: String, default: null },
    active: { type: Boolean, default: true },
    team: { type: String, default: null },
    districtIds: { type: [Schema.Types.ObjectId], default: [] },
    organisationId: { type: Schema.Types.ObjectId, default: null },
    /** A young_person account's own record: everything they see is scoped to it. */
    youngPersonId: { type: Schema.Types.ObjectId, default: null },
    emailVerifiedAt: { type: Date, default: null },
    failedLoginCount: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'users' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1, team: 1 });
userSchema.index({ organisationId: 1 });
userSchema.index({ districtIds: 1 });
userSchema.index({ youngPersonId: 1 });

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };
export const UserModel = mongoose.model('User', userSchema);

const sessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'sessions' },
);
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1 });
// No TTL index (FerretDB v1 has none): expiry is checked on every lookup and old sessions are purged by a job.
sessionSchema.index({ expiresAt: 1 });

export const SessionModel = mongoose.model('Session', sessionSchema);
