import mongoose, { Schema } from 'mongoose';
import type { LocalDate } from '../lib/dates.js';
import { insertNew } from './notification-store.js';

/**
 * What the next daily digests have to list, kept apart from the reminders themselves: FerretDB v1 scans a whole
 * collection for every read, so a digest that read the notifications would cost every reminder ever stored.
 * Two kinds of entry, in one collection so that one read sees both and one delete clears both:
 * - `line`: a reminder by email waiting for its recipient's digest, with what the digest shows of it. Written when
 *   the reminder is first stored (never again, so a reminder is listed once however long it stays due).
 * - `listed`: what one digest listed (its _id is "listed:" and that email's dedupe key, so it is written once
 *   however many runs or instances record it). Lines it covers are done.
 * Every write is an insert; a digest run deletes, in one call, the entries it has dealt with (see clearDealtWith).
 */
const digestPendingSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ['line', 'listed'] },
    recipientUserId: { type: Schema.Types.ObjectId, required: true },
    /** line: the reminder (its notification) and what the digest shows of it. */
    notificationId: { type: Schema.Types.ObjectId, default: null },
    rule: { type: String, default: null },
    urgency: { type: String, default: null },
    dueDate: { type: String, default: null },
    text: { type: String, default: null },
    link: { type: String, default: null },
    /** line to a housing officer: the young person whose consent to share with housing it depends on. */
    housingConsentOf: { type: Schema.Types.ObjectId, default: null },
    /** listed: the London date of the digest and the reminders it listed. */
    digestDate: { type: String, default: null },
    notificationIds: { type: [Schema.Types.ObjectId], default: undefined },
    at: { type: Date, required: true },
  },
  { collection: 'digest_pending', versionKey: false },
);

export const DigestPendingModel = mongoose.model('DigestPending', digestPendingSchema);
const collection = () => DigestPendingModel.collection as unknown as mongoose.mongo.Collection;

/** A reminder as the digest needs it. */
export interface DigestLine {
  notificationId: mongoose.Types.ObjectId;
  recipientUserId: mongoose.Types.ObjectId;
  rule: string;
  urgency: string;
  dueDate: string;
  text: string;
  link: string;
  /** To a housing officer about a young person: left out if they stop sharing with housing before the digest. */
  housingConsentOf?: mongoose.Types.ObjectId | null;
}

/**
 * A writer holds its `now` for at most this long before its insert lands (a request or a job step): entries older
 * than this when a digest run starts were all there when it read, so deleting them loses nothing it did not see.
 */
export const LATE_WRITE_MARGIN_MS = 15 * 60_000;

const lineKey = (notificationId: unknown) => `line:${String(notificationId)}`;

/** Queues reminders for their recipients' next digest; returns the indexes of those that were not already waiting. */
export async function addDigestLines(lines: readonly DigestLine[], now: Date): Promise<Set<number>> {
  return insertNew(collection(), lines.map((line) => ({ _id: lineKey(line.notificationId), kind: 'line', ...line, at: now }) as never));
}

/**
 * Takes back lines just added for reminders that turned out to be stored already (their digest has dealt with
 * them before): a handful, from a catch-up that tells again what was told.
 */
export async function withdrawDigestLines(notificationIds: readonly unknown[]): Promise<void> {
  if (notificationIds.length) await DigestPendingModel.deleteMany({ _id: { $in: notificationIds.map(lineKey) } });
}

interface QueuedDigest {
  dedupeKey: string;
  recipientUserId?: unknown;
  digestDate?: string | null;
  notificationIds?: unknown[];
}

/** Records queued digest emails as having listed their reminders (idempotent: keyed by the email's dedupe key). */
export async function recordQueuedDigests(digests: readonly QueuedDigest[], now: Date): Promise<void> {
  const entries = digests.filter((digest) => digest.digestDate && digest.recipientUserId).map((digest) => ({
    _id: `listed:${digest.dedupeKey}`, kind: 'listed', recipientUserId: digest.recipientUserId, digestDate: digest.digestDate, notificationIds: digest.notificationIds ?? [], at: now,
  }));
  if (entries.length) await insertNew(collection(), entries as never[]);
}

/**
 * Everything waiting for a digest on `date`: the lines no digest has listed yet, and who already had a digest for
 * `date` (their new lines wait for the next day's). One read of a collection that holds about a day's work.
 */
export async function readDigestPending(date: LocalDate): Promise<{ lines: DigestLine[]; hadDigestOn: Set<string>; latest: Date | null }> {
  const entries = await DigestPendingModel.find({}).lean();
  const listed = new Set<string>();
  const hadDigestOn = new Set<string>();
  let latest: Date | null = null;
  for (const entry of entries) {
    if (!latest || entry.at > latest) latest = entry.at;
    if (entry.kind !== 'listed') continue;
    for (const id of entry.notificationIds ?? []) listed.add(String(id));
    if (entry.digestDate === date) hadDigestOn.add(String(entry.recipientUserId));
  }
  const lines = entries.filter((entry) => entry.kind === 'line' && !listed.has(String(entry.notificationId))) as unknown as DigestLine[];
  return { lines, hadDigestOn, latest };
}

/**
 * Deletes, in one call, the entries a digest run has dealt with: all those older than LATE_WRITE_MARGIN_MS
 * (listed, left out, or the lists themselves), except those of recipients whose digest for the day this run did
 * not queue (already had one: their lines wait for tomorrow). Younger ones stay, and their `listed` entry keeps
 * them from being listed twice. A delete costs a scan of the collection on FerretDB v1: one per run.
 */
export async function clearDealtWith(now: Date, waiting: ReadonlySet<string>): Promise<number> {
  const result = await DigestPendingModel.deleteMany({
    at: { $lte: new Date(now.getTime() - LATE_WRITE_MARGIN_MS) },
    ...(waiting.size ? { recipientUserId: { $nin: [...waiting].map((id) => new mongoose.Types.ObjectId(id)) } } : {}),
  });
  return result.deletedCount;
}

/** The London date of the digest that listed each of these reminders, while its record is kept (absent: none yet). */
export async function digestDatesOf(notificationIds: readonly unknown[]): Promise<Map<string, string>> {
  const wanted = new Set(notificationIds.map(String));
  const dates = new Map<string, string>();
  for (const entry of await DigestPendingModel.find({ kind: 'listed' }, { digestDate: 1, notificationIds: 1 }).lean()) {
    for (const id of entry.notificationIds ?? []) if (wanted.has(String(id))) dates.set(String(id), entry.digestDate!);
  }
  return dates;
}
