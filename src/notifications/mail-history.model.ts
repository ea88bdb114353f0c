import mongoose, { Schema } from 'mongoose';
import { MailOutboxModel } from './mail-outbox.model.js';

/**
 * Sent mail, moved out of the outbox: the outbox holds only the work (pending and failed messages), so the
 * sender's reads and writes cost what is waiting, not years of history (FerretDB v1 scans a collection for
 * every read and for every update). The outbox's fields without the bodies (see sentRecord in mail-sender),
 * status `sent`, the same _id; written once, by insert, and deleted after MAIL_HISTORY_RETENTION_DAYS.
 */
const mailSentSchema = MailOutboxModel.schema.clone();
mailSentSchema.remove(['text', 'html']);
mailSentSchema.set('collection', 'mail_sent');
mailSentSchema.set('autoIndex', false);
mailSentSchema.clearIndexes();
mailSentSchema.index({ sentAt: -1 });
mailSentSchema.index({ recipientUserId: 1, createdAt: -1 });
export const MailSentModel = mongoose.model('MailSent', mailSentSchema);

/**
 * Every dedupe key ever queued, kept after its message left the outbox: "one email per key, ever" is an insert
 * against this unique _id (the only write FerretDB v1 checks with an index on SQLite), not a read of the history.
 */
const mailKeySchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'mail_keys', versionKey: false });
export const MailKeyModel = mongoose.model('MailKey', mailKeySchema);

/**
 * One sender's batch: its claims point here, and the lease is renewed on this one small document rather than
 * on every claim (claims are history: updating them would scan it).
 */
const mailBatchSchema = new Schema(
  { _id: { type: String, required: true }, claimedBy: { type: String, required: true }, at: { type: Date, required: true }, leaseUntil: { type: Date, required: true } },
  { collection: 'mail_batches', versionKey: false },
);
export const MailBatchModel = mongoose.model('MailBatch', mailBatchSchema);
