import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { MailKeyModel } from './mail-history.model.js';
import { MailOutboxModel } from './mail-outbox.model.js';
import { insertNew } from './notification-store.js';

/**
 * An outbox message's id is derived from its dedupe key, so the same email queued again has the same id (and
 * the same Message-ID): a sender that meets it finds its earlier claims and its sent record (see mail-sender).
 */
export function outboxIdFor(dedupeKey: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(`mail|${dedupeKey}`).digest('hex').slice(0, 24));
}

type OutboxDocument = mongoose.mongo.OptionalId<mongoose.mongo.Document> & { dedupeKey: string; createdAt?: Date };

/**
 * Queues emails once per dedupe key, ever, by inserts only, and returns the indexes of those that were new.
 * 1. Insert into the outbox: its unique dedupeKey refuses an email still waiting (or failed).
 * 2. Insert their keys into mail_keys: a key already there was queued before and has since been sent (moved out
 *    of the outbox), so that copy is deleted again at once. (A sender that reaches it first finds the earlier
 *    claim and sent record of the same id, and drops it too.) A crash between 1 and 2 leaves a message without
 *    its key: it is still sent once, and a later copy is caught by the sender's check.
 */
export async function enqueueMail(documents: OutboxDocument[]): Promise<Set<number>> {
  const withIds = documents.map((document) => ({ ...document, _id: outboxIdFor(document.dedupeKey) }));
  const inserted = await insertNew(MailOutboxModel.collection, withIds);
  if (inserted.size === 0) return inserted;
  const fresh = [...inserted];
  const at = withIds[fresh[0]!]!.createdAt ?? new Date(0);
  const keyed = await insertNew(MailKeyModel.collection as unknown as mongoose.mongo.Collection, fresh.map((index) => ({ _id: withIds[index]!.dedupeKey, at }) as unknown as mongoose.mongo.Document));
  const repeats = fresh.filter((_index, position) => !keyed.has(position));
  if (repeats.length) {
    await MailOutboxModel.deleteMany({ _id: { $in: repeats.map((index) => withIds[index]!._id) }, status: 'pending', claimCount: 0 });
    for (const index of repeats) inserted.delete(index);
  }
  return inserted;
}
