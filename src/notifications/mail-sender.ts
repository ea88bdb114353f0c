import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { isDuplicateKey } from '../lib/errors.js';
import { smtpTimeoutMs, type Mailer } from '../lib/mailer.js';
import { recordQueuedDigests } from './digest-entries.js';
import { outboxIdFor } from './mail-enqueue.js';
import { MailBatchModel, MailKeyModel, MailSentModel } from './mail-history.model.js';
import { MailClaimModel, MailOutboxModel, claimKey, type MailOutboxRecord } from './mail-outbox.model.js';
import { insertNew } from './notification-store.js';

export type SenderConfig = Pick<Config, 'MAIL_MAX_ATTEMPTS' | 'MAIL_RETRY_BASE_SECONDS' | 'JOB_LEASE_SECONDS' | 'PUBLIC_BASE_URL' | 'MAIL_SMTP_TIMEOUT_SECONDS'>;
type SenderDeps = { mailer: Mailer; clock: Clock; config: SenderConfig };

export interface SendOutcome {
  found: number;
  sent: number;
  retrying: number;
  failed: number;
  errors: string[];
  /** Why the SMTP session failed, when it did (the run then stopped and put its messages back). */
  sessionFailure: string | null;
}

/**
 * The Message-ID is made from the outbox id, so the rare duplicate (a crash after the SMTP server accepted the
 * message but before we recorded it) carries the same Message-ID and the receiving side can see it is one.
 * Delivery is therefore AT LEAST ONCE: never lost, at worst sent twice with the same Message-ID.
 */
export function messageIdFor(outboxId: string, config: Pick<Config, 'PUBLIC_BASE_URL'>): string {
  return `<${outboxId}@${new URL(config.PUBLIC_BASE_URL).hostname}>`;
}

/** Exponential backoff: base, 2 x base, 4 x base... after the 1st, 2nd, 3rd failed attempt. */
export function retryDelayMs(attempts: number, config: Pick<Config, 'MAIL_RETRY_BASE_SECONDS'>): number {
  return config.MAIL_RETRY_BASE_SECONDS * 1000 * 2 ** Math.max(0, attempts - 1);
}

const BATCH = 50;

interface Claimed {
  message: MailOutboxRecord;
  claim: number;
  /** Attempts including this one: claims since the message was last written all count (a dead sender's too). */
  attempts: number;
}

/** The sender's batch: its id on every claim, and the lease renewed on it while the batch runs. */
interface BatchLease {
  batchId: string;
  claimedBy: string;
  leaseUntil: Date;
}

const claimDocument = (outboxId: unknown, claim: number, lease: BatchLease, now: Date) => ({ _id: claimKey(outboxId, claim), outboxId, claim, claimedBy: lease.claimedBy, batchId: lease.batchId, at: now, leaseUntil: lease.leaseUntil });

/** Until when the holder of a claim may send: its claim's lease, or its batch's renewed lease if later. */
async function holderLease(outboxId: unknown, claim: number): Promise<Date | null> {
  type Holder = { leaseUntil: Date; batchId?: string | null };
  const holder = (await MailClaimModel.findOne({ _id: claimKey(outboxId, claim) }).lean<Holder>()) ?? (await MailClaimModel.findOne({ outboxId: outboxId as mongoose.Types.ObjectId, claim }).lean<Holder>()); // older claims had no key
  if (!holder) return null;
  const batch = holder.batchId ? await MailBatchModel.findOne({ _id: holder.batchId }, { leaseUntil: 1 }).lean() : null;
  return batch && batch.leaseUntil > holder.leaseUntil ? batch.leaseUntil : holder.leaseUntil;
}

/**
 * When claim `claim` is taken: the next free claim number if the holder's lease expired (it died), else null.
 * A message already sent is not taken over but dropped from the outbox: a sender that died between recording it
 * sent and removing it, or the same email queued again after it was sent (same key, same id).
 */
