/**
 * npm run bench:reminders
 * 1. The reminder scan (compute, store once, queue urgent emails) over 100,000 young people, timed against a
 *    plain indexed read of the same collection in the same run: the limit any scan meets is reading the data once.
 * 2. The daily digest over everything the first scan stored, timed against the same plain read.
 * 3. The sender (claims, sends, records) to a loopback SMTP server, timed against nodemailer sending the same
 *    messages directly with the same transport and concurrency.
 * The database: the embedded one (FerretDB on SQLite), FerretDB on PostgreSQL when BENCH_POSTGRES_URL is set, or
 * MongoDB when BENCH_MONGODB_URI is set. BENCH_YOUNG_PEOPLE and BENCH_MESSAGES set the sizes.
 * Prints a table, then ONE JSON line last. Ratios matter, not absolute times (they vary with the machine).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { buildConfig } from '../../src/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/lib/database.js';
import { addDays, startOfLondonDay } from '../../src/lib/dates.js';
import { createMailer } from '../../src/lib/mailer.js';
import { queueDailyDigests, queueImmediateEmails } from '../../src/notifications/mail-queue.js';
import { enqueueMail } from '../../src/notifications/mail-enqueue.js';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { sendDueMail } from '../../src/notifications/mail-sender.js';
import { storeReminders } from '../../src/notifications/notification-store.js';
import { computeReminders } from '../../src/reminders/reminder-scan.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
// Registers every model the scan and the sender use, so ensureIndexes creates their indexes.
import '../../src/housing/housing-applications.model.js';
import '../../src/users/users.model.js';
import { startBenchDatabase } from './bench-database.js';
import { seedCaseloads } from './synthetic-caseloads.js';

const YOUNG_PEOPLE = Number(process.env.BENCH_YOUNG_PEOPLE ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const CONCURRENCY = 4;
const TODAY = '2026-03-02';
const MAIL_CONFIG = { PUBLIC_BASE_URL: 'https://clo.example.test' };
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** A plain indexed read of every young person: the floor for anything that must look at the data. */
async function plainRead(): Promise<number> {
  let count = 0;
  for await (const _record of YoungPersonModel.find({ dateOfBirth: { $gte: '0000-01-01' } }).lean().cursor()) count += 1;
  return count;
}

async function scanAsAt(date: string, clock: ManualClock) {
  const asAt = new Date(startOfLondonDay(date).getTime() + 6 * 3_600_000);
  const drafts = await computeReminders(asAt);
  const { stored } = await storeReminders(drafts, clock.now());
  const queued = await queueImmediateEmails(MAIL_CONFIG, drafts, clock.now());
  return { found: drafts.length, stored, queued };
}

