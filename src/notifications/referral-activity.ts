import mongoose from 'mongoose';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import type { LocalDate } from '../lib/dates.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import { renderActivityEmail, renderActivityLine } from './activity-templates.js';
import { queueEmail, type EmailToQueue } from './queue-email.js';
import type { ActivityKind } from './notification-kinds.js';
import { NotificationModel, type Audience, type Urgency } from './notification.model.js';
import { deliveryFor, loadPreferenceBook } from './notification-preferences.service.js';
import { insertNew, notificationIdFor } from './notification-store.js';
import { addDigestLines, withdrawDigestLines } from './digest-pending.js';

/**
 * What one side did, to be told to the other: the facts are only what the reader may know (a referral code,
 * an offer's title, a date; a first name only where the young person shares their name with the employer).
 */
export interface ActivityFacts {
  referralCode?: string;
  opportunityTitle?: string;
  districtName?: string;
  firstName?: string;
  stage?: string;
  reason?: string;
  date: LocalDate;
}

export interface ActivityNotice {
  kind: ActivityKind;
  /** Picks the wording "<kind>:<variant>" when there is one (the stage, the offer's move). */
  variant?: string;
  urgency: Urgency;
  audience: Audience;
  recipientUserIds: readonly string[];
  /** The record and the step, unique per step: telling the same step twice stores and sends it once. */
  subjectKey: string;
  /** Kept for subject access requests and audit; employers are never shown it (see toNotificationView). */
  youngPersonId: string | null;
  date: LocalDate;
  facts: ActivityFacts;
  /** A page path; PUBLIC_BASE_URL is put in front in emails. */
  link: string;
}

/** Who acted, and when; the deps give the settings and the log. */
export interface ActivityContext {
  actor?: Actor;
  now: Date;
  deps: Pick<AppDeps, 'config' | 'logger'>;
}

const url = (config: Pick<Config, 'PUBLIC_BASE_URL'>, link: string) => `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;

/**
 * Stores each notice as an in-service notification for each active recipient who has not turned its kind off,
 * and queues an email at once for those who want it at once (urgent kinds by default). Every one also waits for
 * the daily digest. Ids come from the natural key, so a retold step is a no-op. The digest line is written
 * before the notification, so a crash between the two leaves a line (a catch-up retelling the step finds its
 * notification stored and takes the line back) rather than a notification no digest will list.
 */
export async function deliverActivity(config: Pick<Config, 'PUBLIC_BASE_URL'>, notices: readonly ActivityNotice[], now: Date): Promise<{ stored: number; queued: number }> {
  const recipientIds = [...new Set(notices.flatMap((notice) => notice.recipientUserIds))].filter((id) => mongoose.isValidObjectId(id));
  if (recipientIds.length === 0) return { stored: 0, queued: 0 };
  const [preferences, users] = await Promise.all([
    loadPreferenceBook(recipientIds),
    UserModel.find({ _id: { $in: recipientIds }, active: true }, { email: 1, name: 1 }).lean(),
  ]);
  const userById = new Map(users.map((user) => [String(user._id), user]));
  const notifications: mongoose.mongo.OptionalId<mongoose.mongo.Document>[] = [];
  const emails: EmailToQueue[] = [];
  for (const notice of notices) {
    const text = renderActivityLine(notice.kind, notice.variant, notice.facts);
    for (const recipientUserId of new Set(notice.recipientUserIds)) {
      const user = userById.get(recipientUserId);
      const delivery = deliveryFor(preferences, recipientUserId, notice.kind, notice.urgency);
      if (!user || delivery === 'never') continue;
      const id = notificationIdFor({ recipientUserId, subjectKey: notice.subjectKey, rule: notice.kind, dueDate: notice.date });
      notifications.push({
        _id: id, recipientUserId: new mongoose.Types.ObjectId(recipientUserId), audience: notice.audience, subjectKey: notice.subjectKey, rule: notice.kind, dueDate: notice.date,
        urgency: notice.urgency, youngPersonId: notice.youngPersonId ? new mongoose.Types.ObjectId(notice.youngPersonId) : null, facts: notice.facts, text, link: notice.link,
        byEmail: true, digestDate: null, readAt: null, createdAt: now, updatedAt: now, __v: 0,
      });
      if (delivery !== 'at_once') continue;
      const email = renderActivityEmail(notice.kind, notice.facts, { recipientName: user.name, text, url: url(config, notice.link), settingsUrl: url(config, '/reminders/settings'), urgent: notice.urgency === 'urgent' });
      emails.push({ dedupeKey: `immediate:${String(id)}`, kind: 'immediate', recipientUserId, to: user.email, ...email, notificationIds: [id] });
    }
  }
  const lines = notifications.map(({ _id, recipientUserId, rule, urgency, dueDate, text, link }) => ({ notificationId: _id, recipientUserId, rule, urgency, dueDate, text, link }) as Parameters<typeof addDigestLines>[0][number]);
  const lined = await addDigestLines(lines, now);
  const stored = await insertNew(NotificationModel.collection, notifications);
  // Told before: its digest has dealt with it (or will, from the line already waiting). Only lines added just now.
  await withdrawDigestLines(notifications.flatMap((notification, index) => (lined.has(index) && !stored.has(index) ? [notification._id] : [])));
  // Through queueEmail, like every other email: the outbox and its sender do the rest (retries, failures page).
  let queued = 0;
  for (const email of emails) if (await queueEmail(email, now)) queued += 1;
  return { stored: stored.size, queued };
}

/**
 * Delivers notices after the step they tell of has been recorded. Telling is secondary to the step itself: a
 * failure here is logged (ids and codes only) and never undoes or fails the step.
 */
export async function tellSafely(context: ActivityContext, what: string, build: () => Promise<ActivityNotice[]>): Promise<void> {
  try {
    const notices = await build();
    if (notices.length) await deliverActivity(context.deps.config, notices, context.now);
  } catch (error) {
    context.deps.logger.error({ code: 'activity_notification_failed', about: what, errorName: (error as Error).name }, 'could not notify the other side of a step');
  }
}

/** Active users of an organisation: everyone who works its offers hears of their steps. */
export async function organisationUsers(organisationId: unknown): Promise<string[]> {
  if (!organisationId) return [];
  const users = await UserModel.find({ role: 'employer', organisationId, active: true }, { _id: 1 }).lean();
  return users.map((user) => String(user._id));
}
