import type { Readable } from 'node:stream';
import type { Model } from 'mongoose';
import { recordAudit } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { forbidden } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { assignCaseload, type CaseloadOwner } from '../young-people/caseload-ownership.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { impossibleYoungPersonData } from '../young-people/young-people.rules.js';
import { createYoungPersonBody } from '../young-people/young-people.schemas.js';
import { writeRows } from './bulk-upsert.js';
import { readCsvInBatches, type ColumnSet, type CsvRow } from './csv-reader.js';
import { columnErrors, csvBoolean, csvChoice, csvCode, csvDate, csvText } from './csv-values.js';
import { ImportTally, SeenInFile, type ColumnError, type ImportReport } from './import-report.js';
import { ReferenceLookups } from './reference-lookups.js';
import { changesNothing } from './unchanged.js';
import { DUPLICATE_KEY_ERROR } from '../lib/errors.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/**
 * The documented column set, in the words of the council's case-management export and SSDA903's codes.
 * Every required column must be in the header; the values of the last four may be blank (not recorded).
 */
const COLUMNS = {
  source_child_id: { field: 'sourceSystemId', read: csvText },
  first_name: { field: 'firstName', read: csvText },
  last_name: { field: 'lastName', read: csvText },
  date_of_birth: { field: 'dateOfBirth', read: csvDate },
  legal_category: { field: 'legalCategory', read: csvChoice },
  care_status: { field: 'careStatus', read: csvChoice },
  activity_code: { field: 'activityCode', read: csvCode },
  accommodation_code: { field: 'accommodationCode', read: csvCode },
  pa_email: { field: 'personalAdviserId', read: csvText },
  district_code: { field: 'homeDistrictId', read: csvText },
  pathway_plan_review_date: { field: 'pathwayPlanReviewDate', read: csvDate },
  last_contact_date: { field: 'lastContactDate', read: csvDate },
  preferred_name: { field: 'preferredName', read: csvText },
  email: { field: 'email', read: csvText },
  phone: { field: 'phone', read: csvText },
  in_custody: { field: 'inCustody', read: csvBoolean },
  expected_release_date: { field: 'expectedReleaseDate', read: csvDate },
} as const;
type Column = keyof typeof COLUMNS;

export const YOUNG_PEOPLE_COLUMNS: ColumnSet = {
  required: ['source_child_id', 'first_name', 'last_name', 'date_of_birth', 'legal_category', 'care_status', 'activity_code', 'accommodation_code', 'pa_email', 'district_code', 'pathway_plan_review_date', 'last_contact_date'],
  optional: ['preferred_name', 'email', 'phone', 'in_custody', 'expected_release_date'],
};
const VALUE_REQUIRED: readonly Column[] = ['source_child_id', 'first_name', 'last_name', 'date_of_birth', 'legal_category', 'care_status', 'pa_email', 'district_code'];

// The API's own field rules, so an imported record obeys exactly what POST /young-people would accept.
const importedFields = createYoungPersonBody
  .pick({ sourceSystemId: true, firstName: true, lastName: true, dateOfBirth: true, legalCategory: true, careStatus: true, activityCode: true, accommodationCode: true, pathwayPlanReviewDate: true, lastContactDate: true, preferredName: true, email: true, phone: true, inCustody: true, expectedReleaseDate: true })
  .required({ sourceSystemId: true });

const columnOf = (field: string) => (Object.keys(COLUMNS) as Column[]).find((column) => COLUMNS[column].field === field) ?? field;

export const BATCH_SIZE = 500;

interface PreparedRow {
  line: number;
  sourceId: string;
  set: Record<string, unknown>;
}

