import type { Readable } from 'node:stream';
import mongoose, { type Model } from 'mongoose';
import { z } from 'zod';
import { OrganisationModel } from '../employers/organisations.model.js';
import { londonDateOf } from '../lib/dates.js';
import { forbidden, notFound, unprocessable } from '../lib/errors.js';
import { objectId, type RequestContext } from '../lib/http/api.js';
import { EDITABLE_STATUSES, effectiveStatus } from '../opportunities/opportunities.lifecycle.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import { closingDateLeadProblems, offerProblems } from '../opportunities/opportunities.rules.js';
import { shapeOf } from '../opportunities/opportunities.service.js';
import { defaultAreasFor } from '../opportunities/covenant-areas.js';
import { createOpportunityBody } from '../opportunities/opportunities.schemas.js';
import { toStoredRequirement } from '../qualifications/held-qualifications.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { writeRows } from './bulk-upsert.js';
import { readCsvInBatches, type ColumnSet, type CsvRow } from './csv-reader.js';
import { columnErrors, csvBoolean, csvChoice, csvDate, csvNumber, csvText } from './csv-values.js';
import { ImportTally, SeenInFile, importQuery, type ColumnError, type ImportReport } from './import-report.js';
import { ReferenceLookups } from './reference-lookups.js';
import { changesNothing } from './unchanged.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

export const opportunityImportQuery = importQuery.extend({
  organisationId: objectId.optional().describe("The covenant partner whose list this is; leave out for the council's own offers"),
  publish: z.enum(['true', 'false']).default('false').describe('true: new offers open at once (council staff approve by importing); false: they start as drafts'),
});

/**
 * "Maths:2;English:2:4;Art:3::desirable" is Maths at level 2, English at level 2 grade 4 (both essential),
 * and Art at level 3, desirable. Importance is optional (essential), so older lists keep working.
 */
function csvQualifications(value: string): unknown {
  if (value === '') return [];
  return value.split(';').map((part) => {
    const [subject = '', level = '', grade, importance] = part.split(':').map((piece) => piece.trim());
    return { subject, level: Number.isFinite(Number(level)) && level !== '' ? Number(level) : level, ...(grade ? { grade } : {}), ...(importance ? { importance } : {}) };
  });
}

/** "a; b" is a list; blank is none. */
const csvList = (value: string) => (value.trim() === '' ? [] : value.split(';').map((item) => item.trim()));

const pence = (value: string) => {
  const pounds = csvNumber(value);
  return typeof pounds === 'number' ? Math.round(pounds * 100) : pounds;
};

const COLUMNS = {
  source_reference: { field: 'sourceReference', read: csvText },
  kind: { field: 'kind', read: csvChoice },
  title: { field: 'title', read: csvText },
  closing_date: { field: 'closingDate', read: csvDate },
  places: { field: 'places', read: csvNumber },
  district_code: { field: 'districtId', read: csvText },
  provider_name: { field: 'providerName', read: csvText },
  description: { field: 'description', read: (value: string) => value },
  what_you_will_do: { field: 'whatYouWillDo', read: csvText },
  skills: { field: 'skills', read: csvList },
  areas: { field: 'areas', read: (value: string) => (value.trim() === '' ? undefined : csvList(value)) },
  national: { field: 'national', read: csvBoolean },
  sector: { field: 'sector', read: (value: string) => csvChoice(value) ?? null },
  level: { field: 'level', read: csvNumber },
  remote: { field: 'remote', read: csvBoolean },
  location_description: { field: 'locationDescription', read: csvText },
  start_date: { field: 'startDate', read: csvDate },
  wage_type: { field: 'wageType', read: (value: string) => csvChoice(value) ?? null },
  weekly_hours: { field: 'weeklyHours', read: csvNumber },
  yearly_wage_pounds: { field: 'yearlyWagePence', read: pence },
  duration_months: { field: 'durationMonths', read: csvNumber },
  min_age_at_start: { field: 'minAgeAtStart', read: csvNumber },
  max_age_at_start: { field: 'maxAgeAtStart', read: csvNumber },
  eligible_care_status: { field: 'eligibleCareStatus', read: csvChoice },
  sharing_needed: { field: 'sharingNeeded', read: csvChoice },
  benefit_type: { field: 'benefitType', read: csvText },
  required_qualifications: { field: 'requiredQualifications', read: csvQualifications },
} as const;
type Column = keyof typeof COLUMNS;
const NOT_NULLABLE: readonly string[] = ['sourceReference', 'title', 'places', 'providerName'];

