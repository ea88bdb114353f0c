import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A message being sent stays `pending`: its MailClaim, not a status change, says who is sending it. A sent
 * message leaves the outbox for mail_sent (MailSentModel) with status `sent`; older outboxes may still hold some.
 */
export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
/**
 * Reminder emails (immediate, digest) and account emails (verification and invitation links, the notice that an
 * address already has an account, and `account`: a message about the recipient's own account, such as a password reset link).
 */
export const MAIL_KINDS = ['immediate', 'digest', 'verify_email', 'invitation', 'account_exists', 'account', 'organisation_status'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * An email waiting to go (or being sent), sent, or failed. Rendered when queued, so sending is transport only.
 * `dedupeKey` ("immediate:<notification id>", "digest:<user id>:<date>") is unique: queueing twice stores once.
 * A sender claims a message by inserting a MailClaim (see below), so several instances never send the same message
 * at the same time; a claim whose lease expired (its sender died) is taken over with the next claim number. The
 * message itself is written once per attempt, with the outcome: writes are what a database pays for most.
 */
const mailOutboxSchema = new Schema(
  {
    dedupeKey: { type: String, required: true },
    kind: { type: String, required: true, enum: MAIL_KINDS },
    /** Null for an email to someone without an account yet (an invitation). */
    recipientUserId: { type: Schema.Types.ObjectId, default: null },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    notificationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The body carries a one-time link (sent mail keeps no body at all, so once sent the database holds no usable token). */
    containsOneTimeLink: { type: Boolean, default: false },
    status: { type: String, required: true, enum: MAIL_STATUSES, default: 'pending' },
    /** Attempts since queued or since a retry by hand; MAIL_MAX_ATTEMPTS of them and it has failed. */
    attempts: { type: Number, required: true, default: 0 },
    /** Claims ever made (never reset): the next claim inserts claim number claimCount + 1. */
    claimCount: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    /** For a digest, the London date it covers (null for an immediate email). */
    digestDate: { type: String, default: null },
    /** The SMTP reply or error code of the last failure; never message content. */
    lastError: { type: String, default: null },
    sentAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'mail_outbox' },
);
mailOutboxSchema.index({ dedupeKey: 1 }, { unique: true });
mailOutboxSchema.index({ status: 1, nextAttemptAt: 1 });
mailOutboxSchema.index({ kind: 1, digestDate: 1 });
mailOutboxSchema.index({ recipientUserId: 1, createdAt: -1 });

export type MailOutboxRecord = InferSchemaType<typeof mailOutboxSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const MailOutboxModel = mongoose.model('MailOutbox', mailOutboxSchema);

/**
 * One claim to send one message: (outboxId, claim number) is unique, so of several senders that read the same
 * message only the one whose insert succeeds sends it. An insert against a unique index is atomic in MongoDB and
 * in FerretDB v1 alike; a conditional findOneAndUpdate is not atomic in FerretDB v1 (measured: concurrent
 * callers all "win"), so the claim must not rely on it.
 */
const mailClaimSchema = new Schema(
  {
    /** "<outboxId>:<claim>": a lookup by _id alone is the one read FerretDB v1 does in SQL (claims are history). */
    _id: { type: Schema.Types.Mixed },
    outboxId: { type: Schema.Types.ObjectId, required: true },
    claim: { type: Number, required: true },
    claimedBy: { type: String, required: true },
    /** The sender's batch (MailBatch), whose lease is renewed while the batch runs. */
    batchId: { type: String, default: null },
    at: { type: Date, required: true },
    /** Until when the claimer may send (renewed on its batch); after it, another sender may take the message over (claim + 1). */
    leaseUntil: { type: Date, required: true },
  },
  { collection: 'mail_claims', versionKey: false },
);
mailClaimSchema.index({ outboxId: 1, claim: 1 }, { unique: true });

export const claimKey = (outboxId: unknown, claim: number) => `${String(outboxId)}:${claim}`;
export const MailClaimModel = mongoose.model('MailClaim', mailClaimSchema);
