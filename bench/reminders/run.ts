/**
 * npm run bench:reminders
 * 1. The reminder scan (compute, store once, queue urgent emails) over the young people, timed against a plain
 *    indexed read of the same collection in the same run: the limit any scan meets is reading the data once.
 * 2. The daily digest over everything the first scan stored, timed against the same plain read; then the next
 *    day's scan and digest, with the first day's now history (the digest should cost the day's new work only).
 * 3. The sender (claims, sends, records) to a loopback SMTP server, timed against nodemailer sending the same
 *    messages directly with the same transport and concurrency: the median ratio of 3 rounds, each round the two
 *    back to back, so the load of a shared machine moves both alike, after a round not counted that warms both.
 *    BENCH_SENDER_ONLY=1 runs this part alone.
 * The database: the embedded one (FerretDB on SQLite), FerretDB on PostgreSQL when BENCH_POSTGRES_URL is set, or
 * MongoDB when BENCH_MONGODB_URI is set. BENCH_YOUNG_PEOPLE (default: 100,000 on PostgreSQL or MongoDB, 10,000 on
 * SQLite, the sizes issue 17 sets its aims at; 100,000 on SQLite takes well over the 10 minutes a run may take)
 * and BENCH_MESSAGES (2,000) set the sizes.
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
import { outboxDocument, queueDailyDigests, queueImmediateEmails } from '../../src/notifications/mail-queue.js';
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

const ON_SQLITE = !process.env.BENCH_POSTGRES_URL && !process.env.BENCH_MONGODB_URI;
const YOUNG_PEOPLE = Number(process.env.BENCH_YOUNG_PEOPLE ?? (ON_SQLITE ? 10_000 : 100_000));
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const SEND_ROUNDS = 3;
/** BENCH_SENDER_ONLY=1: only the sender against raw nodemailer (no young people, scan or digest): seconds, not minutes. */
const SENDER_ONLY = process.env.BENCH_SENDER_ONLY === '1';
const CONCURRENCY = 4;
const TODAY = '2026-03-02';
/** As scheduled: the scan at 06:00 London, the digest at 07:00 (March 2026 is GMT). */
const at = (date: string, hour: number) => new Date(startOfLondonDay(date).getTime() + hour * 3_600_000);
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

/** The scan job's steps for `date` at 06:00, the clock moved there: store, then email what is stored for the first time. */
async function scanAsAt(date: string, clock: ManualClock) {
  const asAt = at(date, 6);
  clock.set(asAt);
  const drafts = await computeReminders(asAt);
  const { stored, fresh } = await storeReminders(drafts, clock.now());
  const queued = await queueImmediateEmails(MAIL_CONFIG, fresh, clock.now());
  return { found: drafts.length, stored, queued };
}

/** The digest job for `date` at 07:00, the clock moved there. */
function digestAsAt(date: string, clock: ManualClock) {
  clock.set(at(date, 7));
  return queueDailyDigests(MAIL_CONFIG, date, clock.now());
}

interface Message {
  _id: mongoose.Types.ObjectId;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** `count` urgent-looking messages due now, queued as the service queues them (its outboxDocument, enqueueMail). */
async function queueMessages(round: number, count: number, now: Date): Promise<Message[]> {
  const messages = Array.from({ length: count }, (_, i) => outboxDocument(`bench:${round}:${i}`, 'immediate', new mongoose.Types.ObjectId(), `pa-${i}@bench.test`, {
    subject: `Urgent: Young${i}'s pathway plan review is overdue`,
    text: `Hello,\n\nYoung${i}'s pathway plan review was due on Monday 2 March 2026.\n\nhttps://clo.example.test/young-people/${i}\n`,
    html: `<p>Young${i}&#x27;s pathway plan review was due on Monday 2 March 2026.</p>`,
  }, [], now));
  await enqueueMail(messages);
  return messages;
}

/** Nodemailer alone: the same messages, the same transport settings and concurrency, no database. */
async function sendRaw(smtpUrl: string, from: string, messages: readonly Message[]): Promise<void> {
  const raw = nodemailer.createTransport(smtpUrl);
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < messages.length) {
      const message = messages[next++]!;
      await raw.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: `<${String(message._id)}@clo.example.test>` });
    }
  }));
  raw.close();
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

interface SendRound {
  sent: number;
  senderMs: number;
  rawMs: number;
}

/**
 * The sender against raw nodemailer, in rounds: each round queues fresh messages, sends them with the sender, then
 * the same messages with nodemailer alone. A first round, not counted, warms both (the JIT, the SMTP pools, the
 * database's caches): the sender goes first in a round, so without it the sender alone would pay for the warm-up.
 */
async function measureSender(clock: ManualClock, sinkPort: number): Promise<{ rounds: SendRound[]; warmUp: SendRound }> {
  await MailOutboxModel.deleteMany({});
  const smtpUrl = `smtp://127.0.0.1:${sinkPort}/?pool=true&maxConnections=${CONCURRENCY}`;
  const config = buildConfig({ SMTP_URL: smtpUrl, PUBLIC_BASE_URL: 'https://clo.example.test', JOB_LEASE_SECONDS: '120' });
  const rounds: SendRound[] = [];
  for (let sendRound = 0; sendRound <= SEND_ROUNDS; sendRound += 1) {
    const messages = await queueMessages(sendRound, MESSAGES, clock.now());
    const mailer = createMailer(config);
    const [sent, senderMs] = await timed(() => sendDueMail({ mailer, clock, config }, { concurrency: CONCURRENCY }));
    mailer.close();
    const [, rawMs] = await timed(() => sendRaw(smtpUrl, config.MAIL_FROM, messages));
    rounds.push({ sent: sent.sent, senderMs, rawMs });
  }
  return { warmUp: rounds[0]!, rounds: rounds.slice(1) };
}

