/**
 * Open young people's records for lists, answered from memory on FerretDB.
 *
 * Why: FerretDB v1 decodes every document of a collection for any query but one by `_id`, and on SQLite
 * even a read by `_id` scans the table (measured with 2,000 young people: about 1 s a query whatever the
 * filter; 18 ms on average by `_id`), so a caseload read from the database takes seconds at a council's
 * scale. The matching index already holds every open record (without care history notes), with this
 * process's own writes applied before they return, and on FerretDB this process is the only instance of the
 * service (the lease). Operator tools run from the command line (an import, a job) stamp their writes
 * (write-stamps), and the held records catch up with them before answering. So there, the held records are
 * as fresh as the database, and are filtered in code by the same filter a query would use (`matchesScope`).
 * On MongoDB, until they are loaded, or if catching up fails: null, and the caller asks the database, which
 * answers from its indexes.
 */
import { isConnectedToFerretDb } from '../lib/database.js';
import { matchesScope, type ScopeFilter } from '../lib/read-by-id.js';
import { liveMatching } from '../matching/live-matching.js';
import type { YoungPersonRecord } from './young-people.model.js';

/** The held open records that `filter` (which must ask for `archivedAt: null`) accepts, or null: ask the database. */
export async function heldOpenYoungPeople(filter: ScopeFilter): Promise<YoungPersonRecord[] | null> {
  const held = liveMatching()?.youngPeople;
  if (!held?.ready || !isConnectedToFerretDb() || filter.archivedAt !== null) return null;
  try {
    await held.catchUpWithOperatorTools();
  } catch {
    return null; // the held copy may be behind: the database answers
  }
  if (!held.ready) return null;
  const records: YoungPersonRecord[] = [];
  for (const entry of held.entries.values()) if (matchesScope(entry.record, filter)) records.push(entry.record);
  return records;
}

/** The database's order for `sort({ lastName: 1, firstName: 1, _id: 1 })`: names by their UTF-8 bytes, then the id. */
export function byNameThenId(a: YoungPersonRecord, b: YoungPersonRecord): number {
  return compareAsStored(a.lastName, b.lastName) || compareAsStored(a.firstName, b.firstName) || compareAsStored(String(a._id), String(b._id));
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** UTF-16 order equals UTF-8 byte order except around characters beyond the Basic Multilingual Plane. */
function compareAsStored(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