async function takeOver(message: MailOutboxRecord, claim: number, now: Date, lease: BatchLease): Promise<number | null> {
  for (let number = claim; ; number += 1) {
    const until = await holderLease(message._id, number);
    if (!until) return null; // cannot happen after a duplicate key, unless purged: leave it to the next run
    if (until >= now) return null; // a live sender has it
    if (await MailSentModel.exists({ _id: message._id })) {
      await MailOutboxModel.deleteMany({ _id: message._id, status: 'pending' });
      return null;
    }
    try {
      await MailClaimModel.collection.insertOne(claimDocument(message._id, number + 1, lease, now) as never);
      return number + 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

/**
 * Claims up to BATCH due messages. A claim is the insert of (message, claim number) into a unique index, all in
 * one insertMany: of several senders that read the same message only one insert wins, so several instances never
 * send the same message at the same time. (An insert against a unique index is atomic in MongoDB and FerretDB v1;
 * a conditional update is not atomic in FerretDB v1, so claims never rely on one.) A message whose claim is held
 * by a sender whose lease expired is taken over with the next claim number. Claims are kept (history): an email
 * queued again after it was sent meets its old claim and is dropped.
 */
export async function claimDueMessages(now: Date, leaseMs: number, claimedBy: string, due?: () => Promise<MailOutboxRecord[]>): Promise<{ read: number; claimed: Claimed[]; lease: BatchLease }> {
  const candidates = due ? await due() : await MailOutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } }).limit(BATCH).lean<MailOutboxRecord[]>();
  const lease: BatchLease = { batchId: randomUUID(), claimedBy, leaseUntil: new Date(now.getTime() + leaseMs) };
  if (candidates.length === 0) return { read: 0, claimed: [], lease };
  await MailBatchModel.collection.insertOne({ _id: lease.batchId, claimedBy, at: now, leaseUntil: lease.leaseUntil } as never);
  const won = await insertNew(MailClaimModel.collection, candidates.map((message) => claimDocument(message._id, (message.claimCount ?? 0) + 1, lease, now) as never));
  const claimed: Claimed[] = [];
  for (const [index, message] of candidates.entries()) {
    const first = (message.claimCount ?? 0) + 1;
    const claim = won.has(index) ? first : await takeOver(message, first, now, lease);
    if (claim !== null) claimed.push({ message, claim, attempts: message.attempts + (claim - (message.claimCount ?? 0)) });
  }
  return { read: candidates.length, claimed, lease };
}

/** SMTP commands whose refusal is about this one message (its recipient or its content), not the session. */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);
const MESSAGE_ERROR_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * How a failure is handled:
 * - `refused`: the server refused this message for good (550-554 to RCPT TO or DATA: no such mailbox, content
 *   rejected): it fails at once;
 * - `message`: a temporary refusal of this message (4xx to RCPT TO or DATA): it counts an attempt and backs off;
 * - `session`: anything else (connection refused, timeouts, a silent server, 421, an authentication failure 535, a
 *   5xx to EHLO or MAIL FROM): the SMTP service, not the message, is at fault, so the batch stops, every message
 *   not yet sent goes back with its attempts unchanged, and the run tries again after MAIL_RETRY_BASE_SECONDS.
 */
export type FailureKind = 'refused' | 'message' | 'session';

export function classifyFailure(error: unknown): FailureKind {
  const e = error as { responseCode?: number; command?: string; code?: string };
  const aboutThisMessage = (e.command !== undefined && MESSAGE_COMMANDS.has(e.command.toUpperCase())) || (e.code !== undefined && MESSAGE_ERROR_CODES.has(e.code));
  if (!aboutThisMessage || e.code === 'ETIMEDOUT' || e.responseCode === 421 || e.responseCode === undefined) return 'session';
  return e.responseCode >= 550 && e.responseCode <= 554 ? 'refused' : 'message';
}

/** A short reason for staff: the SMTP code and reply or the connection error code, never the message content. */
function describe(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode) return `${e.responseCode} ${String(e.response ?? '').slice(0, 200)}`.trim();
  return String(e.code ?? e.message ?? 'unknown error').slice(0, 200);
}

/** A message the SMTP server accepted, or one to put back, waiting to be recorded with the rest of its batch. */
interface Accepted {
  message: MailOutboxRecord;
  claim: number;
  attempts: number;
}

/** What one batch is doing: shared by its workers so one session failure stops them all. */
interface Batch {
  accepted: Accepted[];
  /** Claimed messages this run will not try (the session failed, the lease ran short, or the service stops). */
  untried: Claimed[];
  sessionFailure: string | null;
  /** Until when this sender's claims are known to be held: renewed while the batch runs. */
  leaseUntil: number;
}

/**
 * Sends one message. A refusal of the message is recorded at once (rare, and its retry time depends on it); an
 * acceptance is returned to be recorded with the batch, because one durable write per message would cap
 * throughput at the database's write latency (about 15 ms a write on FerretDB, ten times an SMTP hand-off).
 */