const ratioOf = ({ sent, senderMs, rawMs }: SendRound) => sent / senderMs / (MESSAGES / rawMs);

/** The sender's rows of the table and its fields of the JSON line. */
function senderResults(measured: { rounds: SendRound[]; warmUp: SendRound }, received: number): { rows: string[]; fields: Record<string, unknown> } {
  const { rounds, warmUp } = measured;
  const ratios = rounds.map(ratioOf);
  const sendRatio = median(ratios);
  const middle = rounds[ratios.indexOf(sendRatio)]!;
  return {
    rows: [
      `| sender: ${middle.sent} messages (claim, send, record), median round | ${round(middle.senderMs, 0)} | ${round((middle.sent / middle.senderMs) * 1000, 0)} msg/s, ${CONCURRENCY} at a time; rounds ${rounds.map((r) => round(r.senderMs, 0)).join(', ')} ms (warm-up ${round(warmUp.senderMs, 0)}) |`,
      `| raw nodemailer: ${MESSAGES} messages, same round | ${round(middle.rawMs, 0)} | ${round((MESSAGES / middle.rawMs) * 1000, 0)} msg/s; rounds ${rounds.map((r) => round(r.rawMs, 0)).join(', ')} ms (warm-up ${round(warmUp.rawMs, 0)}); ratios ${ratios.map((r) => round(r, 2)).join(', ')} (warm-up ${round(ratioOf(warmUp), 2)}); sink received ${received} in all |`,
    ],
    fields: { send_vs_raw_nodemailer: round(sendRatio), messages: MESSAGES },
  };
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
    if (SENDER_ONLY) {
      const sender = senderResults(await measureSender(clock, sink.port), sink.received());
      console.log('| measure | ms | notes |');
      console.log('| --- | ---: | --- |');
      for (const row of sender.rows) console.log(row);
      console.log(JSON.stringify({ bench: 'reminders', ...sender.fields, handler: database.handler }));
      return;
    }
    const [seed, seedMs] = await timed(() => seedCaseloads(db, TODAY, { youngPeople: YOUNG_PEOPLE, districts: 20, caseload: 50, openings: 300, referrals: 5_000 }));
    console.error(`seeded ${YOUNG_PEOPLE} young people, ${seed.advisers} PAs in ${round(seedMs / 1000, 1)} s`);

    // Scan: the first run of a day stores everything it finds; timed against a plain read just after it (caches as
    // warm for the read as for what follows; one read, not three: at 100,000 on PostgreSQL each takes 55-100 s here,
    // and the run must stay under 10 minutes).
    const [first, firstMs] = await timed(() => scanAsAt(TODAY, clock));
    const [read1, readMs] = await timed(plainRead);
    // The day's digest: every reminder by email the first scan stored, one email per recipient.
    const [digest, digestMs] = await timed(() => digestAsAt(TODAY, clock));
    console.error(`digest: ${digest.queued} emails for ${digest.recipients} recipients in ${round(digestMs / 1000, 1)} s`);
    const [steady, steadyMs] = await timed(() => scanAsAt(addDays(TODAY, 1), clock)); // the next day: mostly known already
    // The next day's digest: the new reminders only; the first day's are history it should not pay for.
    const [nextDigest, nextDigestMs] = await timed(() => digestAsAt(addDays(TODAY, 1), clock));

    // Sending: the same messages through the sender and through nodemailer directly, same transport settings, in rounds.
    const sender = senderResults(await measureSender(clock, sink.port), sink.received());

    const scanRatio = firstMs / readMs;
    console.log('| measure | ms | notes |');
    console.log('| --- | ---: | --- |');
    console.log(`| plain indexed read of ${read1} young people | ${round(readMs, 0)} | after the first scan |`);
    console.log(`| reminder scan, first run of the day | ${round(firstMs, 0)} | found ${first.found}, stored ${first.stored}, urgent emails queued ${first.queued} |`);
    console.log(`| reminder scan, next day | ${round(steadyMs, 0)} | found ${steady.found}, stored ${steady.stored}, urgent emails queued ${steady.queued} |`);
    console.log(`| daily digest, first day (${digest.recipients} recipients) | ${round(digestMs, 0)} | ${digest.queued} digest emails queued |`);
    console.log(`| daily digest, next day | ${round(nextDigestMs, 0)} | ${nextDigest.queued} digest emails queued for ${nextDigest.recipients} recipients |`);
    for (const row of sender.rows) console.log(row);
    console.log(JSON.stringify({
      bench: 'reminders', scan_vs_plain_read: round(scanRatio), send_vs_raw_nodemailer: sender.fields.send_vs_raw_nodemailer, next_day_scan_vs_plain_read: round(steadyMs / readMs), young_people: read1, reminders_found: first.found, messages: MESSAGES,
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
