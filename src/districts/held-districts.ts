/**
 * Every district, held in memory on FerretDB. Districts are few (hundreds) and change rarely, but pages
 * people wait on read all of them (the caseload's flags, the early-application lists), and FerretDB v1
 * decodes every record for such a read (300 districts: about 150 ms on SQLite, twice per caseload page).
 * The copy is dropped by this process's own writes (announced by the schema) and by an operator tool's
 * stamped write; on FerretDB this process is the only instance. On MongoDB the database answers.
 */
import mongoose from 'mongoose';
import { onCollectionChanged } from '../lib/collection-changes.js';
import { isConnectedToFerretDb } from '../lib/database.js';
import { lastStampedWrite } from '../lib/write-stamps.js';
import { DistrictModel, type DistrictRecord } from './districts.model.js';

let held: Promise<DistrictRecord[]> | null = null;
/** The database the copy came from (tests connect to a new one per file) and the latest tool stamp applied. */
let heldFrom: string | undefined;
let stampSeen = 0;
onCollectionChanged('districts', () => void (held = null));

/** All districts (a new array each time; the records are shared: do not change them). */
export async function allDistricts(): Promise<DistrictRecord[]> {
  if (!isConnectedToFerretDb()) return DistrictModel.find().lean<DistrictRecord[]>();
  const database = mongoose.connection.db?.databaseName;
  if (database !== heldFrom) [held, heldFrom, stampSeen] = [null, database, 0];
  const stamped = (await lastStampedWrite('districts'))?.getTime() ?? 0;
  if (stamped > stampSeen) [held, stampSeen] = [null, stamped];
  const reading = (held ??= DistrictModel.find().lean<DistrictRecord[]>().exec());
  try {
    return [...(await reading)];
  } catch (error) {
    if (held === reading) held = null; // a failed read is not kept
    throw error;
  }
}
