import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import { isDuplicateKey } from '../lib/errors.js';
import type { Mailer } from '../lib/mailer.js';
import { MailClaimModel, MailOutboxModel, type MailOutboxRecord } from './mail-outbox.model.js';
import { insertNew } from './notification-store.js';

export type SenderConfig = Pick<Config, 'MAIL_MAX_ATTEMPTS' | 'MAIL_RETRY_BASE_SECONDS' | 'JOB_LEASE_SECONDS' | 'PUBLIC_BASE_URL'>;
type SenderDeps = { mailer: Mailer; clock: Clock; config: SenderConfig };

export interface SendOutcome {
  found: number;
  sent: number;
  retrying: number;
  failed: number;
  errors: string[];
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

/** When claim `claim` is taken: the next free claim number if the holder's lease expired (it died), else null. */
async function takeOver(message: MailOutboxRecord, claim: number, now: Date, leaseMs: number, claimedBy: string): Promise<number | null> {
  for (let number = claim; ; number += 1) {
    const holder = await MailClaimModel.findOne({ outboxId: message._id, claim: number }, { leaseUntil: 1 }).lean();
    if (!holder) return null; // cannot happen after a duplicate key, unless purged: leave it to the next run
    if (holder.leaseUntil >= now) return null; // a live sender has it
    try {
      await MailClaimModel.collection.insertOne({ outboxId: message._id, claim: number + 1, claimedBy, at: now, leaseUntil: new Date(now.getTime() + leaseMs) });
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
 * by a sender whose lease expired is taken over with the next claim number.
 */
export async function claimDueMessages(now: Date, leaseMs: number, claimedBy: string): Promise<{ read: number; claimed: Claimed[] }> {
  const candidates = await MailOutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } }).limit(BATCH).lean<MailOutboxRecord[]>();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const won = await insertNew(MailClaimModel.collection, candidates.map((message) => ({ outboxId: message._id, claim: (message.claimCount ?? 0) + 1, claimedBy, at: now, leaseUntil })));
  const claimed: Claimed[] = [];
  for (const [index, message] of candidates.entries()) {
    const first = (message.claimCount ?? 0) + 1;
    const claim = won.has(index) ? first : await takeOver(message, first, now, leaseMs, claimedBy);
    if (claim !== null) claimed.push({ message, claim, attempts: message.attempts + (claim - (message.claimCount ?? 0)) });
  }
  return { read: candidates.length, claimed };
}

/** SMTP 5xx replies are permanent (no such mailbox...): retrying will not help, so they fail at once. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A short reason for staff: the SMTP code and reply or the connection error code, never the message content. */
function describe(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode) return `${e.responseCode} ${String(e.response ?? '').slice(0, 200)}`.trim();
  return String(e.code ?? e.message ?? 'unknown error').slice(0, 200);
}

/** A message the SMTP server accepted, waiting to be recorded with the rest of its batch. */
interface Accepted {
  message: MailOutboxRecord;
  claim: number;
  attempts: number;
}

/**
 * Sends one message. A failure is recorded at once (it is rare, and its retry time depends on it); an acceptance
 * is returned to be recorded with the batch, because one durable write per message would cap throughput at the
 * database's write latency (about 15 ms a write on FerretDB, ten times an SMTP hand-off).
 */
async function sendOne({ message, claim, attempts }: Claimed, deps: SenderDeps, outcome: SendOutcome): Promise<Accepted | null> {
  const id = String(message._id);
  try {
    await deps.mailer.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, messageId: messageIdFor(id, deps.config), headers: { 'X-Care-Leaver-Offers-Outbox-Id': id } });
    return { message, claim, attempts };
  } catch (error) {
    const now = deps.clock.now();
    const reason = describe(error);
    const giveUp = isPermanent(error) || attempts >= deps.config.MAIL_MAX_ATTEMPTS;
    const update = giveUp
      ? { status: 'failed', failedAt: now, attempts, claimCount: claim, lastError: reason, updatedAt: now }
      : { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, deps.config)), attempts, claimCount: claim, lastError: reason, updatedAt: now };
    // Written only if no later claim has written since (a sender that lost its lease does not overwrite the next).
    await MailOutboxModel.updateOne({ _id: message._id, claimCount: { $lt: claim } }, { $set: update });
    if (giveUp) outcome.failed += 1;
    else outcome.retrying += 1;
    outcome.errors.push(`${id}: ${reason}`);
    return null;
  }
}

/**
 * Records a batch's accepted messages as sent: one updateMany per (claim, attempts) pair, nearly always one.
 * A crash before this write means the batch is sent again by the next run, each message with its same Message-ID:
 * at least once, as documented, with the duplicate window one batch wide.
 */
async function recordSent(accepted: Accepted[], now: Date, outcome: SendOutcome): Promise<void> {
  const groups = new Map<string, Accepted[]>();
  for (const item of accepted) {
    const key = `${item.claim}:${item.attempts}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    const { claim, attempts } = items[0]!;
    await MailOutboxModel.updateMany(
      { _id: { $in: items.map((item) => item.message._id) }, claimCount: { $lt: claim } },
      { $set: { status: 'sent', sentAt: now, attempts, claimCount: claim, lastError: null, updatedAt: now } },
    );
  }
  outcome.sent += accepted.length;
}

/**
 * Sends every message due now, `concurrency` at a time, batch by batch, until none is due or every due one is
 * being sent by another instance (messages put back for a retry are due later, so a run always ends).
 */
export async function sendDueMail(deps: SenderDeps, options: { concurrency?: number; signal?: AbortSignal; claimedBy?: string } = {}): Promise<SendOutcome> {
  const outcome: SendOutcome = { found: 0, sent: 0, retrying: 0, failed: 0, errors: [] };
  const claimedBy = options.claimedBy ?? randomUUID();
  const leaseMs = deps.config.JOB_LEASE_SECONDS * 1000;
  while (!options.signal?.aborted) {
    const { read, claimed } = await claimDueMessages(deps.clock.now(), leaseMs, claimedBy);
    if (read === 0 || claimed.length === 0) break;
    outcome.found += claimed.length;
    const queue = [...claimed];
    const accepted: Accepted[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next && !options.signal?.aborted; next = queue.shift()) {
        const sent = await sendOne(next, deps, outcome);
        if (sent) accepted.push(sent);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    await recordSent(accepted, deps.clock.now(), outcome);
  }
  return outcome;
}
