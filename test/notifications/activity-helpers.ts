import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { expect } from 'vitest';
import type { GivenUser } from '../factories/index.js';
import { remindersOf, runJob, type ReminderItem } from '../factories/reminders.js';
import type { TestApp } from '../setup/test-app.js';

export type NotificationItem = ReminderItem;

/** GET /notifications/mine for `user`, optionally only one kind. */
export async function notificationsOf(app: TestApp, user: GivenUser, kind?: string): Promise<NotificationItem[]> {
  const items = await remindersOf(app, user);
  return kind ? items.filter((item) => item.rule === kind) : items;
}

/** Emails waiting in the outbox for `to` (GET /notifications?status=pending, as council staff). */
export async function pendingEmailsTo(app: TestApp, staff: GivenUser, to: string): Promise<{ id: string; subject: string; kind: string }[]> {
  const response = await app.http().get('/notifications').query({ status: 'pending', limit: 500 }).set('authorization', staff.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string; to: string; subject: string; kind: string }[]).filter((message) => message.to === to);
}

export interface DeliveredMail {
  subject: string;
  text: string;
  html: string;
}

/** Every email the send-mail job delivered to `to` (demo transport: .eml files), parsed as a mail client would. */
export async function deliveredTo(app: TestApp, to: string): Promise<DeliveredMail[]> {
  const dir = app.deps.config.MAIL_OUTBOX_DIR;
  const mails: DeliveredMail[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.eml'))) {
    const parsed = await simpleParser(await readFile(path.join(dir, file)));
    const recipients = [parsed.to].flat().flatMap((address) => address?.value.map((value) => value.address?.toLowerCase()) ?? []);
    if (recipients.includes(to.toLowerCase())) mails.push({ subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '' });
  }
  return mails;
}

/** Sends what is due in the outbox now (each call its own job slot). */
export const sendMail = (app: TestApp) => runJob(app, 'send-mail', '2026-06-15');

/** Queues the daily digests for London date `date` (each call its own slot) and sends them. */
export async function digestAndSend(app: TestApp, date: string): Promise<void> {
  await runJob(app, 'daily-digest', date);
  await sendMail(app);
}
