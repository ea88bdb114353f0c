import mongoose from 'mongoose';
import { readById } from '../lib/read-by-id.js';
import { JobRunModel, type JobRunRecord } from '../../jobs/job-runs.model.js';
import { recordAudit } from '../audit/audit.service.js';
import { notFound, unprocessable } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import { stillSharingWithHousing } from '../housing/housing-access.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { MailSentModel } from './mail-history.model.js';
import { MailOutboxModel, type MailOutboxRecord, type MailStatus } from './mail-outbox.model.js';
import { NotificationModel, URGENCIES, type NotificationRecord } from './notification.model.js';
import type { JobRunView, NotificationView, OutboxMessageView } from './notifications.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

function toNotificationView(record: NotificationRecord): NotificationView {
  return {
    id: String(record._id), rule: record.rule, urgency: record.urgency, audience: record.audience, dueDate: record.dueDate, text: record.text, link: record.link,
    // An employer never gets a young person's id: it would link one person's anonymous referrals together.
    youngPersonId: record.youngPersonId && record.audience !== 'employer' ? String(record.youngPersonId) : null, createdAt: record.createdAt.toISOString(), readAt: record.readAt ? record.readAt.toISOString() : null,
  };
}

const urgencyRank = (urgency: string) => URGENCIES.indexOf(urgency as (typeof URGENCIES)[number]);

/**
 * Drops reminders to a PA about young people they no longer hold: a reminder scan that read a record just before
 * it was reallocated can store one after assignCaseload re-addressed the others; the next scan sends it to the new holder.
 */
async function withoutCasesHeldByOthers(userId: string, records: NotificationRecord[]): Promise<NotificationRecord[]> {
  const aboutCases = [...new Set(records.filter((record) => record.audience === 'personal_adviser' && record.youngPersonId).map((record) => String(record.youngPersonId)))];
  if (aboutCases.length === 0) return records;
  const held = new Set((await YoungPersonModel.find({ _id: { $in: aboutCases }, personalAdviserId: userId }, { _id: 1 }).lean()).map((record) => String(record._id)));
  return records.filter((record) => record.audience !== 'personal_adviser' || !record.youngPersonId || held.has(String(record.youngPersonId)));
}

/** Drops a housing officer's reminders about young people who no longer share with housing (or whose record closed). */
async function withoutWithdrawnHousingConsent(records: NotificationRecord[]): Promise<NotificationRecord[]> {
  const aboutHousing = records.filter((record) => record.audience === 'housing_officer' && record.youngPersonId);
  if (aboutHousing.length === 0) return records;
  const sharing = await stillSharingWithHousing(aboutHousing.map((record) => String(record.youngPersonId)));
  return records.filter((record) => record.audience !== 'housing_officer' || !record.youngPersonId || sharing.has(String(record.youngPersonId)));
}

/** The caller's unread reminders, most urgent first, then by due date. Audited: they name young people. */
export async function listMyUnreadNotifications(context: Context, query: { limit: number; offset: number }): Promise<{ items: NotificationView[]; total: number }> {
  // Every unread one is read anyway (to sort by urgency), so the total is their number: no second query.
  const records = await withoutWithdrawnHousingConsent(await withoutCasesHeldByOthers(context.actor.userId, await NotificationModel.find({ recipientUserId: context.actor.userId, readAt: null }).lean<NotificationRecord[]>()));
  const total = records.length;
  records.sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || a.dueDate.localeCompare(b.dueDate) || String(a._id).localeCompare(String(b._id)));
  const page = records.slice(query.offset, query.offset + query.limit);
  const youngPersonIds = [...new Set(page.flatMap((record) => (record.youngPersonId ? [String(record.youngPersonId)] : [])))];
  if (youngPersonIds.length) await recordAudit(context, { action: 'list', resource: 'notification', youngPersonIds, via: 'GET /notifications/mine' });
  return { items: page.map(toNotificationView), total };
}

/** Marks one of the caller's own reminders read; anyone else's is not found. Reading twice keeps the first time. */
export async function markNotificationRead(context: Context, id: string): Promise<NotificationView> {
  const own = { _id: id, recipientUserId: context.actor.userId };
  await NotificationModel.updateOne({ ...own, readAt: null }, { $set: { readAt: context.now } });
  const record = await readById<NotificationRecord>(NotificationModel, id, { recipientUserId: context.actor.userId });
  if (!record) throw notFound('Notification');
  if (record.youngPersonId) await recordAudit(context, { action: 'read', resource: 'notification', resourceId: id, youngPersonIds: [String(record.youngPersonId)], via: 'POST /notifications/:id/read' });
  return toNotificationView(record);
}

function toOutboxMessageView(record: MailOutboxRecord): OutboxMessageView {
  return {
    id: String(record._id), kind: record.kind, to: record.to, subject: record.subject, status: record.status, attempts: record.attempts, lastError: record.lastError ?? null,
    nextAttemptAt: record.nextAttemptAt.toISOString(), createdAt: record.createdAt.toISOString(), sentAt: record.sentAt ? record.sentAt.toISOString() : null, failedAt: record.failedAt ? record.failedAt.toISOString() : null,
  };
}

/**
 * Emails by delivery status, for staff: by default the failed ones, which need someone to act. Sent ones are
 * read from mail_sent (where the sender moves them) and from the outbox (where older ones stayed).
 */
