import { AppError } from '../../lib/errors.js';
import { dateFromParts, dateParts } from '../../lib/pages/date-input.js';
import type { FieldError, PageContext, Pages } from '../../lib/pages/pages.js';
import { sendCsv } from '../../exports/csv-output.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { FIGURE_TABLES } from '../board-report.js';
import { boardReport, figureFilters, figuresFor, type FiguresQuery, type FiguresScope } from '../figures.service.js';
import { figuresQuery } from '../figures.routes.js';
import { dateInWords } from '../figures-period.js';
import { SUPPRESSION_NOTE } from '../suppression.js';
import { areasOf, csvRowsOf } from './figures-view.js';

const PERIOD_WORDS = { from: 'the start of the period', to: 'the end of the period' } as const;

/**
 * The period and filters from the page's GET form (day/month/year inputs) or from a link (from=YYYY-MM-DD):
 * dates are not personal data, so they may sit in the URL. Validated with the API's schema.
 */
function readQuery(context: PageContext): { query: FiguresQuery; errors: FieldError[] } {
  const raw = context.req.query as Record<string, string | undefined>;
  const errors: FieldError[] = [];
  const candidate: Record<string, string> = {};
  for (const name of ['from', 'to'] as const) {
    const fromParts = dateFromParts(raw as Record<string, string>, name);
    if (fromParts === 'invalid') errors.push({ field: `${name}-day`, message: `Enter a real date for ${PERIOD_WORDS[name]}, for example 1 4 2026` });
    else if (fromParts !== 'empty') candidate[name] = fromParts;
    else if (raw[name]) candidate[name] = String(raw[name]);
  }
  if (raw.districtId) candidate.districtId = String(raw.districtId);
  // A manager's own team is theirs anyway; another is refused by the service, and the page says so.
  if (raw.team) candidate.team = String(raw.team);
  const parsed = figuresQuery.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (field === 'districtId') errors.push({ field, message: 'Choose a home district from the list' });
      else errors.push({ field: field === 'from' || field === 'to' ? `${field}-day` : field, message: `Check ${field}: ${issue.message}` });
    }
    return { query: {}, errors };
  }
  return { query: errors.length ? {} : parsed.data, errors };
}

/** What the service refused in the query, as form errors, and the query without it. */
function withoutRefused(error: unknown, query: FiguresQuery, actor: PageContext['actor']): { errors: FieldError[]; query: FiguresQuery } | null {
  if (!(error instanceof AppError)) return null;
  if (error.status === 403 && query.team) return { errors: [{ field: 'team', message: `You can see the figures of your own team only, so these are team ${actor.team}'s` }], query: { ...query, team: undefined } };
  if (error.status !== 400) return null;
  const problems = (error.details as { errors?: { path: string; message: string }[] })?.errors ?? [];
  const errors = problems.map((problem) =>
    problem.path === 'team' ? { field: 'team', message: 'Choose a team from the list' } : problem.path === 'districtId' ? { field: 'districtId', message: 'Choose a home district from the list' } : { field: `${problem.path}-day`, message: `Check the period: ${problem.message}` },
  );
  const paths = new Set(problems.map((problem) => problem.path));
  const rest = paths.has('from') || paths.has('to') ? { team: query.team, districtId: query.districtId } : query;
  return { errors, query: { ...rest, ...(paths.has('team') ? { team: undefined } : {}), ...(paths.has('districtId') ? { districtId: undefined } : {}) } };
}

/** The same figures as GET /api/reports/board; what the service refuses (a period, another team) is said as a form error. */
async function figuresOrErrors(context: PageContext, asked: FiguresQuery, errors: FieldError[]) {
  let query = asked;
  const said = [...errors];
  // Each refusal takes its part out of the query (the period, the team, the district): three at most.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return { ...(await boardReport(context.actor, context.now, query)), errors: said };
    } catch (error) {
      const refused = attempt < 3 ? withoutRefused(error, query, context.actor) : null;
      if (!refused || refused.errors.length === 0) throw error;
      said.push(...refused.errors);
      query = refused.query;
    }
  }
}

function linkQuery(scope: FiguresScope): string {
  const params = new URLSearchParams({ from: scope.period.from, to: scope.period.to });
  if (scope.districtId) params.set('districtId', scope.districtId);
  if (scope.team) params.set('team', scope.team);
  return params.toString();
}

