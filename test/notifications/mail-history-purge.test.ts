import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunModel } from '../../jobs/job-runs.model.js';
import { DigestPendingModel } from '../../src/notifications/digest-pending.js';
import { MailBatchModel, MailKeyModel, MailSentModel } from '../../src/notifications/mail-history.model.js';
import { MailClaimModel } from '../../src/notifications/mail-outbox.model.js';
import { outboxIdFor } from '../../src/notifications/mail-enqueue.js';
import { queueEmail } from '../../src/notifications/queue-email.js';
import { givenDistrict, givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { travelTo } from '../factories/housing.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;
let districtId: string;

const OLD_DAY = '2026-01-05';
const RECENT_DAY = '2026-02-14'; // 40 days on; the retention is 30 days

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: `${OLD_DAY}T09:00:00.000Z`, config: { SMTP_URL: smtp.url, MAIL_HISTORY_RETENTION_DAYS: '30', MAIL_RETRY_BASE_SECONDS: '60' } });
  admin = await givenUser(app, 'admin');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const send = (day: string) => runJob(app, 'send-mail', day);

/** One account email queued now (by the app's clock); returns its dedupe key and outbox id. */
async function queued(label: string): Promise<{ key: string; id: string; to: string }> {
  const key = unique(`purge-test-${label}`);
  const to = `${key}@example.test`;
  expect(await queueEmail({ dedupeKey: key, kind: 'account_exists', to, subject: 'A test message', text: 'Nothing personal.' }, app.clock.now())).toBe(true);
  return { key, id: String(outboxIdFor(key)), to };
}

async function listed(status: 'sent' | 'failed' | 'pending'): Promise<string[]> {
  const response = await app.http().get('/notifications').query({ status, limit: 500 }).set('authorization', admin.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id);
}

describe('mail history is purged on a schedule, and what is waiting is kept', () => {
  it('when sent mail, claims, keys, digest lines and job runs are older than MAIL_HISTORY_RETENTION_DAYS, then the purge job deletes them and keeps recent sent mail, failed and waiting emails', async () => {
    // 40 days ago: one email sent, one refused for good, reminders stored that no digest took (the digest job was off).
    const oldFailed = await queued('old-failed');
    smtp.refuseNext(1, 550);
    await send(OLD_DAY);
    const oldSent = await queued('old-sent');
    await send(OLD_DAY);
    const adviser = await givenUser(app, 'personal_adviser');
    await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-20', pathwayPlanReviewDate: '2026-01-10', lastContactDate: null });
    await runJob(app, 'reminder-scan', OLD_DAY);
    expect(await DigestPendingModel.countDocuments({ recipientUserId: adviser.id, kind: 'line' })).toBeGreaterThan(0);
    await mongoose.connection.collection('digest_entries').insertOne({ _id: 'digest:legacy' as never, kind: 'listed', at: app.clock.now() }); // written by an earlier version

    // Today: one email sent, one waiting (the SMTP server is down), and a reminder not yet in a digest.
    await travelTo(app, RECENT_DAY, admin);
    const recentSent = await queued('recent-sent');
    await send(RECENT_DAY);
    await smtp.down();
    const waiting = await queued('waiting');
    await send(RECENT_DAY).catch(() => {});
    await smtp.up();
    const recentAdviser = await givenUser(app, 'personal_adviser');
    await givenYoungPerson(app, recentAdviser, { homeDistrictId: districtId, dateOfBirth: '2007-03-20', pathwayPlanReviewDate: '2026-02-20', lastContactDate: null });
    await runJob(app, 'reminder-scan', RECENT_DAY);
    expect(await listed('sent')).toEqual(expect.arrayContaining([oldSent.id, recentSent.id]));

    const purge = await runJob(app, 'purge-mail-history', { at: `${RECENT_DAY}T03:45:00.000Z` });
    expect(purge.claimed && purge.run.status).toBe('succeeded');

    // Sent mail: the old one is gone, the recent one stays on the staff list; failed and waiting emails stay whatever their age.
    const sentNow = await listed('sent');
    expect(sentNow).toContain(recentSent.id);
    expect(sentNow).not.toContain(oldSent.id);
    expect(await listed('failed')).toContain(oldFailed.id);
    expect(await listed('pending')).toContain(waiting.id);
    expect(await MailSentModel.exists({ _id: oldSent.id })).toBeNull();
    // Claims, keys and leases: the old ones are gone, those of recent mail stay (a repeat of a recent key is still refused).
    expect(await MailClaimModel.countDocuments({ outboxId: { $in: [oldSent.id, oldFailed.id] } })).toBe(0);
    expect(await MailClaimModel.countDocuments({ outboxId: { $in: [recentSent.id, waiting.id] } })).toBeGreaterThanOrEqual(2);
    expect(await MailKeyModel.exists({ _id: oldSent.key })).toBeNull();
    expect(await MailKeyModel.exists({ _id: recentSent.key })).not.toBeNull();
    expect(await queueEmail({ dedupeKey: recentSent.key, kind: 'account_exists', to: recentSent.to, subject: 'A test message', text: 'Nothing personal.' }, app.clock.now())).toBe(false);
    expect(await MailBatchModel.countDocuments({ leaseUntil: { $lt: new Date(`${RECENT_DAY}T00:00:00Z`) } })).toBe(0);
    // Digest lines nobody took: the old ones are gone, today's wait for the digest; earlier versions' entries are gone.
    expect(await DigestPendingModel.countDocuments({ at: { $lt: new Date(`${RECENT_DAY}T00:00:00Z`) } })).toBe(0);
    expect(await DigestPendingModel.countDocuments({ recipientUserId: recentAdviser.id, kind: 'line' })).toBeGreaterThan(0);
    expect(await mongoose.connection.collection('digest_entries').countDocuments({})).toBe(0);
    // Job runs: the old ones are gone, today's (and the purge's own) stay.
    expect(await JobRunModel.countDocuments({ startedAt: { $lt: new Date(`${RECENT_DAY}T00:00:00Z`) } })).toBe(0);
    expect(await JobRunModel.countDocuments({ jobName: 'purge-mail-history' })).toBe(1);

    // The failed email can still be retried, and goes (its old claims went with the purge).
    const retry = await app.http().post(`/notifications/${oldFailed.id}/retry`).set('authorization', admin.auth);
    expect(retry.status).toBe(200);
    await send(RECENT_DAY);
    expect(smtp.messages.filter((mail) => mail.envelopeTo.includes(oldFailed.to))).toHaveLength(1);
  });
});
