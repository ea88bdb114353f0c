import mongoose, { type Model } from 'mongoose';
import { announceChanged, idsOfFilter } from '../lib/collection-changes.js';

/**
 * One row's write: a new record is inserted whole (with the schema's defaults), a known one updated. Not an
 * upsert with $setOnInsert: FerretDB v1 drops null and empty-list values there, so a created record would
 * lack fields such as archivedAt. An insert that meets a record created meanwhile fails on the unique key.
 */
export type RowWrite = { insert: Record<string, unknown> } | { filter: Record<string, unknown>; set: Record<string, unknown> };

export type RowWriteResult = { created: string } | { updated: true } | { failed: number | string };

const UPDATES_PER_COMMAND = 50;

interface BulkErrorLike {
  writeErrors?: { index: number; code?: number | string }[] | { index: number; code?: number | string };
}

/**
 * Sends many single-document writes in one round trip. Each is atomic on its own (a row is applied whole or
 * not at all; no multi-document transaction), and unordered, so one failing row does not stop the others.
 * An update keeps `upsert`, so a record that left the filter's scope meanwhile hits the unique key and fails
 * rather than being silently skipped.
 */
export async function writeRows(model: Model<Record<string, unknown>>, writes: RowWrite[], now: Date): Promise<RowWriteResult[]> {
  if (writes.length === 0) return [];
  const ids = writes.map(() => new mongoose.Types.ObjectId());
  // Cast and default through the schema, then send with the driver: mongoose's own bulkWrite is several times
  // slower on FerretDB, and the rows were already validated with the API's schemas.
  const operations = await Promise.all(
    writes.map(async (write, index) => {
      if ('insert' in write) {
        const document = new model({ ...write.insert, _id: ids[index] });
        await document.validate();
        return { insertOne: { document: { ...document.toObject({ depopulate: true, versionKey: false }), createdAt: now, updatedAt: now } } };
      }
      return { updateOne: { filter: model.castObject(write.filter) as Record<string, unknown>, update: { $set: { ...(model.castObject(write.set) as Record<string, unknown>), updatedAt: now } }, upsert: true } };
    }),
  );
  const failures = new Map<number, number | string>();
  // Inserts go in one command; updates in commands of UPDATES_PER_COMMAND, because FerretDB v1 stalls for
  // minutes on an update command of more than about a hundred statements (MongoDB does not care).
  const inserts = operations.flatMap((operation, index) => ('insertOne' in operation ? [index] : []));
  const updates = operations.flatMap((operation, index) => ('updateOne' in operation ? [index] : []));
  const chunks = [inserts, ...Array.from({ length: Math.ceil(updates.length / UPDATES_PER_COMMAND) }, (_, chunk) => updates.slice(chunk * UPDATES_PER_COMMAND, (chunk + 1) * UPDATES_PER_COMMAND))];
  for (const indices of chunks.filter((chunk) => chunk.length)) {
    try {
      await model.collection.bulkWrite(indices.map((index) => operations[index]!) as never, { ordered: false });
    } catch (error) {
      const bulkError = error as BulkErrorLike;
      if (!bulkError.writeErrors) throw error;
      const writeErrors = Array.isArray(bulkError.writeErrors) ? bulkError.writeErrors : [bulkError.writeErrors];
      for (const writeError of writeErrors) failures.set(indices[writeError.index]!, writeError.code ?? 'unknown');
    }
  }
  // Straight to the driver, past the schema's middleware: say what changed here instead.
  const pinned = writes.map((write, index) => ('insert' in write ? String(ids[index]) : idsOfFilter(write.filter)));
  await announceChanged(model.collection.collectionName, pinned.every((id) => id !== null) ? pinned.flat() : null);
  return writes.map((write, index) => {
    const failure = failures.get(index);
    if (failure !== undefined) return { failed: failure };
    return 'insert' in write ? { created: String(ids[index]) } : { updated: true };
  });
}
