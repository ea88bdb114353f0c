import type { Request } from 'express';
import { AppError } from '../lib/errors.js';
import type { Api } from '../lib/http/api.js';
import { shutdownSignalOf } from '../lib/http/shutdown-signal.js';
import { registerExportRoutes } from '../exports/exports.routes.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { importQuery, importReport } from './import-report.js';
import { importOpportunities, OPPORTUNITY_COLUMNS, opportunityImportQuery } from './opportunities.import.js';
import { importYoungPeople, YOUNG_PEOPLE_COLUMNS } from './young-people.import.js';

const CSV_TYPES = ['text/csv', 'application/csv'];

/** The body is read as a stream straight from the request: never buffered whole, whatever its size. */
function csvBody(req: Request): Request {
  if (!req.is(CSV_TYPES)) throw new AppError(415, 'unsupported_media_type', 'Send the file as text/csv.');
  return req;
}

/** A shutdown past its grace period stops an import between batches; the report then lists the lines applied. */
const stopOn = (req: Request) => {
  const stopSignal = shutdownSignalOf(req);
  return stopSignal ? { stopSignal } : {};
};

const describeColumns = (columns: { required: readonly string[]; optional: readonly string[] }) =>
  `A CSV file with a header row. Required columns: ${columns.required.join(', ')}. Optional: ${columns.optional.join(', ')}. Dates as YYYY-MM-DD or DD/MM/YYYY.`;

export function registerImportRoutes(api: Api): void {
  api.post(
    '/imports/young-people',
    {
      summary: "Import or update young people from a case-management export (SSDA903 codes), upserting by the source system's child id",
      tag: 'Imports',
      access: COUNCIL_STAFF,
      query: importQuery,
      consumes: { mediaType: 'text/csv', description: describeColumns(YOUNG_PEOPLE_COLUMNS) },
      response: importReport,
    },
    async ({ query }, context, { req }) => importYoungPeople(context, csvBody(req), { dryRun: query.dryRun === 'true', via: 'POST /imports/young-people', ...stopOn(req) }),
  );
  api.post(
    '/imports/opportunities',
    {
      summary: "Import or update opportunities (the council's ring-fenced apprenticeships, or a covenant partner's list), upserting by source_reference",
      tag: 'Imports',
      access: COUNCIL_STAFF,
      query: opportunityImportQuery,
      consumes: { mediaType: 'text/csv', description: describeColumns(OPPORTUNITY_COLUMNS) },
      response: importReport,
    },
    async ({ query }, context, { req }) => importOpportunities(context, csvBody(req), { dryRun: query.dryRun === 'true', organisationId: query.organisationId ?? null, publish: query.publish === 'true', closingDateMinLeadDays: context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS, ...stopOn(req) }),
  );
  registerExportRoutes(api);
}
