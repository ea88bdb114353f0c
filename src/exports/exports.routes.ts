import { z } from 'zod';
import { idParams, objectId, type Api } from '../lib/http/api.js';
import { OPPORTUNITY_STATUSES } from '../opportunities/opportunities.model.js';
import { CASEWORKERS, COUNCIL_STAFF } from '../users/roles.js';
import { exportAuditTrail } from './audit-export.js';
import { exportCaseload } from './caseload-export.js';
import { exportOpportunities } from './opportunities-export.js';

const csv = z.string().describe('CSV with a header row');

/** CSV downloads. Registered from the imports' routes: the same column sets go out as come in. */
export function registerExportRoutes(api: Api): void {
  api.get(
    '/exports/opportunities.csv',
    { summary: 'Offers as CSV (the import columns first, so the council can edit and re-import its own list)', tag: 'Exports', access: COUNCIL_STAFF, query: z.strictObject({ status: z.enum(OPPORTUNITY_STATUSES).optional() }), response: csv, produces: 'text/csv' },
    async ({ query }, context, { res }) => exportOpportunities(context, query.status, res),
  );
  api.get(
    '/exports/caseload.csv',
    { summary: "A caseload as CSV in the young-people import's columns (PA: own; manager: a PA in their team, or the team); audited", tag: 'Exports', access: CASEWORKERS, query: z.strictObject({ personalAdviserId: objectId.optional() }), response: csv, produces: 'text/csv' },
    async ({ query }, context, { res }) => exportCaseload(context, query.personalAdviserId, res),
  );
  api.get(
    '/young-people/:id/audit.csv',
    { summary: "Who read or changed this young person's record, as CSV for a subject access request (audited)", tag: 'Audit', access: COUNCIL_STAFF, params: idParams, response: csv, produces: 'text/csv' },
    async ({ params }, context, { res }) => exportAuditTrail(context, params.id, res),
  );
}
