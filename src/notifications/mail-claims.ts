import mongoose from 'mongoose';
import { isDuplicateKey } from '../lib/errors.js';
import { MailBatchModel, MailSentModel } from './mail-history.model.js';
import { MailClaimModel, MailOutboxModel, claimKey, type MailOutboxRecord } from './mail-outbox.model.js';
import { insertNew } from './notification-store.js';

/** A message this sender may send: its claim number, and its attempts counting this one. */
export interface Claimed {
  message: MailOutboxRecord;
  claim: number;
  /** Attempts including this one: claims since the message was last written all count (a dead sender's too). */
  attempts: number;
}

/** One sender run: its id on every claim it makes, and the lease renewed on that one document while it runs. */
export interface SenderLease {
  batchId: string;
  claimedBy: string;
}

const claimDocument = (outboxId: unknown, claim: number, lease: SenderLease, now: Date, leaseMs: number) => ({
  _id: claimKey(outboxId, claim), outboxId, claim, claimedBy: lease.claimedBy, batchId: lease.batchId, at: now, leaseUntil: new Date(now.getTime() + leaseMs),
});

/** Writes the run's lease (MailBatch) before its first claim: claims point to it, and it is what gets renewed. */
export async function startLease(lease: SenderLease, now: Date, leaseMs: number): Promise<void> {
  await MailBatchModel.collection.insertOne({ _id: lease.batchId, claimedBy: lease.claimedBy, at: now, leaseUntil: new Date(now.getTime() + leaseMs) } as never);
}

/** Moves the run's lease on; claims are never updated (they are history: an update would scan them on FerretDB v1). */
export async function renewLease(lease: SenderLease, leaseUntil: Date): Promise<void> {
  await MailBatchModel.updateOne({ _id: lease.batchId }, { $set: { leaseUntil } });
}

/** Until when the holder of a claim may send: its claim's lease, or its run's renewed lease if later. */
async function holderLease(outboxId: unknown, claim: number): Promise<Date | null> {
  type Holder = { leaseUntil: Date; batchId?: string | null };
  const holder = (await MailClaimModel.findOne({ _id: claimKey(outboxId, claim) }).lean<Holder>()) ?? (await MailClaimModel.findOne({ outboxId: outboxId as mongoose.Types.ObjectId, claim }).lean<Holder>()); // older claims had no key
  if (!holder) return null;
  const batch = holder.batchId ? await MailBatchModel.findOne({ _id: holder.batchId }, { leaseUntil: 1 }).lean() : null;
  return batch && batch.leaseUntil > holder.leaseUntil ? batch.leaseUntil : holder.leaseUntil;
}

/**
 * When claim `claim` is taken: the next free claim number if the holder's lease expired (it died), else null.
 * A message already sent is not taken over but dropped from the outbox: a sender that died between recording it
 * sent and removing it, or the same email queued again after it was sent (same key, same id).
 */
async function takeOver(message: MailOutboxRecord, claim: number, now: Date, lease: SenderLease, leaseMs: number): Promise<number | null> {
  for (let number = claim; ; number += 1) {
    const until = await holderLease(message._id, number);
    if (!until) return null; // cannot happen after a duplicate key, unless purged: leave it to the next run
    if (until >= now) return null; // a live sender has it
    if (await MailSentModel.exists({ _id: message._id })) {
      await MailOutboxModel.deleteMany({ _id: message._id, status: 'pending' });
      return null;
    }
    try {
      await MailClaimModel.collection.insertOne(claimDocument(message._id, number + 1, lease, now, leaseMs) as never);
      return number + 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/**
 * Claims these due messages. A claim is the insert of (message, claim number) into a unique index, all in one
 * insertMany: of several senders that read the same message only one insert wins, so several instances never
 * send the same message at the same time. (An insert against a unique index is atomic in MongoDB and FerretDB
 * v1; a conditional update is not atomic in FerretDB v1, so claims never rely on one.) A message whose claim is
 * held by a sender whose lease expired is taken over with the next claim number. Claims are kept while their
 * email could be queued again (see mail-history-purge), so a copy queued again after it was sent meets its old
 * claim and is dropped.
 */
export async function claimMessages(candidates: readonly MailOutboxRecord[], now: Date, leaseMs: number, lease: SenderLease): Promise<Claimed[]> {
  if (candidates.length === 0) return [];
  const won = await insertNew(MailClaimModel.collection, candidates.map((message) => claimDocument(message._id, (message.claimCount ?? 0) + 1, lease, now, leaseMs) as never));
  const claimed: Claimed[] = [];
  for (const [index, message] of candidates.entries()) {
    const first = (message.claimCount ?? 0) + 1;
    const claim = won.has(index) ? first : await takeOver(message, first, now, lease, leaseMs);
    if (claim !== null) claimed.push({ message, claim, attempts: message.attempts + (claim - (message.claimCount ?? 0)) });
  }
  return claimed;
}
