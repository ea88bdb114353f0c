import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { stillSharingWithHousing } from '../housing/housing-access.js';
import type { LocalDate } from '../lib/dates.js';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import { UserModel } from '../users/users.model.js';
import { MailOutboxModel } from './mail-outbox.model.js';
import { URGENCIES, type Urgency } from './notification.model.js';
import { notificationIdFor } from './notification-store.js';
import { clearDealtWith, readDigestPending, recordQueuedDigests, type DigestLine } from './digest-pending.js';
import { enqueueMail, outboxIdFor } from './mail-enqueue.js';
import { deliveryFor, loadPreferenceBook } from './notification-preferences.service.js';
import { renderEmail, renderReminderLine, renderReminderSubject, type RenderedEmail } from './templates.js';

type MailConfig = Pick<Config, 'PUBLIC_BASE_URL'>;

const GROUP_LABELS: Record<Urgency, string> = { urgent: 'Urgent', soon: 'Coming up soon', for_information: 'For information' };

const url = (config: MailConfig, link: string) => `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;

/** Everyone who can receive email: one read of a small collection (a council has hundreds of users, not millions). */
async function activeRecipients(): Promise<Map<string, { email: string; name: string }>> {
  const users = await UserModel.find({ active: true }, { email: 1, name: 1 }).lean();
  return new Map(users.map((user) => [String(user._id), { email: user.email, name: user.name }]));
}

/**
 * A reminder email as the outbox holds it until it is sent. The fields only a failed or sent message has (lastError,
 * failedAt, sentAt) are written when it fails or leaves: FerretDB v1 decodes every field of every waiting message
 * on each read and each delete of the outbox, and measured a tenth less work without those three nulls.
 */
export function outboxDocument(dedupeKey: string, kind: 'immediate' | 'digest', recipientUserId: unknown, to: string, email: RenderedEmail, notificationIds: unknown[], now: Date, digestDate: LocalDate | null = null) {
  return {
    _id: outboxIdFor(dedupeKey), dedupeKey, kind, digestDate, recipientUserId, to, ...email, notificationIds, status: 'pending', attempts: 0, claimCount: 0, nextAttemptAt: now,
    createdAt: now, updatedAt: now, __v: 0,
  };
}

/**
 * Queues one email for each reminder by email that goes at once (urgent, or as its recipient chose: see
 * applyPreferences). The scan passes the reminders it stored for the first time (storeReminders' `fresh`, which
 * after a crash also holds what the dead attempt stored), so a reminder due for months is emailed once; the
 * dedupe key "immediate:<reminder id>" (the id comes from the natural key) keeps a repeat from going twice.
 */
export async function queueImmediateEmails(config: MailConfig, drafts: readonly ReminderDraft[], now: Date): Promise<number> {
  const urgent = drafts.filter((draft) => (draft.emailAtOnce ?? draft.urgency === 'urgent') && draft.byEmail);
  if (urgent.length === 0) return 0;
  const people = await activeRecipients();
  const documents = urgent.flatMap((draft) => {
    const person = people.get(draft.recipientUserId);
    if (!person) return []; // inactive: the reminder stays in the service only
    const text = renderReminderLine(draft.rule, draft.audience, draft.facts);
    const id = notificationIdFor(draft);
    // The subject names what kind of deadline it is, never the person (the line in the body may).
    const email = renderEmail('immediate-reminder', { recipientName: person.name, text, subjectLine: renderReminderSubject(draft.rule, draft.audience), urgent: draft.urgency === 'urgent', url: url(config, draft.link) });
    return [outboxDocument(`immediate:${String(id)}`, 'immediate', new mongoose.Types.ObjectId(draft.recipientUserId), person.email, email, [id], now)];
  });
  return (await enqueueMail(documents)).size;
}

/**
 * One daily digest per recipient for `date`: every reminder by email waiting for a digest (digest-pending: the
 * day's work, not the history of reminders), grouped and ordered by urgency. What each digest listed is recorded
 * by insert, only AFTER the digest is queued, so a run that dies before queueing leaves its reminders for the
 * run that takes the slot over (or for the next day's). A run that died between queueing and recording is
 * repaired by the next run: digests already queued for `date` are recorded first (and the sender records a
 * digest before it leaves the outbox). Reminders no digest will list (a kind turned off, an inactive recipient)
 * are dropped with the rest of what was dealt with. A handful of bulk reads, inserts and one delete, whatever the
 * number of recipients or the years of reminders stored.
 */
export async function queueDailyDigests(config: MailConfig, date: LocalDate, now: Date): Promise<{ recipients: number; queued: number }> {
  const queuedToday = await MailOutboxModel.find({ kind: 'digest', digestDate: date }, { dedupeKey: 1, recipientUserId: 1, digestDate: 1, notificationIds: 1 }).lean();
  await recordQueuedDigests(queuedToday, now);
  // A second run on the same day: reminders of those who already had today's digest wait for tomorrow's.
  const { lines, hadDigestOn, latest } = await readDigestPending(date);
  const byRecipient = new Map<string, DigestLine[]>();
  // A kind turned off ("never") after its item was stored is left out of the digest too.
  const preferences = await loadPreferenceBook(lines.map((line) => String(line.recipientUserId)));
  const people = await activeRecipients();
  const sharing = await stillSharingWithHousing(lines.flatMap((line) => (line.housingConsentOf ? [String(line.housingConsentOf)] : [])));
  for (const line of lines) {
    const recipientId = String(line.recipientUserId);
    if (hadDigestOn.has(recipientId)) continue;
    // Consent to share with housing withdrawn since the reminder was stored: the officer no longer hears of them.
    if (line.housingConsentOf && !sharing.has(String(line.housingConsentOf))) continue;
    if (!people.has(recipientId) || deliveryFor(preferences, recipientId, line.rule, line.urgency) === 'never') continue;
    byRecipient.set(recipientId, [...(byRecipient.get(recipientId) ?? []), line]);
  }
  const documents = [...byRecipient].map(([recipientId, list]) => {
    const person = people.get(recipientId)!;
    list.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || String(a.notificationId).localeCompare(String(b.notificationId)));
    const groups = URGENCIES.map((urgency) => ({
      label: GROUP_LABELS[urgency],
      items: list.filter((line) => line.urgency === urgency).map((line) => ({ text: line.text, url: url(config, line.link) })),
    })).filter((group) => group.items.length > 0);
    const email = renderEmail('daily-digest', {
      recipientName: person.name, date, count: list.length, urgentCount: list.filter((line) => line.urgency === 'urgent').length, groups, notificationsUrl: url(config, '/reminders'),
    });
    return outboxDocument(`digest:${recipientId}:${date}`, 'digest', new mongoose.Types.ObjectId(recipientId), person.email, email, list.map((line) => line.notificationId), now, date);
  });
  const inserted = await enqueueMail(documents);
  // Recorded now that their digest is queued; a digest another instance queued at the same moment is that
  // instance's to record (or the repair's), with the list it queued. Recorded no earlier than the lines it covers
  // were written, so it is never cleared before them.
  await recordQueuedDigests(documents.filter((_document, index) => inserted.has(index)), latest && latest > now ? latest : now);
  const waiting = new Set([...hadDigestOn, ...documents.filter((_document, index) => !inserted.has(index)).map((document) => String(document.recipientUserId))]);
  await clearDealtWith(now, waiting);
  return { recipients: byRecipient.size, queued: inserted.size };
}