export async function listOutbox(actor: Actor, query: { status: MailStatus; limit: number; offset: number }): Promise<{ items: OutboxMessageView[]; total: number }> {
  const filter: Record<string, unknown> = { status: query.status, ...(await outboxScope(actor)) };
  const sources = (query.status === 'sent' ? [MailOutboxModel, MailSentModel] : [MailOutboxModel]) as unknown as (typeof MailOutboxModel)[];
  const [lists, counts] = await Promise.all([
    Promise.all(sources.map((model) => model.find(filter).sort({ updatedAt: -1, _id: -1 }).limit(query.offset + query.limit).lean<MailOutboxRecord[]>())),
    Promise.all(sources.map((model) => model.countDocuments(filter))),
  ]);
  const records = lists.flat().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || String(b._id).localeCompare(String(a._id)));
  return { items: records.slice(query.offset, query.offset + query.limit).map(toOutboxMessageView), total: counts.reduce((sum, count) => sum + count, 0) };
}

/** A manager acts on the mail of their own team's accounts only; an admin on all. */
async function outboxScope(actor: Actor): Promise<Record<string, unknown>> {
  return actor.role === 'admin' ? {} : { recipientUserId: { $in: await teamMemberIds(actor.team) } };
}

async function teamMemberIds(team: string | null): Promise<mongoose.Types.ObjectId[]> {
  if (!team) return [];
  return (await UserModel.find({ team }, { _id: 1 }).lean()).map((user) => user._id);
}

/** Puts a failed email back in the queue with a fresh set of attempts; only a failed one can be retried. */
export async function retryFailedMessage(context: Context, id: string): Promise<OutboxMessageView> {
  if (!mongoose.isValidObjectId(id)) throw notFound('Message');
  const scope = await outboxScope(context.actor);
  const retried = await MailOutboxModel.findOneAndUpdate(
    { _id: id, status: 'failed', ...scope },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: context.now, failedAt: null, updatedAt: context.now } },
    { returnDocument: 'after' },
  ).lean<MailOutboxRecord>();
  if (retried) return toOutboxMessageView(retried);
  const existing = (await readById<{ status: string }>(MailOutboxModel, id, scope)) ?? (await readById<{ status: string }>(MailSentModel, id, scope));
  if (!existing) throw notFound('Message');
  throw unprocessable(`Only a failed message can be retried; this one is ${existing.status}.`);
}

/**
 * Puts every failed email back in the queue with a fresh set of attempts, for when the cause has been fixed
 * (a wrong SMTP password, a full mailbox server). Returns how many went back.
 */
export async function retryAllFailedMessages(context: Context): Promise<{ retried: number }> {
  const result = await MailOutboxModel.updateMany({ status: 'failed', ...(await outboxScope(context.actor)) }, { $set: { status: 'pending', attempts: 0, nextAttemptAt: context.now, failedAt: null, updatedAt: context.now } });
  return { retried: result.modifiedCount };
}

function toJobRunView(record: JobRunRecord): JobRunView {
  return {
    id: String(record._id), jobName: record.jobName, slot: record.slot.toISOString(), status: record.status, owner: record.owner, startedAt: record.startedAt.toISOString(),
    endedAt: record.endedAt ? record.endedAt.toISOString() : null, attempt: record.attempt ?? 1, found: record.found ?? 0, stored: record.stored ?? 0, queued: record.queued ?? 0,
    sent: record.sent ?? 0, errors: record.errorMessages ?? [],
  };
}

/** Scheduled job runs, newest first: when each started and ended, what it found and sent, and its errors. */
export async function listJobRuns(query: { jobName?: string | undefined; status?: string | undefined; limit: number; offset: number }): Promise<{ items: JobRunView[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (query.jobName) filter.jobName = query.jobName;
  if (query.status) filter.status = query.status;
  const [records, total] = await Promise.all([
    JobRunModel.find(filter).sort({ startedAt: -1, _id: -1 }).skip(query.offset).limit(query.limit).lean<JobRunRecord[]>(),
    JobRunModel.countDocuments(filter),
  ]);
  return { items: records.map(toJobRunView), total };
}

/** The caller's own reminders about one young person, unread first: what the young person's page shows. */
export async function myRemindersAbout(context: Context, youngPersonId: string, limit = 20): Promise<NotificationView[]> {
  if (!mongoose.isValidObjectId(youngPersonId)) return [];
  const records = await NotificationModel.find({ recipientUserId: context.actor.userId, youngPersonId }).sort({ readAt: 1, dueDate: 1 }).limit(limit).lean<NotificationRecord[]>();
  records.sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null) || urgencyRank(a.urgency) - urgencyRank(b.urgency) || a.dueDate.localeCompare(b.dueDate));
  return records.map(toNotificationView);
}

/** The caller's reminders for the reminders page: every unread one (most urgent first), then the latest read ones. */
export async function listMyReminders(context: Context, query: { readShown: number }): Promise<{ unread: NotificationView[]; read: NotificationView[] }> {
  const unread = await listMyUnreadNotifications(context, { limit: 500, offset: 0 });
  const read = await withoutWithdrawnHousingConsent(await NotificationModel.find({ recipientUserId: context.actor.userId, readAt: { $ne: null } }).sort({ readAt: -1 }).limit(query.readShown).lean<NotificationRecord[]>());
  return { unread: unread.items, read: read.map(toNotificationView) };
}