function scopeWords(scope: FiguresScope, districts: { id: string; name: string }[]): string {
  const district = scope.districtId ? districts.find((candidate) => candidate.id === scope.districtId)?.name : null;
  return [`${dateInWords(scope.period.from)} to ${dateInWords(scope.period.to)}`, scope.team ? `team ${scope.team}` : 'all teams', district ? `home district ${district}` : 'all districts'].join(', ');
}

/** A district id that is not one of the list's (a link edited by hand): said, and the figures shown for all districts. */
function onlyKnownDistrict(query: FiguresQuery, errors: FieldError[], districts: { id: string }[]): FiguresQuery {
  if (!query.districtId || districts.some((district) => district.id === query.districtId)) return query;
  errors.push({ field: 'districtId', message: 'Choose a home district from the list' });
  return { ...query, districtId: undefined };
}

export function registerFigurePages(pages: Pages): void {
  pages.get('/figures', { access: COUNCIL_STAFF }, async (context) => {
    const { query: asked, errors } = readQuery(context);
    const filters = await figureFilters(context.actor);
    const query = onlyKnownDistrict(asked, errors, filters.districts);
    const { scope, tables, errors: allErrors } = await figuresOrErrors(context, query, errors);
    const raw = context.req.query as Record<string, string>;
    const partsOrScope = (name: 'from' | 'to') => (allErrors.length && raw[`${name}-day`] !== undefined ? { day: raw[`${name}-day`], month: raw[`${name}-month`], year: raw[`${name}-year`] } : dateParts(scope.period[name]));
    context.render('figures/figures.njk', {
      pageTitle: 'Figures',
      ...errorViewOf(allErrors),
      scope,
      scopeWords: scopeWords(scope, filters.districts),
      areas: areasOf(tables),
      from: partsOrScope('from'),
      to: partsOrScope('to'),
      districtItems: [{ value: '', text: 'All districts' }, ...filters.districts.map((district) => ({ value: district.id, text: district.name, selected: district.id === scope.districtId }))],
      teamItems: context.actor.role === 'admin' ? [{ value: '', text: 'All teams' }, ...filters.teams.map((team) => ({ value: team, text: team, selected: team === scope.team }))] : null,
      linkQuery: linkQuery(scope),
      suppressionNote: SUPPRESSION_NOTE,
    });
  });

  pages.get('/figures/board-report', { access: COUNCIL_STAFF }, async (context) => {
    const { query: asked, errors } = readQuery(context);
    const filters = await figureFilters(context.actor);
    const { scope, tables, errors: allErrors } = await figuresOrErrors(context, onlyKnownDistrict(asked, errors, filters.districts), errors);
    // A period that cannot be used is said at the top (the report shows the default period instead), never silently.
    const errorList = allErrors.map((error) => ({ text: error.field.endsWith('-day') ? `${error.message}. This report is for the period below instead.` : error.message, href: `/figures?${linkQuery(scope)}` }));
    context.render('figures/board-report.njk', { pageTitle: 'Corporate Parenting Board report', errorList, scope, scopeWords: scopeWords(scope, filters.districts), areas: areasOf(tables), linkQuery: linkQuery(scope), suppressionNote: SUPPRESSION_NOTE, today: dateInWords(scope.today) });
  });

  for (const id of FIGURE_TABLES) {
    pages.get(`/figures/${id}.csv`, { access: COUNCIL_STAFF }, async (context) => {
      const { query, errors } = readQuery(context);
      if (errors.length) throw new AppError(400, 'validation_failed', errors.map((error) => error.message).join('; '));
      const [{ scope, table }, filters] = await Promise.all([figuresFor(context.actor, context.now, query, id), figureFilters(context.actor)]);
      const filename = `${id}-${scope.period.from}-to-${scope.period.to}.csv`;
      // Suppressed cells go out as "fewer than 5", like everywhere else; text cells are formula-safe (sendCsv).
      await sendCsv(context.res, filename, table.columns.map((column) => column.label), (async function* () {
        yield csvRowsOf(table, scopeWords(scope, filters.districts));
      })());
    });
  }
}

function errorViewOf(errors: FieldError[]) {
  return {
    errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field.replace(/-day$/, ''), { text: error.message }])),
  };
}
