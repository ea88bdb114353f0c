import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { smtpTimeoutMs, type Mailer } from '../lib/mailer.js';
import { recordQueuedDigests } from './digest-pending.js';
import { classifyFailure, describeFailure } from './mail-failures.js';
import { claimMessages, renewLease, startLease, type Claimed, type SenderLease } from './mail-claims.js';
import { outboxIdFor } from './mail-enqueue.js';
import { MailKeyModel, MailSentModel } from './mail-history.model.js';
import { MailOutboxModel, type MailOutboxRecord } from './mail-outbox.model.js';
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

/**
 * Messages read and claimed in the run's first lot, and each lot after it twice the one before, up to CLAIM_LOT:
 * the first email goes as soon as the database has read and claimed a few, and each lot is claimed before the one
 * before it has been sent.
 */
const FIRST_LOT = 25;
/**
 * The most messages read and claimed per lot, the next lot claimed while the current one is sent. Every statement
 * costs the database (a transaction, a disk flush) and this process (on FerretDB, one connection that every other
 * statement waits for) a fixed amount besides its documents: reading and claiming 2,000 messages on FerretDB with
 * PostgreSQL in lots of 500 took this process about half the CPU that lots of 100 did.
 */
const CLAIM_LOT = 250;
/**
 * Claimed messages kept waiting ahead of the workers: enough that SMTP never waits for a claim, and that the run
 * knows early that nothing is left, so most of its sent mail leaves the outbox while the last messages go.
 */
const CLAIMED_AHEAD = 2 * CLAIM_LOT;
/**
 * Accepted messages recorded per insert: recording starts once this many wait, and takes everything waiting up to
 * RECORD_MOST, so lots grow when the database is busy rather than queueing small inserts behind each other.
 * Together they bound what a crash can send twice (with the same Message-ID).
 */
const RECORD_EVERY = 100;
const RECORD_MOST = 250;

/** A message the SMTP server accepted, waiting to be recorded with the next lot. */
type Accepted = Claimed;

/** What one run is doing: shared by its workers, its claiming and its recording, so one failure stops them all. */
interface Run {
  /** Claimed, not yet tried. */
  queue: Claimed[];
  accepted: Accepted[];
  /** Claimed messages this run will not try (the session failed, the lease ran short, or the service stops). */
  untried: Claimed[];
  sessionFailure: string | null;
  /** A database error in claiming or recording: the run stops, and the error is thrown once it has tidied up. */
  failure: unknown;
  /** The lease ran short of one SMTP timeout: nothing more is started or claimed. */
  halted: boolean;
  /** No message is left to claim. */
  exhausted: boolean;
  /** Until when this sender's claims are known to be held: renewed while the run goes on. */
  leaseUntil: number;
}

/**
 * Sends one message. A refusal of the message is recorded at once (rare, and its retry time depends on it); an
 * acceptance is kept to be recorded with the next lot, because one durable write per message would cap
 * throughput at the database's write latency (about 15 ms a write on FerretDB, ten times an SMTP hand-off).
 */