/** Checks one row with the API's rules; returns what to write or the row's errors by column. */
function prepareRow(row: CsvRow, lookups: ReferenceLookups, context: Context): PreparedRow | ColumnError[] {
  const errors: ColumnError[] = VALUE_REQUIRED.filter((column) => row.values[column] === '').map((column) => ({ column, message: 'is required' }));
  if (errors.length) return errors;
  const candidate: Record<string, unknown> = {};
  for (const column of Object.keys(COLUMNS) as Column[]) {
    if (!row.columns.has(column) || column === 'pa_email' || column === 'district_code') continue;
    const value = COLUMNS[column].read(row.values[column] ?? '');
    if (value !== undefined) candidate[COLUMNS[column].field] = value;
  }
  const parsed = importedFields.safeParse(candidate);
  if (!parsed.success) errors.push(...columnErrors(parsed.error, columnOf));
  const adviser = lookups.adviser(row.values.pa_email ?? '');
  if (!adviser) errors.push({ column: 'pa_email', message: 'is not the email of an active personal adviser' });
  else if (context.actor.role === 'manager' && adviser.team !== context.actor.team) errors.push({ column: 'pa_email', message: 'is a personal adviser in another team: a manager imports to their own team' });
  const homeDistrictId = lookups.districtId(row.values.district_code ?? '');
  if (!homeDistrictId) errors.push({ column: 'district_code', message: 'is not a known district code' });
  if (!parsed.success || !adviser || !homeDistrictId || errors.length) return errors;
  const data = parsed.data;
  const impossible = impossibleYoungPersonData(
    { dateOfBirth: data.dateOfBirth, inCustody: data.inCustody ?? false, expectedReleaseDate: data.expectedReleaseDate ?? null, lastContactDate: data.lastContactDate ?? null },
    londonDateOf(context.now),
  );
  if (impossible.length) return impossible.map((error) => ({ column: columnOf(error.path), message: error.message }));
  const { sourceSystemId, ...fields } = data;
  return { line: row.line, sourceId: sourceSystemId, set: { ...fields, personalAdviserId: adviser.id, team: adviser.team, homeDistrictId } };
}

/** What an import sets on a record, read back to tell unchanged rows from changed ones. */
const IMPORTED_FIELDS = [...Object.values(COLUMNS).map((column) => column.field), 'team'];

interface KnownRecord {
  id: string;
  team: string;
  personalAdviserId: string;
  /** The stored values of the fields an import sets. */
  stored: Record<string, unknown>;
}

/**
 * Every record's source id and imported fields, read in one pass per import: a few hundred bytes per young
 * person (a council has hundreds, a large one thousands). On FerretDB v1 any query scans the collection
 * whatever its filter (a read of 500 ids by `$in` costs as much as reading all 5,000), so one pass replaces
 * a lookup per batch. A record created by someone else after this is caught by the unique index on insert.
 */
async function knownSourceIds(): Promise<Map<string, KnownRecord>> {
  const known = new Map<string, KnownRecord>();
  const projection = Object.fromEntries(['sourceSystemId', ...IMPORTED_FIELDS].map((field) => [field, 1]));
  for await (const record of YoungPersonModel.find({}, projection).lean<{ _id: unknown; sourceSystemId: string; team: string; personalAdviserId: unknown }>().cursor({ batchSize: 2000 })) {
    known.set(record.sourceSystemId, { id: String(record._id), team: record.team, personalAdviserId: String(record.personalAdviserId), stored: record as unknown as Record<string, unknown> });
  }
  return known;
}

/**
 * Takes out of `writable` (in place, so the write below stays as it is) the rows of known records that would
 * change nothing, compared with the stored values read at the start; returns their lines.
 */
function removeUnchanged(writable: PreparedRow[], existingBySourceId: Map<string, KnownRecord>): number[] {
  const unchangedLines: number[] = [];
  for (let index = writable.length - 1; index >= 0; index -= 1) {
    const row = writable[index]!;
    const record = existingBySourceId.get(row.sourceId);
    if (record && changesNothing(record.stored, row.set)) {
      unchangedLines.push(row.line);
      writable.splice(index, 1);
    }
  }
  return unchangedLines;
}

/**
 * Imports young people from a case-management CSV export, upserting by the source system's child id so a
 * re-import updates rather than duplicates. The young person's own choices (interests, consent to share)
 * are never in the file and never overwritten. A dry run checks and counts, and writes nothing.
 */
