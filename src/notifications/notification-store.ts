import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import { NotificationModel } from './notification.model.js';
import { renderReminderLine } from './templates.js';
import { DUPLICATE_KEY_ERROR } from '../lib/errors.js';


interface BulkWriteErrorLike {
  code?: number;
  writeErrors?: { index: number; code: number }[] | { index: number; code: number };
}

/**
 * Inserts documents, skipping those whose unique key is already stored, and returns the indexes of the
 * documents that were new. One unordered insertMany: the database checks the unique index for each document,
 * so several scans at once (or the same scan twice) store each document once. Any other error is thrown.
 */
export async function insertNew(collection: mongoose.mongo.Collection, documents: mongoose.mongo.OptionalId<mongoose.mongo.Document>[]): Promise<Set<number>> {
  const inserted = new Set(documents.map((_document, index) => index));
  if (documents.length === 0) return inserted;
  try {
    await collection.insertMany(documents, { ordered: false });
  } catch (error) {
    const bulk = error as BulkWriteErrorLike;
    const writeErrors = bulk.writeErrors === undefined ? (bulk.code === DUPLICATE_KEY_ERROR && documents.length === 1 ? [{ index: 0, code: DUPLICATE_KEY_ERROR }] : undefined) : Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    if (!writeErrors || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY_ERROR)) throw error;
    for (const writeError of writeErrors) inserted.delete(writeError.index);
  }
  return inserted;
}

/**
 * A reminder's id is derived from its natural key (recipient, subject, rule, due date), so every instance that
 * computes the same reminder computes the same id: its immediate email can then be keyed by that id without
 * reading anything back. The unique natural-key index stays as the rule the database enforces.
 */
export function notificationIdFor(draft: { recipientUserId: string; subjectKey: string; rule: string; dueDate: string }): mongoose.Types.ObjectId {
  const key = [draft.recipientUserId, draft.subjectKey, draft.rule, draft.dueDate].join('|');
  return new mongoose.Types.ObjectId(createHash('sha256').update(key).digest('hex').slice(0, 24));
}

/** Stores each reminder once (by its natural key) and says how many were new. */
export async function storeReminders(drafts: readonly ReminderDraft[], now: Date): Promise<{ found: number; stored: number }> {
  const documents = drafts.map((draft) => ({
    _id: notificationIdFor(draft),
    recipientUserId: new mongoose.Types.ObjectId(draft.recipientUserId),
    audience: draft.audience,
    subjectKey: draft.subjectKey,
    rule: draft.rule,
    dueDate: draft.dueDate,
    urgency: draft.urgency,
    youngPersonId: draft.youngPersonId ? new mongoose.Types.ObjectId(draft.youngPersonId) : null,
    facts: draft.facts,
    text: renderReminderLine(draft.rule, draft.audience, draft.facts),
    link: draft.link,
    byEmail: draft.byEmail,
    digestDate: null,
    readAt: null,
    createdAt: now,
    updatedAt: now,
    __v: 0,
  }));
  const inserted = await insertNew(NotificationModel.collection, documents);
  return { found: drafts.length, stored: inserted.size };
}