async function sendOne(claimed: Claimed, deps: SenderDeps, outcome: SendOutcome, batch: Batch): Promise<void> {
  const { message, claim, attempts } = claimed;
  const id = String(message._id);
  try {
    await deps.mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: messageIdFor(id, deps.config), headers: { 'X-Care-Leaver-Offers-Outbox-Id': id } });
    batch.accepted.push({ message, claim, attempts });
  } catch (error) {
    const reason = describe(error);
    const kind = classifyFailure(error);
    if (kind === 'session') {
      batch.sessionFailure ??= reason;
      batch.untried.push(claimed);
      return;
    }
    const now = deps.clock.now();
    const giveUp = kind === 'refused' || attempts >= deps.config.MAIL_MAX_ATTEMPTS;
    const update = giveUp
      ? { status: 'failed', failedAt: now, attempts, claimCount: claim, lastError: reason, updatedAt: now }
      : { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, deps.config)), attempts, claimCount: claim, lastError: reason, updatedAt: now };
    // Written only if no later claim has written since (a sender that lost its lease does not overwrite the next).
    await MailOutboxModel.updateOne({ _id: message._id, claimCount: { $lt: claim } }, { $set: update });
    if (giveUp) outcome.failed += 1;
    else outcome.retrying += 1;
    outcome.errors.push(`${id}: ${reason}`);
  }
}

/** Items grouped by (claim, attempts), so each group is one updateMany (nearly always one group). */
function byClaimAndAttempts<T extends { claim: number; attempts: number; message: MailOutboxRecord }>(items: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(`${item.claim}:${item.attempts}`, [...(groups.get(`${item.claim}:${item.attempts}`) ?? []), item]);
  return [...groups.values()];
}

const SENT_LINK_REMOVED = '(Removed once sent: this email held a one-time link, and only its hash is kept.)';

/**
 * Records a batch's accepted messages as sent, by inserts: each is copied to mail_sent (bodies holding a one-time
 * link blanked); the run deletes them from the outbox at its end (removeSent). No row is updated: an update costs
 * a scan of its collection per row on FerretDB v1. A crash before the copy means the batch is sent again by the
 * next run, each message with its same Message-ID (at least once, the duplicate window one batch wide); a crash
 * before the delete is cleaned up by the next sender (takeOver finds them sent).
 */
async function recordSent(accepted: Accepted[], now: Date, outcome: SendOutcome): Promise<void> {
  if (accepted.length === 0) return;
  const records = accepted.map(({ message, claim, attempts }) => ({
    ...message, status: 'sent', sentAt: now, attempts, claimCount: claim, lastError: null, updatedAt: now,
    ...(message.containsOneTimeLink ? { text: SENT_LINK_REMOVED, html: SENT_LINK_REMOVED } : {}),
  }));
  await insertNew(MailSentModel.collection, records);
  // Queued before keys were kept (an id not derived from its key): its key is kept now, as it leaves the outbox.
  const unkeyed = accepted.filter(({ message }) => !outboxIdFor(message.dedupeKey).equals(message._id));
  if (unkeyed.length) await insertNew(MailKeyModel.collection as unknown as mongoose.mongo.Collection, unkeyed.map(({ message }) => ({ _id: message.dedupeKey, at: now }) as never));
  // A digest's reminders are recorded as listed before the digest leaves the outbox (a crashed digest run's repair reads the outbox).
  await recordQueuedDigests(accepted.map(({ message }) => message).filter((message) => message.kind === 'digest'), now);
  outcome.sent += accepted.length;
}

/**
 * Puts back the messages this run claimed but did not send, with their attempts unchanged (the message was not
 * at fault): after a session failure they are due again after MAIL_RETRY_BASE_SECONDS, otherwise at once.
 */
async function putBack(untried: Claimed[], sessionFailure: string | null, deps: SenderDeps, outcome: SendOutcome): Promise<void> {
  const now = deps.clock.now();
  const nextAttemptAt = sessionFailure ? new Date(now.getTime() + deps.config.MAIL_RETRY_BASE_SECONDS * 1000) : now;
  for (const items of byClaimAndAttempts(untried.map((item) => ({ ...item, attempts: item.message.attempts })))) {
    const { claim, attempts } = items[0]!;
    await MailOutboxModel.updateMany(
      { _id: { $in: items.map((item) => item.message._id) }, claimCount: { $lt: claim } },
      { $set: { status: 'pending', nextAttemptAt, attempts, claimCount: claim, ...(sessionFailure ? { lastError: sessionFailure } : {}), updatedAt: now } },
    );
  }
  outcome.retrying += untried.length;
  if (sessionFailure) outcome.errors.push(`SMTP session failed, ${untried.length} message(s) put back with their attempts unchanged: ${sessionFailure}`);
}

