import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import { createMailer } from '../../src/lib/mailer.js';
import { sendDueMail, messageIdFor } from '../../src/notifications/mail-sender.js';
import { MailSentModel } from '../../src/notifications/mail-history.model.js';
import { claimMessages } from '../../src/notifications/mail-claims.js';
import { MailOutboxModel, type MailOutboxRecord } from '../../src/notifications/mail-outbox.model.js';
import { queueEmail } from '../../src/notifications/queue-email.js';
import { givenUser, unique, type GivenUser } from '../factories/index.js';
import { startMisbehavingSmtpServer, startSilentSmtpServer, type FaultySmtpServer } from '../setup/faulty-smtp-server.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let admin: GivenUser;
const servers: FaultySmtpServer[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await app.close();
});

/** A sender as an instance builds it: its own mailer for `smtpUrl`, a clock, and settings (retries far off unless told). */
function senderFor(smtpUrl: string, settings: Record<string, string>, clock: Clock = systemClock) {
  const config = buildConfig({ ...Object.fromEntries(Object.entries(app.deps.config).map(([key, value]) => [key, String(value)])), SMTP_URL: smtpUrl, MAIL_RETRY_BASE_SECONDS: '3600', ...settings });
  return { mailer: createMailer(config), clock, config };
}

/** `count` emails queued now (by the clock given), each to its own address; returns their outbox ids. */
async function queued(count: number, now: Date = systemClock.now()): Promise<string[]> {
  const keys = Array.from({ length: count }, () => unique('fault-test'));
  for (const key of keys) await queueEmail({ dedupeKey: key, kind: 'account_exists', to: `${key}@example.test`, subject: 'A test message', text: 'Nothing personal.' }, now);
  return (await MailOutboxModel.find({ dedupeKey: { $in: keys } }, { _id: 1 }).lean()).map((message) => String(message._id));
}

const outboxOf = (ids: string[]) => MailOutboxModel.find({ _id: { $in: ids } }).lean();

describe('two senders and a slow SMTP server: no duplicates', () => {
  it('when a batch takes longer than the lease and a second sender starts after the lease, then every message arrives exactly once', { timeout: 90_000 }, async () => {
    const slow = await startMisbehavingSmtpServer({ greetAfterMs: 1_500 });
    servers.push(slow);
    const ids = await queued(24);
    const first = senderFor(slow.url, { JOB_LEASE_SECONDS: '6' });
    const second = senderFor(slow.url, { JOB_LEASE_SECONDS: '6' });
    const running = sendDueMail(first, { claimedBy: 'sender-a' });
    await new Promise((resolve) => setTimeout(resolve, 6_500)); // past the first sender's original lease
    const [a, b] = await Promise.all([running, sendDueMail(second, { claimedBy: 'sender-b' })]);
    const mine = new Set(ids.map((id) => messageIdFor(id, app.deps.config)));
    const arrived = slow.accepted.filter((messageId) => mine.has(messageId));
    const duplicates = arrived.length - new Set(arrived).size;
    console.info(`[measure] slow SMTP, 24 messages, lease 6 s, second sender at 6.5 s: ${arrived.length} accepted, ${duplicates} duplicates (sender A sent ${a.sent}, B sent ${b.sent})`);
    expect(new Set(arrived).size).toBe(24);
    expect(duplicates).toBe(0);
    // Sent mail leaves the outbox for mail_sent, recorded once each.
    expect(await MailSentModel.countDocuments({ _id: { $in: ids }, status: 'sent' })).toBe(24);
    expect(await outboxOf(ids)).toHaveLength(0);
  });
});

describe('a hung SMTP server never outlasts the lease, and loses nothing', () => {
  it('when the server accepts connections but never greets, then the run ends within the SMTP timeout and every message waits with its attempts unchanged', { timeout: 60_000 }, async () => {
    const silent = await startSilentSmtpServer();
    servers.push(silent);
    const ids = await queued(6);
    const sender = senderFor(silent.url, { JOB_LEASE_SECONDS: '6', MAIL_SMTP_TIMEOUT_SECONDS: '20' }); // capped at 3 s by the lease
    const started = Date.now();
    const outcome = await sendDueMail(sender);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(6_000);
    expect(outcome).toMatchObject({ sent: 0, failed: 0 });
    expect(silent.connections).toBeLessThanOrEqual(4); // the batch stops at the first session failure
    const messages = await outboxOf(ids);
    expect(messages.map((message) => [message.status, message.attempts])).toEqual(ids.map(() => ['pending', 0]));
    expect(messages.every((message) => /ETIMEDOUT|timeout/i.test(message.lastError ?? ''))).toBe(true);
  });

  it('when the server takes the message and never answers DATA, then the sender gives up within the timeout and the messages wait, none failed', { timeout: 60_000 }, async () => {
    const hung = await startMisbehavingSmtpServer({ neverAnswerData: true });
    servers.push(hung);
    const ids = await queued(6);
    const started = Date.now();
    const outcome = await sendDueMail(senderFor(hung.url, { JOB_LEASE_SECONDS: '6' }));
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(outcome).toMatchObject({ sent: 0, failed: 0 });
    const messages = await outboxOf(ids);
    expect(messages.every((message) => message.status === 'pending' && message.attempts === 0 && message.nextAttemptAt.getTime() > Date.now())).toBe(true);
  });
});

