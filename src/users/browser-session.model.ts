import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * What a browser's session cookie stands for on the server: its CSRF token, where to go after signing in, and one
 * request's worth of form values and errors (post/redirect/get). Keyed by the SHA-256 of the cookie's token; once
 * signed in, that token is also the user's session token (sessions collection), exactly like a bearer token.
 */
const browserSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    csrfToken: { type: String, default: null },
    /** Set while signed in, so an expired sign-in can be told apart from never having signed in. */
    userId: { type: Schema.Types.ObjectId, default: null },
    returnTo: { type: String, default: null },
    flash: { type: Schema.Types.Mixed, default: null },
    /** An organisation's sign-up answers between its question pages (the password only sealed: src/employers/pages/sign-up-answers.ts). */
    signUp: { type: Schema.Types.Mixed, default: null },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, collection: 'browser_sessions', minimize: false },
);
browserSessionSchema.index({ tokenHash: 1 }, { unique: true });
// No TTL index (FerretDB v1 has none): the purge-sessions job deletes expired ones.
browserSessionSchema.index({ expiresAt: 1 });

export type BrowserSessionRecord = InferSchemaType<typeof browserSessionSchema> & { _id: mongoose.Types.ObjectId };
export const BrowserSessionModel = mongoose.model('BrowserSession', browserSessionSchema);
