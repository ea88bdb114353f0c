import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import type { LocalDate } from '../lib/dates.js';
import { insertNew } from './notification-store.js';

/**
 * Which reminders a daily digest took care of, written by insert instead of stamping each reminder (an update
 * costs a scan of the collection per row on FerretDB v1, so stamping grew with the square of the reminders).
 * - `listed`: the reminders a recipient's digest for `digestDate` lists; _id is that email's dedupe key
 *   ("digest:<user id>:<date>"), so it is written once however many runs or instances record it.
 * - `left_out`: reminders no digest will list (the recipient turned their kind off, or has no active account);
 *   recorded so that they are not read again day after day.
 * "Already in a digest" is the union of these entries' notificationIds.
 */
const digestEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ['listed', 'left_out'] },
    recipientUserId: { type: Schema.Types.ObjectId, required: true },
    digestDate: { type: String, required: true },
    notificationIds: { type: [Schema.Types.ObjectId], default: [] },
    at: { type: Date, required: true },
  },
  { collection: 'digest_entries', versionKey: false },
);
digestEntrySchema.index({ digestDate: 1 });

export type DigestEntryRecord = InferSchemaType<typeof digestEntrySchema>;
export const DigestEntryModel = mongoose.model('DigestEntry', digestEntrySchema);

interface QueuedDigest {
  dedupeKey: string;
  recipientUserId?: unknown;
  digestDate?: string | null;
  notificationIds?: unknown[];
}

const collection = () => DigestEntryModel.collection as unknown as mongoose.mongo.Collection;

/** Records queued digest emails as listing their reminders (idempotent: keyed by the email's dedupe key). */
export async function recordQueuedDigests(digests: readonly QueuedDigest[], now: Date): Promise<void> {
  const entries = digests.filter((digest) => digest.digestDate && digest.recipientUserId).map((digest) => ({
    _id: digest.dedupeKey, kind: 'listed', recipientUserId: digest.recipientUserId, digestDate: digest.digestDate, notificationIds: digest.notificationIds ?? [], at: now,
  }));
  if (entries.length) await insertNew(collection(), entries as never[]);
}

/** Records reminders that no digest will list, so the next digests do not read them again. */
export async function recordLeftOut(byRecipient: ReadonlyMap<string, readonly mongoose.Types.ObjectId[]>, date: LocalDate, now: Date): Promise<void> {
  const entries = [...byRecipient].filter(([, ids]) => ids.length > 0).map(([recipientUserId, ids]) => ({
    _id: `left-out:${recipientUserId}:${date}:${new mongoose.Types.ObjectId().toHexString()}`, kind: 'left_out', recipientUserId: new mongoose.Types.ObjectId(recipientUserId), digestDate: date, notificationIds: ids, at: now,
  }));
  if (entries.length) await insertNew(collection(), entries as never[]);
}

/** What the entries say: every reminder already taken care of, and who already has a digest for `date`. */
export async function digestState(date: LocalDate): Promise<{ done: Set<string>; hadDigestOn: Set<string> }> {
  const entries = await DigestEntryModel.find({}, { kind: 1, recipientUserId: 1, digestDate: 1, notificationIds: 1 }).lean();
  const done = new Set<string>();
  const hadDigestOn = new Set<string>();
  for (const entry of entries) {
    for (const id of entry.notificationIds) done.add(String(id));
    if (entry.kind === 'listed' && entry.digestDate === date) hadDigestOn.add(String(entry.recipientUserId));
  }
  return { done, hadDigestOn };
}

/** The London date of the digest that listed each of these reminders (absent: not in any digest yet). */
export async function digestDatesOf(notificationIds: readonly unknown[]): Promise<Map<string, string>> {
  const wanted = new Set(notificationIds.map(String));
  const dates = new Map<string, string>();
  for (const entry of await DigestEntryModel.find({ kind: 'listed' }, { digestDate: 1, notificationIds: 1 }).lean()) {
    for (const id of entry.notificationIds) if (wanted.has(String(id))) dates.set(String(id), entry.digestDate);
  }
  return dates;
}
