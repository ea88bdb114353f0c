import type mongoose from 'mongoose';
import { DUPLICATE_KEY_ERROR } from './errors.js';

interface BulkWriteErrorLike {
  code?: number;
  writeErrors?: { index: number; code: number }[] | { index: number; code: number };
}

/**
 * Inserts documents, skipping those whose unique key is already stored, and returns the indexes of the
 * documents that were new. One unordered insertMany: the database checks the unique index for each document,
 * so several scans at once (or the same scan twice) store each document once. Any other error is thrown.
 */
export async function insertNew(collection: mongoose.mongo.Collection, documents: mongoose.mongo.OptionalId<mongoose.mongo.Document>[]): Promise<Set<number>> {
  const inserted = new Set(documents.map((_document, index) => index));
  if (documents.length === 0) return inserted;
  try {
    await collection.insertMany(documents, { ordered: false });
  } catch (error) {
    const bulk = error as BulkWriteErrorLike;
    const writeErrors = bulk.writeErrors === undefined ? (bulk.code === DUPLICATE_KEY_ERROR && documents.length === 1 ? [{ index: 0, code: DUPLICATE_KEY_ERROR }] : undefined) : Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    if (!writeErrors || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY_ERROR)) throw error;
    for (const writeError of writeErrors) inserted.delete(writeError.index);
  }
  return inserted;
}
