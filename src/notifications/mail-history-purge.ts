import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { DigestPendingModel } from './digest-pending.js';
import { MailBatchModel, MailKeyModel, MailSentModel } from './mail-history.model.js';
import { MailClaimModel, MailOutboxModel } from './mail-outbox.model.js';

/** The moment before which history goes: `now` less MAIL_HISTORY_RETENTION_DAYS. */
export function historyCutoff(now: Date, config: Pick<Config, 'MAIL_HISTORY_RETENTION_DAYS'>): Date {
  return new Date(now.getTime() - config.MAIL_HISTORY_RETENTION_DAYS * 86_400_000);
}

/** What one purge deleted, by collection. */
export type PurgeCounts = Record<'sent' | 'claims' | 'keys' | 'leases' | 'digestPending' | 'digestEntries', number>;

/**
 * Deletes mail history older than `cutoff`, so that history never slows the work waiting (FerretDB v1 scans a
 * whole collection for every read, and on SQLite for every delete): one deleteMany per collection, by date,
 * never one per document.
 * - sent mail (mail_sent, and sent mail older outboxes kept): the "sent" view of the failed-emails page shows the
 *   rest. Failed and waiting emails stay in the outbox whatever their age: they wait for someone to act.
 * - mail claims and run leases: a claim only matters while its message is in the outbox or could be queued again;
 *   every path that queues the same email again does so within 7 days (the catch-ups), and the retention is at
 *   least 14. A message still waiting whose old claim went is simply claimed afresh.
 * - mail keys ("one email per key"): past the same 7 days no path queues an old key again; the reminder scan
 *   emails a reminder only when it is first stored (see storeReminders).
 * - digest lines no digest dealt with (the digest job turned off) and the per-reminder digest entries of earlier
 *   versions (digest_entries), which nothing reads any more.
 * The audit log and the reminders themselves are not touched here.
 */
export async function purgeMailHistory(cutoff: Date): Promise<PurgeCounts> {
  const before = { $lt: cutoff };
  const sent = (await MailSentModel.deleteMany({ sentAt: before })).deletedCount + (await MailOutboxModel.deleteMany({ status: 'sent', sentAt: before })).deletedCount;
  const claims = (await MailClaimModel.deleteMany({ at: before })).deletedCount;
  const keys = (await MailKeyModel.deleteMany({ at: before })).deletedCount;
  const leases = (await MailBatchModel.deleteMany({ leaseUntil: before })).deletedCount;
  const digestPending = (await DigestPendingModel.deleteMany({ at: before })).deletedCount;
  const digestEntries = (await mongoose.connection.collection('digest_entries').deleteMany({ at: before })).deletedCount;
  return { sent, claims, keys, leases, digestPending, digestEntries };
}