async function startSink(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => { received += 1; callback(); });
  } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received: () => received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const database = await startBenchDatabase((message) => console.error(`[bench database] ${message}`));
  const dbName = `bench_reminders_${randomBytes(4).toString('hex')}`;
  // No socket timeout: a slow step is what is being measured (the service uses MONGODB_SOCKET_TIMEOUT_MS).
  await connectDatabase(database.uri, dbName, { socketTimeoutMS: 0 });
  await ensureIndexes();
  const db = mongoose.connection.db!;
  const clock = new ManualClock(`${TODAY}T06:00:00Z`);
  const sink = await startSink();
  try {
    const [seed, seedMs] = await timed(() => seedCaseloads(db, TODAY, { youngPeople: YOUNG_PEOPLE, districts: 20, caseload: 50, openings: 300, referrals: 5_000 }));
    console.error(`seeded ${YOUNG_PEOPLE} young people, ${seed.advisers} PAs in ${round(seedMs / 1000, 1)} s`);

    // Scan: the first run of a day stores everything it finds; timed against plain reads either side of it.
    const [read1, readMs1] = await timed(plainRead);
    const [first, firstMs] = await timed(() => scanAsAt(TODAY, clock));
    const [, readMs2] = await timed(plainRead);
    // The day's digest: every reminder by email the first scan stored, one email per recipient.
    const [digest, digestMs] = await timed(() => queueDailyDigests(MAIL_CONFIG, TODAY, clock.now()));
    console.error(`digest: ${digest.queued} emails for ${digest.recipients} recipients in ${round(digestMs / 1000, 1)} s`);
    const [steady, steadyMs] = await timed(() => scanAsAt(addDays(TODAY, 1), clock)); // the next day: mostly known already
    const [, readMs3] = await timed(plainRead);
    const readMs = median([readMs1, readMs2, readMs3]);
    // The next day's digest: the new reminders only, with the first day's already listed (history to skip).
    const [nextDigest, nextDigestMs] = await timed(() => queueDailyDigests(MAIL_CONFIG, addDays(TODAY, 1), clock.now()));

    // Sending: the same messages through the sender and through nodemailer directly, same transport settings.
    await MailOutboxModel.deleteMany({});
    const smtpUrl = `smtp://127.0.0.1:${sink.port}/?pool=true&maxConnections=${CONCURRENCY}`;
    const config = buildConfig({ SMTP_URL: smtpUrl, PUBLIC_BASE_URL: 'https://clo.example.test', JOB_LEASE_SECONDS: '120' });
    const now = clock.now();
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({
      _id: new mongoose.Types.ObjectId(), dedupeKey: `bench:${i}`, kind: 'immediate', recipientUserId: new mongoose.Types.ObjectId(), to: `pa-${i}@bench.test`, subject: `Urgent: Young${i}'s pathway plan review is overdue`,
      text: `Hello,\n\nYoung${i}'s pathway plan review was due on Monday 2 March 2026.\n\nhttps://clo.example.test/young-people/${i}\n`, html: `<p>Young${i}&#x27;s pathway plan review was due on Monday 2 March 2026.</p>`,
      notificationIds: [], status: 'pending', attempts: 0, claimCount: 0, nextAttemptAt: now, lastError: null, sentAt: null, failedAt: null, createdAt: now, updatedAt: now,
    }));
    await enqueueMail(messages);
    const mailer = createMailer(config);
    const [sent, senderMs] = await timed(() => sendDueMail({ mailer, clock, config }, { concurrency: CONCURRENCY }));
    mailer.close();

    const raw = nodemailer.createTransport(smtpUrl);
    let next = 0;
    const [, rawMs] = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < messages.length) {
        const message = messages[next++]!;
        await raw.sendMail({ from: config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: `<${String(message._id)}@clo.example.test>` });
      }
    })));
    raw.close();

    const scanRatio = firstMs / readMs;
    const sendRatio = (sent.sent / senderMs) / (messages.length / rawMs);
    console.log('| measure | ms | notes |');
    console.log('| --- | ---: | --- |');
    console.log(`| plain indexed read of ${read1} young people (median of 3) | ${round(readMs, 0)} | ${[readMs1, readMs2, readMs3].map((ms) => round(ms, 0)).join(', ')} |`);
    console.log(`| reminder scan, first run of the day | ${round(firstMs, 0)} | found ${first.found}, stored ${first.stored}, urgent emails queued ${first.queued} |`);
    console.log(`| reminder scan, next day | ${round(steadyMs, 0)} | found ${steady.found}, stored ${steady.stored}, urgent emails queued ${steady.queued} |`);
    console.log(`| daily digest, first day (${digest.recipients} recipients) | ${round(digestMs, 0)} | ${digest.queued} digest emails queued |`);
    console.log(`| daily digest, next day | ${round(nextDigestMs, 0)} | ${nextDigest.queued} digest emails queued for ${nextDigest.recipients} recipients |`);
    console.log(`| sender: ${sent.sent} messages (claim, send, record) | ${round(senderMs, 0)} | ${round((sent.sent / senderMs) * 1000, 0)} msg/s, ${CONCURRENCY} at a time |`);
    console.log(`| raw nodemailer: ${messages.length} messages | ${round(rawMs, 0)} | ${round((messages.length / rawMs) * 1000, 0)} msg/s; sink received ${sink.received()} in all |`);
    console.log(JSON.stringify({
      bench: 'reminders', scan_vs_plain_read: round(scanRatio), send_vs_raw_nodemailer: round(sendRatio), next_day_scan_vs_plain_read: round(steadyMs / readMs), young_people: read1, reminders_found: first.found, messages: messages.length,
      digest_vs_plain_read: round(digestMs / readMs), next_day_digest_vs_plain_read: round(nextDigestMs / readMs), digest_emails: digest.queued, handler: database.handler,
    }));
  } finally {
    await sink.close();
    await db.dropDatabase().catch(() => {});
    await disconnectDatabase();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
