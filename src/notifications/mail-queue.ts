import mongoose from 'mongoose';
import type { Config } from '../config.js';
import type { LocalDate } from '../lib/dates.js';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import { UserModel } from '../users/users.model.js';
import { MailOutboxModel } from './mail-outbox.model.js';
import { NotificationModel, URGENCIES, type NotificationRecord, type Urgency } from './notification.model.js';
import { insertNew, notificationIdFor } from './notification-store.js';
import { renderEmail, renderReminderLine, type RenderedEmail } from './templates.js';

type MailConfig = Pick<Config, 'PUBLIC_BASE_URL'>;

const GROUP_LABELS: Record<Urgency, string> = { urgent: 'Urgent', soon: 'Coming up soon', for_information: 'For information' };

const url = (config: MailConfig, link: string) => `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;

/** Everyone who can receive email: one read of a small collection (a council has hundreds of users, not millions). */
async function activeRecipients(): Promise<Map<string, { email: string; name: string }>> {
  const users = await UserModel.find({ active: true }, { email: 1, name: 1 }).lean();
  return new Map(users.map((user) => [String(user._id), { email: user.email, name: user.name }]));
}

function outboxDocument(dedupeKey: string, kind: 'immediate' | 'digest', recipientUserId: unknown, to: string, email: RenderedEmail, notificationIds: unknown[], now: Date, digestDate: LocalDate | null = null) {
  return {
    _id: new mongoose.Types.ObjectId(), dedupeKey, kind, digestDate, recipientUserId, to, ...email, notificationIds, status: 'pending', attempts: 0, claimCount: 0, nextAttemptAt: now,
    lastError: null, sentAt: null, failedAt: null, createdAt: now, updatedAt: now, __v: 0,
  };
}

/**
 * Queues one email for each urgent reminder by email that the scan found, new or not: the dedupe key
 * "immediate:<reminder id>" (the id comes from the natural key) makes that one email per reminder ever. So a
 * crash between storing reminders and queueing their emails is caught up by the next scan, with no flag to clear.
 */
export async function queueImmediateEmails(config: MailConfig, drafts: readonly ReminderDraft[], now: Date): Promise<number> {
  const urgent = drafts.filter((draft) => draft.urgency === 'urgent' && draft.byEmail);
  if (urgent.length === 0) return 0;
  const people = await activeRecipients();
  const documents = urgent.flatMap((draft) => {
    const person = people.get(draft.recipientUserId);
    if (!person) return []; // inactive: the reminder stays in the service only
    const text = renderReminderLine(draft.rule, draft.audience, draft.facts);
    const id = notificationIdFor(draft);
    const email = renderEmail('immediate-reminder', { recipientName: person.name, text, headline: text, urgent: true, url: url(config, draft.link) });
    return [outboxDocument(`immediate:${String(id)}`, 'immediate', new mongoose.Types.ObjectId(draft.recipientUserId), person.email, email, [id], now)];
  });
  return (await insertNew(MailOutboxModel.collection, documents)).size;
}

/**
 * One daily digest per recipient for `date`: every reminder by email not yet in a digest, grouped and ordered by
 * urgency. Reminders are first marked with the digest date, then each email is built from the reminders so
 * marked: re-running after a crash at any point builds the same emails, and the dedupe key stores each once.
 * A handful of bulk reads and writes whatever the number of recipients.
 */
export async function queueDailyDigests(config: MailConfig, date: LocalDate, now: Date): Promise<{ recipients: number; queued: number }> {
  const alreadyQueued = new Set((await MailOutboxModel.find({ kind: 'digest', digestDate: date }, { recipientUserId: 1 }).lean()).map((message) => String(message.recipientUserId)));
  if (alreadyQueued.size === 0) {
    await NotificationModel.updateMany({ byEmail: true, digestDate: null }, { $set: { digestDate: date } });
  } else {
    // A second run on the same day: reminders of those who already had today's digest wait for tomorrow's.
    const waiting = await NotificationModel.find({ byEmail: true, digestDate: null }, { recipientUserId: 1 }).lean();
    const ids = waiting.filter((notification) => !alreadyQueued.has(String(notification.recipientUserId))).map((notification) => notification._id);
    if (ids.length) await NotificationModel.updateMany({ _id: { $in: ids } }, { $set: { digestDate: date } });
  }
  const items = await NotificationModel.find({ byEmail: true, digestDate: date }).lean<NotificationRecord[]>();
  const byRecipient = new Map<string, NotificationRecord[]>();
  for (const item of items) {
    const recipientId = String(item.recipientUserId);
    if (alreadyQueued.has(recipientId)) continue;
    byRecipient.set(recipientId, [...(byRecipient.get(recipientId) ?? []), item]);
  }
  const people = await activeRecipients();
  const documents = [...byRecipient].flatMap(([recipientId, list]) => {
    const person = people.get(recipientId);
    if (!person) return [];
    list.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || String(a._id).localeCompare(String(b._id)));
    const groups = URGENCIES.map((urgency) => ({
      label: GROUP_LABELS[urgency],
      items: list.filter((item) => item.urgency === urgency).map((item) => ({ text: item.text, url: url(config, item.link) })),
    })).filter((group) => group.items.length > 0);
    const email = renderEmail('daily-digest', {
      recipientName: person.name, date, count: list.length, urgentCount: list.filter((item) => item.urgency === 'urgent').length, groups, notificationsUrl: url(config, '/reminders'),
    });
    return [outboxDocument(`digest:${recipientId}:${date}`, 'digest', new mongoose.Types.ObjectId(recipientId), person.email, email, list.map((item) => item._id), now, date)];
  });
  const inserted = await insertNew(MailOutboxModel.collection, documents);
  return { recipients: byRecipient.size, queued: inserted.size };
}
