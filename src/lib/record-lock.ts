/**
 * A short mutual-exclusion lock on one record, claimed by inserting a document under a unique key.
 *
 * WHY: on MongoDB a conditional findOneAndUpdate is atomic, but FerretDB v1 (our test and small-site database,
 * SQLite backend) reads the filter and writes the document in separate steps (FerretDB issue #3040), so two
 * concurrent "take a place" updates can both pass `placesFilled < places` and one increment can be lost.
 * A unique-index insert IS atomic on both, so stage moves and place-taking run under this lock, and the
 * conditional updates inside stay as the guard a real MongoDB enforces on its own.
 *
 * A holder that dies leaves its lock behind; a waiter that sees the same holder for longer than STALE_MS takes
 * it over. Timing uses the monotonic performance clock: it measures waiting, it is not a date.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { Schema } from 'mongoose';
import { conflict, isDuplicateKey } from './errors.js';

const recordLockSchema = new Schema({ key: { type: String, required: true }, holder: { type: String, required: true } }, { collection: 'record_locks', versionKey: false });
recordLockSchema.index({ key: 1 }, { unique: true });
export const RecordLockModel = mongoose.model('RecordLock', recordLockSchema);

/** Far longer than any stage move holds a lock (milliseconds): only a crashed holder is this slow. */
const STALE_MS = 5_000;
const GIVE_UP_MS = 12_000;

async function acquire(key: string, holder: string): Promise<void> {
  const started = performance.now();
  let seen = null as { holder: string; since: number } | null;
  for (;;) {
    try {
      await RecordLockModel.create({ key, holder });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const current = await RecordLockModel.findOne({ key }, { holder: 1 }).lean();
    const now = performance.now();
    if (current) {
      if (seen?.holder !== current.holder) seen = { holder: current.holder, since: now };
      else if (now - seen.since > STALE_MS) await RecordLockModel.deleteOne({ key, holder: current.holder });
    }
    if (now - started > GIVE_UP_MS) throw conflict('This record is busy with another change; try again in a moment.');
    await sleep(3 + Math.random() * 12);
  }
}

/** Runs `work` while holding the lock on `key` (e.g. "opportunity:<id>"); always releases it. */
export async function withRecordLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  await acquire(key, holder);
  try {
    return await work();
  } finally {
    await RecordLockModel.deleteOne({ key, holder });
  }
}