async function sendOne(claimed: Claimed, deps: SenderDeps, outcome: SendOutcome, batch: Run): Promise<void> {
  const { message, claim, attempts } = claimed;
  const id = String(message._id);
  try {
    await deps.mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: messageIdFor(id, deps.config) });
    batch.accepted.push({ message, claim, attempts });
  } catch (error) {
    const reason = describeFailure(error);
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

/**
 * What is kept of a sent email: everything staff lists show (recipient, kind, subject, attempts, dates) and its
 * key, not its bodies. Nobody reads a sent body again (staff never see bodies), they name young people and may hold
 * one-time links, and FerretDB's cost of a write grows with its size (measured: a third less without them).
 */
function sentRecord(message: MailOutboxRecord, outcome: { sentAt: Date; attempts: number; claimCount: number }) {
  const { text: _text, html: _html, lastError: _lastError, failedAt: _failedAt, ...kept } = message;
  return { ...kept, status: 'sent', ...outcome, updatedAt: outcome.sentAt };
}

/**
 * Records accepted messages as sent, by inserts: each is copied to mail_sent (see sentRecord); the run deletes
 * them from the outbox later (removeSent). No row is updated: an update costs a scan of its collection per row on
 * FerretDB v1. A crash before the copy means those messages are sent again by the next run, each with its same
 * Message-ID (at least once, the duplicate window one lot wide); a crash before the delete is cleaned up by the
 * next sender (takeOver finds them sent).
 */
async function recordSent(accepted: Accepted[], now: Date, outcome: SendOutcome): Promise<void> {
  if (accepted.length === 0) return;
  const records = accepted.map(({ message, claim, attempts }) => sentRecord(message, { sentAt: now, attempts, claimCount: claim }));
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
 * Keeps this run's claims alive while it goes on (every third of the lease), so a run slower than one lease (a
 * slow SMTP server, much mail) is not taken over and sent a second time by another sender. `leaseWritten` is the
 * write of the lease, once the run has claimed something: only then is there a lease to renew.
 */
function keepLeaseAlive(lease: SenderLease, run: Run, leaseWritten: () => Promise<void> | null, deps: SenderDeps & { logger?: { warn(object: object, message: string): void } }, leaseMs: number): () => void {
  const timer = setInterval(() => {
    const leaseUntil = deps.clock.now().getTime() + leaseMs;
    leaseWritten()
      ?.then(() => renewLease(lease, new Date(leaseUntil)))
      .then(() => {
        run.leaseUntil = Math.max(run.leaseUntil, leaseUntil);
      })
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'could not renew mail claims'));
  }, Math.max(250, leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Reads the due messages once, in one pass, a lot at a time, each lot one round trip of the size asked for:
 * re-reading them for every lot would decode every waiting message again each time (FerretDB v1 filters in Go),
 * and what this run has sent stays in the outbox until the run ends. (A find's cursor keeps its first batch size
 * for every batch; a cursor command lets each lot set its own.)
 */
function dueMessages(now: Date): { next: (count: number) => Promise<MailOutboxRecord[]>; close: () => Promise<void> } {
  let cursor: mongoose.mongo.RunCommandCursor | null = null;
  return {
    async next(count) {
      cursor ??= MailOutboxModel.db.db!.runCursorCommand({ find: MailOutboxModel.collection.collectionName, filter: { status: 'pending', nextAttemptAt: { $lte: now } }, batchSize: count });
      cursor.setBatchSize(count);
      const lot: MailOutboxRecord[] = [];
      while (lot.length < count) {
        const message = (await cursor.next()) as MailOutboxRecord | null;
        if (!message) break;
        lot.push(message);
      }
      return lot;
    },
    close: async () => cursor?.close(),
  };
}

/**
 * Deletes from the outbox what this run sent (already copied to mail_sent), in as few statements as it can: a
 * delete, like a read, goes through every waiting message on FerretDB v1. Until then another sender meeting one of
 * them finds it claimed (or, once the lease is over, already sent).
 */
async function removeSent(ids: mongoose.Types.ObjectId[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 5_000) await MailOutboxModel.deleteMany({ _id: { $in: ids.slice(start, start + 5_000) } });
  ids.length = 0;
}

/** Sent messages kept in the outbox before a delete: bounds the memory and the sender-check window of a long run. */
const REMOVE_SENT_EVERY = 10_000;

/**
 * Sends every message due now, `concurrency` at a time, until none is due, every due one is being sent by another
 * instance, the lease runs short, or the SMTP session fails (then the rest waits for the next run). The database
 * work runs beside the sending rather than between lots: the next lot is claimed while this one is sent, and what
 * was accepted is recorded while the next is sent, so SMTP rarely waits for the database (on FerretDB every
 * statement also waits its turn on the one connection). A message is only started while this sender's claims
 * have at least one SMTP timeout left to run.
 */
export async function sendDueMail(deps: SenderDeps, options: { concurrency?: number; signal?: AbortSignal; claimedBy?: string } = {}): Promise<SendOutcome> {
  const outcome: SendOutcome = { found: 0, sent: 0, retrying: 0, failed: 0, errors: [], sessionFailure: null };
  const leaseMs = deps.config.JOB_LEASE_SECONDS * 1000;
  const sendBudgetMs = smtpTimeoutMs(deps.config);
  const startedAt = deps.clock.now();
  const lease: SenderLease = { batchId: randomUUID(), claimedBy: options.claimedBy ?? randomUUID() };
  const run: Run = { queue: [], accepted: [], untried: [], sessionFailure: null, failure: null, halted: false, exhausted: false, leaseUntil: startedAt.getTime() + leaseMs };
  const due = dueMessages(startedAt);
  const sent: mongoose.Types.ObjectId[] = [];
  let leaseWritten: Promise<void> | null = null;
  let read = 0;
  let lotSize = FIRST_LOT;
  let removed = 0;
  let finishing = false;
  let claiming: Promise<void> | null = null;
  let bookkeeping: Promise<void> | null = null;
  const stopped = () => Boolean(options.signal?.aborted) || run.sessionFailure !== null || run.failure !== null || run.halted;

  /** Claims the next lot (one claim in flight at a time; callers share it). */
  const claimMore = (): Promise<void> =>
    (claiming ??= (async () => {
      const wanted = lotSize;
      lotSize = Math.min(CLAIM_LOT, 2 * lotSize);
      const candidates = await due.next(wanted);
      read += candidates.length;
      if (candidates.length < wanted) run.exhausted = true;
      if (candidates.length === 0) return;
      const now = deps.clock.now();
      const claimed = await claimMessages(candidates, now, leaseMs, lease);
      // The run's lease is written once it holds claims: they carry their own lease until then, so the first
      // emails need not wait for it. Renewals wait for it (keepLeaseAlive).
      if (claimed.length) {
        leaseWritten ??= startLease(lease, now, leaseMs).catch((error: unknown) => {
          run.failure ??= error;
        });
      }
      outcome.found += claimed.length;
      run.queue.push(...claimed);
    })()
      .catch((error: unknown) => {
        run.failure ??= error;
      })
      .finally(() => {
        claiming = null;
        if (run.exhausted) void keepBooks();
      }));

  /**
   * Whether deleting what is recorded as sent is worth a scan of the outbox: every REMOVE_SENT_EVERY, and once
   * nothing is left to claim, whenever it is at least three quarters of what this run read and left there. Most of
   * the run's mail so leaves while its last messages are still being sent, its end scans a small outbox, and the
   * scans add up to about a third more than the outbox (twice the outbox when deleting at half).
   */
  const worthRemoving = () => sent.length >= REMOVE_SENT_EVERY || (run.exhausted && sent.length > 0 && sent.length * 4 >= (read - removed) * 3);

  /**
   * Records what was accepted and removes what is recorded from the outbox, one statement at a time, for as long as
   * there is enough of either to do (everything, once the run is finishing). Only what is recorded as sent may
   * leave the outbox.
   */
  const keepBooks = (): Promise<void> =>
    (bookkeeping ??= (async () => {
      try {
        for (;;) {
          if (run.accepted.length >= (finishing ? 1 : RECORD_EVERY)) {
            const lot = run.accepted.splice(0, RECORD_MOST);
            await recordSent(lot, deps.clock.now(), outcome);
            sent.push(...lot.map(({ message }) => message._id));
          } else if (worthRemoving()) {
            removed += sent.length;
            await removeSent(sent);
          } else return;
        }
      } catch (error) {
        run.failure ??= error;
      }
    })().finally(() => {
      bookkeeping = null;
    }));

  const worker = async () => {
    for (;;) {
      if (stopped()) return;
      if (!run.exhausted && run.queue.length < CLAIMED_AHEAD) void claimMore(); // the next lots, while this one goes
      const next = run.queue.shift();
      if (!next) {
        if (run.exhausted) return;
        await claimMore();
        continue;
      }
      if (deps.clock.now().getTime() + sendBudgetMs >= run.leaseUntil) {
        run.halted = true;
        run.untried.push(next);
        return;
      }
      await sendOne(next, deps, outcome, run);
      if (run.accepted.length >= RECORD_EVERY) void keepBooks();
    }
  };

  const stopRenewing = keepLeaseAlive(lease, run, () => leaseWritten, deps, leaseMs);
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    await claiming; // a lot claimed as the workers stopped goes back below
  } finally {
    run.untried.push(...run.queue.splice(0));
    // Everything accepted is recorded under the lease (an unrecorded message taken over would go twice).
    finishing = true;
    await bookkeeping;
    await keepBooks();
    stopRenewing();
    await leaseWritten;
    await due.close().catch(() => {});
    if (run.untried.length) await putBack(run.untried, run.sessionFailure, deps, outcome);
    await removeSent(sent);
  }
  outcome.sessionFailure = run.sessionFailure;
  if (run.failure) throw run.failure;
  return outcome;
}
