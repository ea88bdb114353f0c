/**
 * "Another process wrote to this collection at": one small document per collection, written by operator
 * tools (an import or a job run from the command line) after each of their writes, and read by the service
 * before it answers a list from what it holds in memory on FerretDB (see held-young-people). A read of
 * this tiny collection costs about a millisecond, where asking the young people's collection what changed
 * costs a scan of every record; so the service looks properly only when a tool has written.
 */
import mongoose from 'mongoose';
import { onAnyCollectionChanged } from './collection-changes.js';

const STAMPS = 'write_stamps';

interface WriteStamp {
  _id: string;
  at: Date;
}

const stamps = () => mongoose.connection.db!.collection<WriteStamp>(STAMPS);

/** For operator tools: from now on every write this process makes is stamped for the service to see. */
export function stampWritesForTheService(): void {
  onAnyCollectionChanged(stampWrite);
}

/** Says that this process (not the service) has just written to `collection`. */
export async function stampWrite(collection: string): Promise<void> {
  await stamps().updateOne({ _id: collection }, { $set: { at: new Date() } }, { upsert: true });
}

/** When an operator tool last wrote to `collection`, or null if none ever has. */
export async function lastStampedWrite(collection: string): Promise<Date | null> {
  return (await stamps().findOne({ _id: collection }))?.at ?? null;
}
