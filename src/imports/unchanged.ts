/**
 * Whether an import row would change the stored record. A monthly re-import repeats mostly unchanged rows, and
 * on FerretDB every document write costs milliseconds whatever the batching, so rows that change nothing are
 * not written at all (and not audited as changes: nothing changed).
 */
import type { Types } from 'mongoose';

/** A value in one comparable form: ids and dates as strings, objects with sorted keys and without sub-document ids, missing as null. */
function canonical(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    if ((value as { _bsontype?: string })._bsontype === 'ObjectId') return String(value as Types.ObjectId);
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== '_id')
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** True when every field the row sets already holds that value in the stored record. */
export function changesNothing(stored: Record<string, unknown>, set: Record<string, unknown>): boolean {
  return Object.entries(set).every(([field, value]) => JSON.stringify(canonical(stored[field])) === JSON.stringify(canonical(value)));
}
