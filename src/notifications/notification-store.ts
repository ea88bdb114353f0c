import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import { NotificationModel } from './notification.model.js';
import { renderReminderLine } from './templates.js';
import { insertNew } from '../lib/insert-new.js';
import { addDigestLines } from './digest-pending.js';

/** Kept here too, where every writer of the notifications found it first. */
export { insertNew };

/**
 * A reminder's id is derived from its natural key (recipient, subject, rule, due date), so every instance that
 * computes the same reminder computes the same id: its immediate email can then be keyed by that id without
 * reading anything back. The unique natural-key index stays as the rule the database enforces.
 */
export function notificationIdFor(draft: { recipientUserId: string; subjectKey: string; rule: string; dueDate: string }): mongoose.Types.ObjectId {
  const key = [draft.recipientUserId, draft.subjectKey, draft.rule, draft.dueDate].join('|');
  return new mongoose.Types.ObjectId(createHash('sha256').update(key).digest('hex').slice(0, 24));
}

/** How far before a resumed run's start its predecessor's writes are looked for: clocks of instances differ a little. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Stores each reminder once (by its natural key) and returns those stored now for the first time (`fresh`): only
 * they are queued for their recipient's digest here, and only they are emailed at once by the scan, so a
 * reminder that stays due for months is told of once, and nothing has to remember "told" for ever.
 * `resumingSince`: this run takes over a slot whose earlier attempt started then and died or failed, perhaps
 * between storing reminders and telling of them; what it stored since is treated as fresh again (its digest
 * lines and email keys keep that from telling twice). One read of the notifications, on that rare path only.
 */
export async function storeReminders(drafts: readonly ReminderDraft[], now: Date, options: { resumingSince?: Date | null } = {}): Promise<{ found: number; stored: number; fresh: ReminderDraft[] }> {
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
  const storedByEarlierAttempt = options.resumingSince ? await storedSince(new Date(options.resumingSince.getTime() - CLOCK_SKEW_MS)) : new Set<string>();
  const fresh = documents.flatMap((document, index) => (inserted.has(index) || storedByEarlierAttempt.has(String(document._id)) ? [index] : []));
  await addDigestLines(fresh.filter((index) => documents[index]!.byEmail).map((index) => {
    const { _id, recipientUserId, rule, urgency, dueDate, text, link, audience, youngPersonId } = documents[index]!;
    return { notificationId: _id, recipientUserId, rule, urgency, dueDate, text, link, housingConsentOf: audience === 'housing_officer' ? youngPersonId : null };
  }), now);
  return { found: drafts.length, stored: inserted.size, fresh: fresh.map((index) => drafts[index]!) };
}

async function storedSince(since: Date): Promise<Set<string>> {
  const records = await NotificationModel.find({ createdAt: { $gte: since } }, { _id: 1 }).lean();
  return new Set(records.map((record) => String(record._id)));
}