/**
 * Keeps this sender's claims alive while its batch runs (every third of the lease), so a batch slower than one
 * lease (a slow SMTP server, a big batch) is not taken over and sent a second time by another sender.
 */
function renewClaims(lease: BatchLease, batch: Batch, deps: SenderDeps & { logger?: { warn(object: object, message: string): void } }, leaseMs: number): () => void {
  const timer = setInterval(() => {
    const leaseUntil = deps.clock.now().getTime() + leaseMs;
    MailBatchModel.updateOne({ _id: lease.batchId }, { $set: { leaseUntil: new Date(leaseUntil) } })
      .then(() => {
        batch.leaseUntil = Math.max(batch.leaseUntil, leaseUntil);
      })
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'could not renew mail claims'));
  }, Math.max(250, leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Reads the due messages once, in one pass, BATCH at a time: re-reading them for every batch would decode every
 * waiting message again each time (FerretDB v1 filters in Go), and what this run has sent stays in the outbox
 * until the run ends.
 */
function dueMessages(now: Date): { next: () => Promise<MailOutboxRecord[]>; close: () => Promise<void> } {
  const cursor = MailOutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } }).lean<MailOutboxRecord[]>().cursor({ batchSize: BATCH });
  return {
    async next() {
      const batch: MailOutboxRecord[] = [];
      while (batch.length < BATCH) {
        const message = (await cursor.next()) as MailOutboxRecord | null;
        if (!message) break;
        batch.push(message);
      }
      return batch;
    },
    close: () => cursor.close(),
  };
}

/**
 * Deletes from the outbox what this run sent (already copied to mail_sent), in one statement per run rather than
 * per batch: a delete, like a read, goes through every waiting message on FerretDB v1. Until then another sender
 * meeting one of them finds it claimed (or, once the lease is over, already sent).
 */
async function removeSent(ids: mongoose.Types.ObjectId[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 5_000) await MailOutboxModel.deleteMany({ _id: { $in: ids.slice(start, start + 5_000) } });
  ids.length = 0;
}

/** Sent messages kept in the outbox before a delete: bounds the memory and the sender-check window of a long run. */
const REMOVE_SENT_EVERY = 10_000;

/**
 * Sends every message due now, `concurrency` at a time, batch by batch, until none is due, every due one is
 * being sent by another instance, or the SMTP session fails (then the rest waits for the next run). A message
 * is only started while this sender's claim has at least one SMTP timeout left to run.
 */
export async function sendDueMail(deps: SenderDeps, options: { concurrency?: number; signal?: AbortSignal; claimedBy?: string } = {}): Promise<SendOutcome> {
  const outcome: SendOutcome = { found: 0, sent: 0, retrying: 0, failed: 0, errors: [], sessionFailure: null };
  const claimedBy = options.claimedBy ?? randomUUID();
  const leaseMs = deps.config.JOB_LEASE_SECONDS * 1000;
  const sendBudgetMs = smtpTimeoutMs(deps.config);
  const due = dueMessages(deps.clock.now());
  const sent: mongoose.Types.ObjectId[] = [];
  try {
    await sendBatches();
  } finally {
    await due.close().catch(() => {});
    await removeSent(sent);
  }
  return outcome;

  async function sendBatches(): Promise<void> {
    while (!options.signal?.aborted) {
      const claimedAt = deps.clock.now();
      const { read, claimed, lease } = await claimDueMessages(claimedAt, leaseMs, claimedBy, due.next);
      if (read === 0 || claimed.length === 0) break;
      outcome.found += claimed.length;
      const queue = [...claimed];
      const batch: Batch = { accepted: [], untried: [], sessionFailure: null, leaseUntil: claimedAt.getTime() + leaseMs };
      const stopRenewing = renewClaims(lease, batch, deps, leaseMs);
      const mayStart = () => !options.signal?.aborted && batch.sessionFailure === null && deps.clock.now().getTime() + sendBudgetMs < batch.leaseUntil;
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (mayStart()) await sendOne(next, deps, outcome, batch);
          else batch.untried.push(next);
        }
      };
      try {
        await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
      } finally {
        stopRenewing();
      }
      await recordSent(batch.accepted, deps.clock.now(), outcome);
      sent.push(...batch.accepted.map(({ message }) => message._id));
      if (sent.length >= REMOVE_SENT_EVERY) await removeSent(sent);
      if (batch.untried.length) await putBack(batch.untried, batch.sessionFailure, deps, outcome);
      outcome.sessionFailure ??= batch.sessionFailure;
      if (batch.sessionFailure || batch.untried.length) break;
    }
  }
}