/** Written by GET /exports/opportunities.csv and ignored here, so an exported list can be edited and re-imported. */
const EXPORT_ONLY_COLUMNS = ['id', 'organisation_id', 'status', 'places_filled'];

export const OPPORTUNITY_COLUMNS: ColumnSet = {
  required: ['source_reference', 'kind', 'title', 'closing_date', 'places', 'district_code'],
  optional: [...(Object.keys(COLUMNS) as Column[]).filter((column) => !['source_reference', 'kind', 'title', 'closing_date', 'places', 'district_code'].includes(column)), ...EXPORT_ONLY_COLUMNS],
};

// The opportunities capability's own field rules; the source reference is the import's addition.
const importedFields = createOpportunityBody.omit({ publish: true, organisationId: true, districtId: true }).extend({ sourceReference: z.string().trim().min(1).max(100) });
const columnOf = (field: string) => (Object.keys(COLUMNS) as Column[]).find((column) => COLUMNS[column].field === field) ?? field;

interface PreparedRow {
  line: number;
  sourceId: string;
  set: Record<string, unknown>;
}

async function organisationFor(organisationId: string | null, publish: boolean): Promise<{ id: mongoose.Types.ObjectId | null; name: string | null }> {
  if (!organisationId) return { id: null, name: null };
  const organisation = await OrganisationModel.findById(organisationId).lean();
  if (!organisation) throw notFound('Organisation');
  if (organisation.status === 'suspended') throw unprocessable('The organisation is suspended: its offers cannot be imported.');
  if (publish && organisation.status !== 'approved') throw unprocessable('The organisation is not approved, so its offers cannot go live: import without publish, or approve the organisation first.');
  return { id: organisation._id, name: organisation.name };
}

/**
 * Imports offers from a CSV list, upserting by source_reference within the organisation (or the council), so
 * next month's list updates the same offers. Closed, filled and withdrawn offers are history: rows for them
 * are refused. New offers start as drafts unless `publish`; a re-import never changes an offer's status.
 */
