import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import { createMailer } from '../../src/lib/mailer.js';
import { sendDueMail, messageIdFor } from '../../src/notifications/mail-sender.js';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { queueEmail } from '../../src/notifications/queue-email.js';
import { givenUser, unique, type GivenUser } from '../factories/index.js';
import { startMisbehavingSmtpServer, startSilentSmtpServer, type FaultySmtpServer } from '../setup/faulty-smtp-server.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
const servers: FaultySmtpServer[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
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
    expect((await outboxOf(ids)).every((message) => message.status === 'sent')).toBe(true);
  });
});
