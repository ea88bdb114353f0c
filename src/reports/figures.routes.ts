import { z } from 'zod';
import { AppError } from '../lib/errors.js';
import { objectId, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { FIGURE_TABLES } from './board-report.js';
import { listCouncilTargets, setCouncilTarget } from './council-targets.js';
import { boardReport, figuresFor } from './figures.service.js';

/** The figures' query, shared by the API and the pages: London days, both ends included. */
export const figuresQuery = z.strictObject({
  from: localDate.optional().describe('First London day of the period (default: 1 April of the current council year)'),
  to: localDate.optional().describe('Last London day of the period, included (default: today)'),
  districtId: objectId.optional().describe("Only young people whose home district this is (and offers there or national)"),
  team: z.string().min(1).max(80).optional().describe("Admins: one team's figures; managers always see their own team"),
});

const cell = z.union([z.number(), z.string(), z.null()]).describe('A number, text, null (not recorded or not applicable), "fewer than 5" (a count under 5, or built on one) or "hidden" (5 or more, hidden so that a smaller count cannot be worked out)');
export const publishedTable = z.object({
  id: z.string(),
  area: z.string(),
  title: z.string(),
  definition: z.string(),
  notes: z.array(z.string()),
  columns: z.array(z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'people', 'count', 'percent', 'days', 'pounds']) })),
  rows: z.array(z.object({ key: z.string(), total: z.boolean(), values: z.record(z.string(), cell), display: z.record(z.string(), z.string()), suppressed: z.array(z.string()) })),
});
const scopeView = { from: localDate, to: localDate, team: z.string().nullable(), districtId: z.string().nullable() };
/** A council year's target, shared by the API and the admins' targets page. */
export const councilTargetParams = z.strictObject({ councilYear: z.coerce.number().int().min(2000).max(2100) });
export const councilTargetBody = z.strictObject({ ringFencedApprenticeshipPlaces: z.number().int().min(0).max(10_000) });
const councilTarget = z.object({ councilYear: z.number().int(), ringFencedApprenticeshipPlaces: z.number().int(), updatedAt: z.string() });

export function registerFigureRoutes(api: Api): void {
  api.get(
    '/reports/board',
    { summary: "The Corporate Parenting Board's figures for a period: every table, each with its definition, counts of young people under 5 suppressed (managers: their team)", tag: 'Reports', access: COUNCIL_STAFF, query: figuresQuery, response: z.object({ ...scopeView, tables: z.array(publishedTable) }) },
    async ({ query }, { actor, now }) => {
      const { scope, tables } = await boardReport(actor, now, query);
      return { ...scope.period, team: scope.team, districtId: scope.districtId, tables };
    },
  );
  for (const table of FIGURE_TABLES) {
    api.get(
      `/reports/${table}`,
      { summary: `One table of the board figures (${table.replaceAll('-', ' ')}), with its definition; small numbers suppressed`, tag: 'Reports', access: COUNCIL_STAFF, query: figuresQuery, response: z.object({ ...scopeView, table: publishedTable }) },
      async ({ query }, { actor, now }) => {
        const { scope, table: published } = await figuresFor(actor, now, query, table);
        return { ...scope.period, team: scope.team, districtId: scope.districtId, table: published };
      },
    );
  }
  // The summary issues 3-7 asked for, replaced by the board's figures (its small counts were not suppressed, and
  // it was a third copy of the same figures): said plainly to a client that still asks for it, not a bare 404.
  api.get('/reports/summary', { summary: 'Gone: replaced by /reports/board (the same figures, small numbers suppressed)', tag: 'Reports', access: COUNCIL_STAFF }, async () => {
    throw new AppError(410, 'gone', 'The summary was replaced by GET /api/reports/board and GET /api/reports/<table>: the same figures, each with its definition, counts under 5 suppressed.');
  });
  api.get('/council-targets', { summary: "Each council year's targets (ring-fenced apprenticeship places)", tag: 'Reports', access: COUNCIL_STAFF, response: z.array(councilTarget) }, async () => listCouncilTargets());
  api.put(
    '/council-targets/:councilYear',
    {
      summary: 'Sets a council year\'s target of ring-fenced apprenticeship places (the year April to March, named by the year it starts in)',
      tag: 'Reports',
      access: ['admin'],
      params: councilTargetParams,
      body: councilTargetBody,
      response: councilTarget,
    },
    async ({ params, body }, context) => setCouncilTarget(context, params.councilYear, body.ringFencedApprenticeshipPlaces),
  );
}