export async function importOpportunities(context: Context, csv: Readable, options: { dryRun: boolean; organisationId: string | null; publish?: boolean; closingDateMinLeadDays: number; stopSignal?: AbortSignal }): Promise<ImportReport> {
  if (!COUNCIL_STAFF.includes(context.actor.role)) throw forbidden();
  const publish = options.publish ?? false;
  const organisation = await organisationFor(options.organisationId, publish);
  const today = londonDateOf(context.now);
  const tally = new ImportTally(options.dryRun);
  const seen = new SeenInFile();
  const lookups = new ReferenceLookups();

  const prepareRow = (row: CsvRow): PreparedRow | ColumnError[] => {
    const candidate: Record<string, unknown> = {};
    for (const column of Object.keys(COLUMNS) as Column[]) {
      if (!row.columns.has(column) || column === 'district_code') continue;
      const value = COLUMNS[column].read(row.values[column] ?? '');
      // Blank leaves a required field missing (so the schema says so) and clears an optional one.
      if (value === undefined || (value === null && NOT_NULLABLE.includes(COLUMNS[column].field))) continue;
      candidate[COLUMNS[column].field] = value;
    }
    const errors: ColumnError[] = [];
    const parsed = importedFields.safeParse(candidate);
    if (!parsed.success) errors.push(...columnErrors(parsed.error, columnOf));
    const districtCode = row.values.district_code ?? '';
    const districtId = districtCode ? lookups.districtId(districtCode) : null;
    if (districtCode && !districtId) errors.push({ column: 'district_code', message: 'is not a known district code' });
    if (!parsed.success || errors.length) return errors;
    const { sourceReference, requiredQualifications, ...fields } = parsed.data;
    const providerName = fields.providerName ?? organisation.name;
    if (!providerName) return [{ column: 'provider_name', message: "is required for the council's own offers" }];
    // The same rules as the API's (shapeOf), and a published import is a submission: the closing date's lead too.
    const problems = offerProblems(shapeOf({ ...fields, organisationId: organisation.id ? String(organisation.id) : null, placesFilled: 0, districtId }), today, true);
    if (publish) problems.push(...closingDateLeadProblems(fields.closingDate, today, options.closingDateMinLeadDays));
    // The organisation comes from the query, so a ring-fenced row in a partner's list is the row's kind at fault.
    if (problems.length) return problems.map((problem) => ({ column: problem.path === 'organisationId' ? 'kind' : columnOf(problem.path), message: problem.message }));
    const set: Record<string, unknown> = { ...fields, areas: fields.areas ?? defaultAreasFor(fields.kind), providerName, districtId, ringFenced: fields.kind === 'ring_fenced_apprenticeship' };
    if (requiredQualifications) set.requiredQualifications = requiredQualifications.map(toStoredRequirement);
    return { line: row.line, sourceId: sourceReference, set };
  };

  const processBatch = async (rows: CsvRow[]) => {
    tally.read(rows.length);
    await lookups.load([], rows.map((row) => row.values.district_code ?? ''));
    const prepared: PreparedRow[] = [];
    for (const row of rows) {
      const sourceId = row.values.source_reference || null;
      const firstLine = sourceId ? seen.check(sourceId, row.line) : undefined;
      if (firstLine !== undefined) {
        tally.reject(row.line, sourceId, [{ column: 'source_reference', message: `is a duplicate within the file (first on line ${firstLine})` }]);
        continue;
      }
      const outcome = prepareRow(row);
      if (Array.isArray(outcome)) tally.reject(row.line, sourceId, outcome);
      else prepared.push(outcome);
    }
    // Whole records: a row that would change nothing is not written (see unchanged.ts).
    const existing = await OpportunityModel.find({ organisationId: organisation.id, sourceReference: { $in: prepared.map((row) => row.sourceId) } }).lean();
    const existingByReference = new Map(existing.map((offer) => [offer.sourceReference ?? '', offer]));
    const writable = prepared.filter((row) => {
      const offer = existingByReference.get(row.sourceId);
      const status = offer ? effectiveStatus(offer, today) : null;
      const refusal =
        offer && status && !EDITABLE_STATUSES.includes(status) ? `is an offer that is ${status} and can no longer be changed`
        : offer && offer.placesFilled > Number(row.set.places) ? `has ${offer.placesFilled} places already filled, more than the ${String(row.set.places)} in the file`
        : null;
      if (refusal) tally.reject(row.line, row.sourceId, [{ column: 'source_reference', message: refusal }]);
      const unchanged = !refusal && offer !== undefined && changesNothing(offer as unknown as Record<string, unknown>, row.set);
      if (unchanged) tally.unchanged(1);
      if (unchanged && !options.dryRun) tally.applied([row.line]);
      return !refusal && !unchanged;
    });
    if (options.dryRun) {
      const updates = writable.filter((row) => existingByReference.has(row.sourceId)).length;
      tally.updated(updates);
      tally.created(writable.length - updates);
      return;
    }
    const onInsert = { status: publish ? 'open' : 'draft', statusChangedAt: context.now, createdByUserId: context.actor.userId, ...(publish ? { approvedAt: context.now, approvedByUserId: context.actor.userId } : {}) };
    const results = await writeRows(
      OpportunityModel as unknown as Model<Record<string, unknown>>,
      writable.map((row) => {
        const filter = { organisationId: organisation.id, sourceReference: row.sourceId };
        return existingByReference.has(row.sourceId) ? { filter, set: row.set } : { insert: { ...filter, ...row.set, ...onInsert } };
      }),
      context.now,
    );
    results.forEach((result, index) => {
      if ('created' in result) tally.created(1);
      else if ('updated' in result) tally.updated(1);
      else tally.reject(writable[index]!.line, writable[index]!.sourceId, [{ column: 'source_reference', message: 'could not be saved; try the row again' }]);
    });
    tally.applied(writable.filter((_, index) => !('failed' in results[index]!)).map((row) => row.line));
  };

  const outcome = await readCsvInBatches(csv, OPPORTUNITY_COLUMNS, 500, processBatch, ({ line, message }) => {
    tally.read(1);
    tally.reject(line, null, [{ column: '(row)', message }]);
  }, options.stopSignal);
  return tally.finish(outcome);
}
