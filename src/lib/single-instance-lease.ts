/**
 * One process at a time against a FerretDB database.
 *
 * WHY: FerretDB v1 applies an update by reading the document and writing it back whole, outside any lock, so
 * two connections writing one document at once lose one of the writes. One connection per process makes this
 * process's writes serial; a second process would bring back the race, so it is refused here. Several
 * instances need MongoDB.
 *
 * The lease is one document claimed by a unique insert (atomic on FerretDB too) and kept alive by a heartbeat
 * counter. A starting process that finds it watches the counter: if it moves, the holder is alive and the
 * start is refused; if it stands still for STALE_MS (the holder died), the lease is taken over. Staleness is
 * judged on the watcher's own monotonic clock, so clocks of different machines never need to agree.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { mongo } from 'mongoose';
import { isDuplicateKey } from './errors.js';

const LEASE_COLLECTION = 'instance_lease';
const LEASE_ID = 'single-instance';
export const HEARTBEAT_MS = 2_000;
/** Far longer than a heartbeat can be held up behind other commands on the one connection. */
export const STALE_MS = 15_000;
const WATCH_EVERY_MS = 250;

interface LeaseDocument {
  _id: string;
  holder: string;
  host: string;
  pid: number;
  beats: number;
  since: Date;
}

export class SecondInstanceError extends Error {
  constructor(dbName: string) {
    super(
      `Another instance of the service is running against this FerretDB database (${dbName}). FerretDB v1 loses ` +
        'concurrent writes to one document, so only one instance may use it at a time: stop the other one, or run ' +
        'several instances against MongoDB (MONGODB_URI). A crashed instance is taken over 15 seconds after its last heartbeat.',
    );
    this.name = 'SecondInstanceError';
  }
}

export interface SingleInstanceLease {
  release(): Promise<void>;
}

/** Claims the lease or throws SecondInstanceError; `onLost` runs if another process takes it over later. */
export async function claimSingleInstanceLease(db: mongo.Db, dbName: string, onLost: () => void): Promise<SingleInstanceLease> {
  const leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  const holder = randomUUID();
  for (;;) {
    try {
      await leases.insertOne({ _id: LEASE_ID, holder, host: hostname(), pid: process.pid, beats: 0, since: new Date() });
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const seen = await leases.findOne({ _id: LEASE_ID });
    if (!seen) continue;
    const stale = await watchUntilStale(db, seen);
    if (!stale) throw new SecondInstanceError(dbName);
    await leases.deleteOne({ _id: LEASE_ID, holder: seen.holder, beats: seen.beats });
  }

  let released = false;
  const beat = async () => {
    const result = await leases.updateOne({ _id: LEASE_ID, holder }, { $inc: { beats: 1 } });
    if (released || result.matchedCount === 1) return;
    // Gone without a holder (the database was dropped and recreated, as the demo does): claim it again.
    // Held by another process: that one took it over while this one was silent, so this one must stop.
    try {
      await leases.insertOne({ _id: LEASE_ID, holder, host: hostname(), pid: process.pid, beats: 0, since: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error) || released) return;
      released = true;
      clearInterval(heartbeat);
      onLost();
    }
  };
  // A failed beat (database unreachable) is simply retried by the next one; requests answer 503 meanwhile.
  const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref();
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      await leases.deleteOne({ _id: LEASE_ID, holder }).catch(() => {});
    },
  };
}

/** True when the lease stood still for STALE_MS (its holder is gone), false as soon as it shows a sign of life. */
async function watchUntilStale(db: mongo.Db, seen: LeaseDocument): Promise<boolean> {
  const leases = db.collection<LeaseDocument>(LEASE_COLLECTION);
  const started = performance.now();
  while (performance.now() - started < STALE_MS) {
    await sleep(WATCH_EVERY_MS);
    const current = await leases.findOne({ _id: LEASE_ID });
    if (!current) return true;
    if (current.holder !== seen.holder || current.beats !== seen.beats) return false;
  }
  return true;
}