describe('an authentication failure is not the messages\' fault', () => {
  it('when the server refuses the password (535) run after run, then no message fails or uses up its attempts, and each run stops at the first refusal', { timeout: 60_000 }, async () => {
    const refusing = await startMisbehavingSmtpServer({ refusePassword: true });
    servers.push(refusing);
    const ids = await queued(6, app.clock.now());
    const sender = senderFor(refusing.url, { MAIL_MAX_ATTEMPTS: '2', MAIL_RETRY_BASE_SECONDS: '60' }, app.clock);
    for (let run = 0; run < 3; run += 1) {
      const outcome = await sendDueMail(sender);
      expect(outcome.failed).toBe(0);
      app.clock.advanceMs(60_000);
    }
    expect(refusing.connections).toBeLessThanOrEqual(3 * 4);
    const messages = await outboxOf(ids);
    expect(messages.map((message) => [message.status, message.attempts])).toEqual(ids.map(() => ['pending', 0]));
    expect(messages.every((message) => /^535/.test(message.lastError ?? ''))).toBe(true);
    await MailOutboxModel.deleteMany({ _id: { $in: ids } }); // nothing of this test left due for the next
  });
});

describe('retrying every failed email at once', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  it('when messages were refused for good and an admin retries all failed (a manager retrying all covers only their team), then all go back to the queue and arrive; a PA may not', { timeout: 60_000 }, async () => {
    const ids = await queued(3, app.clock.now());
    const sender = senderFor(smtp.url, {}, app.clock);
    smtp.refuseNext(3, 550);
    expect((await sendDueMail(sender)).failed).toBe(3);
    expect((await outboxOf(ids)).every((message) => message.status === 'failed')).toBe(true);

    const adviser = await givenUser(app, 'personal_adviser');
    expect((await app.http().post('/notifications/retry-failed').set('authorization', adviser.auth)).status).toBe(403);
    const retried = await app.http().post('/notifications/retry-failed').set('authorization', admin.auth);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ retried: 3 });
    expect((await sendDueMail(sender)).sent).toBe(3);
    const mine = new Set(ids.map((id) => messageIdFor(id, app.deps.config)));
    expect(smtp.messages.filter((mail) => mine.has(mail.messageId))).toHaveLength(3);
    expect((await app.http().post('/notifications/retry-failed').set('authorization', admin.auth)).body).toEqual({ retried: 0 });
  });
});

describe('many messages, two senders at once', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp.close());

  it('when several lots of messages wait and two senders start together, then each message arrives exactly once, is recorded sent once, and leaves the outbox', { timeout: 120_000 }, async () => {
    const ids = await queued(250); // lots of 25, 50, 100 and 200: every lot size but the largest
    const [a, b] = await Promise.all([sendDueMail(senderFor(smtp.url, {}), { claimedBy: 'sender-a' }), sendDueMail(senderFor(smtp.url, {}), { claimedBy: 'sender-b' })]);
    const mine = new Set(ids.map((id) => messageIdFor(id, app.deps.config)));
    const arrived = smtp.messages.filter((mail) => mine.has(mail.messageId)).map((mail) => mail.messageId);
    console.info(`[measure] 250 messages, two senders at once: A sent ${a.sent}, B sent ${b.sent}, ${arrived.length} arrived`);
    expect(arrived).toHaveLength(250);
    expect(new Set(arrived).size).toBe(250);
    expect(a.sent + b.sent).toBe(250);
    expect(await MailSentModel.countDocuments({ _id: { $in: ids } })).toBe(250);
    expect(await outboxOf(ids)).toHaveLength(0);
  });
});

describe('a sender that died after claiming, before writing its run\'s lease', () => {
  it('when its claims are there but its lease is not, then another sender leaves the messages until the claims\' own lease ends, then takes them over with the next claim', async () => {
    const ids = await queued(3, app.clock.now());
    const candidates = await MailOutboxModel.find({ _id: { $in: ids } }).lean<MailOutboxRecord[]>();
    const now = app.clock.now();
    const leaseMs = 60_000;
    // The first sender claims (as sendDueMail does before it writes its lease) and dies: no MailBatch is ever written.
    expect(await claimMessages(candidates, now, leaseMs, { batchId: randomUUID(), claimedBy: 'died-before-its-lease' })).toHaveLength(3);
    const other = { batchId: randomUUID(), claimedBy: 'other-sender' };
    expect(await claimMessages(candidates, new Date(now.getTime() + leaseMs - 1_000), leaseMs, other)).toEqual([]);
    const takenOver = await claimMessages(candidates, new Date(now.getTime() + leaseMs + 1_000), leaseMs, other);
    expect(takenOver.map(({ claim, attempts }) => [claim, attempts])).toEqual(ids.map(() => [2, 2]));
    await MailOutboxModel.deleteMany({ _id: { $in: ids } }); // nothing of this test left due for the next
  });
});
