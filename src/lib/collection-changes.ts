/**
 * "These records changed": told by the one place every write to a watched collection passes through (the
 * schema's write middleware, and writeRows for bulk imports that go to the driver directly), so that what
 * this process holds in memory (the matching indexes) applies its own writes before the write returns.
 * Other processes' writes are not told here: whoever holds a copy also refreshes on an interval.
 */
import type { Schema } from 'mongoose';

/** The ids written, or null when a write's filter does not say which (an updateMany by status, say). */
export type ChangedIds = string[] | null;
type Listener = (ids: ChangedIds) => Promise<void> | void;

const listeners = new Map<string, Set<Listener>>();

/** Listens to one collection's writes; returns the unsubscribe. A listener must not throw (it is awaited). */
export function onCollectionChanged(collection: string, listener: Listener): () => void {
  let set = listeners.get(collection);
  if (!set) listeners.set(collection, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

const anyCollectionListeners = new Set<(collection: string) => Promise<void> | void>();

/** Listens to every collection's writes (an operator tool stamping them for the service). */
export function onAnyCollectionChanged(listener: (collection: string) => Promise<void> | void): () => void {
  anyCollectionListeners.add(listener);
  return () => void anyCollectionListeners.delete(listener);
}

export async function announceChanged(collection: string, ids: ChangedIds): Promise<void> {
  if (ids !== null && ids.length === 0) return;
  const told = [...(listeners.get(collection) ?? [])].map(async (listener) => listener(ids));
  const toldAny = [...anyCollectionListeners].map(async (listener) => listener(collection));
  await Promise.all([...told, ...toldAny]);
}

/** The ids a filter pins down: `_id` (a value or `$in`) at the top or inside `$and`; null when it does not. */
export function idsOfFilter(filter: Record<string, unknown> | undefined): string[] | null {
  if (!filter) return null;
  const id = filter._id;
  if (id !== undefined && id !== null) {
    if (typeof id === 'object' && !Array.isArray(id) && '$in' in (id as object)) return ((id as { $in: unknown[] }).$in ?? []).map(String);
    if (typeof id === 'object' && !Array.isArray(id) && Object.keys(id as object).some((key) => key.startsWith('$'))) return null;
    return [String(id)];
  }
  if (Array.isArray(filter.$and)) {
    for (const part of filter.$and as Record<string, unknown>[]) {
      const ids = idsOfFilter(part);
      if (ids) return ids;
    }
  }
  return null;
}

const QUERY_WRITES = ['updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete'] as const;

interface QueryLike {
  getFilter(): Record<string, unknown>;
}

/** Registers write middleware on a schema (before its model is compiled) that announces every write. */
export function announceWritesOf(schema: Schema, collection: string): void {
  schema.post('save', async function (this: { _id: unknown }) {
    await announceChanged(collection, [String(this._id)]);
  });
  schema.post('insertMany', async function (docs: unknown) {
    const inserted = (Array.isArray(docs) ? docs : [docs]) as { _id: unknown }[];
    await announceChanged(collection, inserted.map((doc) => String(doc._id)));
  });
  for (const operation of QUERY_WRITES) {
    schema.post(operation, { document: false, query: true }, async function (this: QueryLike, result: unknown) {
      const written = result as { _id?: unknown; matchedCount?: number; deletedCount?: number; upsertedId?: unknown } | null;
      const fromFilter = idsOfFilter(this.getFilter());
      if (operation.startsWith('findOne')) {
        // The document found (before or after) names the id even when the filter does not.
        const ids = written?._id !== undefined ? [String(written._id)] : fromFilter ?? [];
        return announceChanged(collection, ids);
      }
      if (written && written.matchedCount === 0 && !written.upsertedId && !written.deletedCount) return;
      const ids = fromFilter && written?.upsertedId ? [...fromFilter, String(written.upsertedId)] : fromFilter;
      await announceChanged(collection, ids);
    });
  }
}