export async function importYoungPeople(context: Context, csv: Readable, options: { dryRun: boolean; via: string; stopSignal?: AbortSignal }): Promise<ImportReport> {
  const { actor } = context;
  if (actor.role !== 'admin' && !(actor.role === 'manager' && actor.team)) throw forbidden('Only an admin, or a manager with a team, may import young people.');
  const tally = new ImportTally(options.dryRun);
  const seen = new SeenInFile();
  const lookups = new ReferenceLookups();
  // A manager's upsert only ever matches their team's records; another team's child is refused, not moved.
  const scope = actor.role === 'manager' ? { team: actor.team } : {};

  const existingBySourceId = await knownSourceIds();

  const processBatch = async (rows: CsvRow[]) => {
    tally.read(rows.length);
    await lookups.load(rows.map((row) => row.values.pa_email ?? ''), rows.map((row) => row.values.district_code ?? ''));
    const prepared: PreparedRow[] = [];
    for (const row of rows) {
      const sourceId = row.values.source_child_id || null;
      const firstLine = sourceId ? seen.check(sourceId, row.line) : undefined;
      if (firstLine !== undefined) {
        tally.reject(row.line, sourceId, [{ column: 'source_child_id', message: `is a duplicate within the file (first on line ${firstLine})` }]);
        continue;
      }
      const outcome = prepareRow(row, lookups, context);
      if (Array.isArray(outcome)) tally.reject(row.line, sourceId, outcome);
      else prepared.push(outcome);
    }
    const writable = prepared.filter((row) => {
      const record = existingBySourceId.get(row.sourceId);
      if (record && actor.role === 'manager' && record.team !== actor.team) {
        tally.reject(row.line, row.sourceId, [{ column: 'source_child_id', message: "belongs to a record on another team's caseload" }]);
        return false;
      }
      return true;
    });
    const unchangedLines = removeUnchanged(writable, existingBySourceId);
    tally.unchanged(unchangedLines.length);
    if (!options.dryRun) tally.applied(unchangedLines);
    if (options.dryRun) {
      const updates = writable.filter((row) => existingBySourceId.has(row.sourceId)).length;
      tally.updated(updates);
      tally.created(writable.length - updates);
      return;
    }
    // A changed pa_email is a reallocation: the row's write leaves ownership alone and assignCaseload moves it after.
    const ownerChanges = new Map<number, CaseloadOwner>();
    const results = await writeRows(
      YoungPersonModel as unknown as Model<Record<string, unknown>>,
      writable.map((row, index) => {
        const existing = existingBySourceId.get(row.sourceId);
        if (!existing) return { insert: { sourceSystemId: row.sourceId, ...row.set } };
        const { personalAdviserId, team, ...set } = row.set as Record<string, unknown> & CaseloadOwner;
        if (existing.personalAdviserId !== personalAdviserId || existing.team !== team) ownerChanges.set(index, { personalAdviserId, team });
        return { filter: { _id: existing.id, sourceSystemId: row.sourceId, ...scope }, set };
      }),
      context.now,
    );
    const createdIds: string[] = [];
    const updatedIds: string[] = [];
    results.forEach((result, index) => {
      const row = writable[index]!;
      if ('created' in result) createdIds.push(result.created);
      else if ('updated' in result) updatedIds.push(String(existingBySourceId.get(row.sourceId)!.id));
      else tally.reject(row.line, row.sourceId, [{ column: 'source_child_id', message: result.failed === DUPLICATE_KEY_ERROR ? 'was created or moved by someone else while importing; import the row again' : 'could not be saved; import the row again' }]);
    });
    // One call per new owner, not per row: each call is a handful of writes whatever the number of records.
    const movedTo = new Map<string, { owner: CaseloadOwner; ids: string[] }>();
    for (const [index, owner] of ownerChanges) {
      if (!('updated' in results[index]!)) continue;
      const key = `${owner.personalAdviserId}|${owner.team}`;
      const group = movedTo.get(key) ?? movedTo.set(key, { owner, ids: [] }).get(key)!;
      group.ids.push(existingBySourceId.get(writable[index]!.sourceId)!.id);
    }
    for (const { owner, ids } of movedTo.values()) await assignCaseload(context, ids, owner, options.via);
    tally.applied(writable.filter((_, index) => !('failed' in results[index]!)).map((row) => row.line));
    tally.created(createdIds.length);
    tally.updated(updatedIds.length);
    const fields = Object.keys(COLUMNS).filter((column) => rows[0]?.columns.has(column)).map((column) => COLUMNS[column as Column].field);
    if (createdIds.length) await recordAudit(context, { action: 'create', resource: 'young_person', youngPersonIds: createdIds, fields, via: options.via });
    if (updatedIds.length) await recordAudit(context, { action: 'update', resource: 'young_person', youngPersonIds: updatedIds, fields, via: options.via });
  };

  const outcome = await readCsvInBatches(csv, YOUNG_PEOPLE_COLUMNS, BATCH_SIZE, processBatch, ({ line, message }) => {
    tally.read(1);
    tally.reject(line, null, [{ column: '(row)', message }]);
  }, options.stopSignal);
  return tally.finish(outcome);
}
