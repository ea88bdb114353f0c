import type { LocalDate } from '../lib/dates.js';
import { cellId, publishTogether, tableCellId, type FigureArea, type PublishedTable, type TableSpec } from './figure-table.js';
import type { AdditiveLine } from './suppression.js';
import type { FiguresInput } from './figure-records.js';
import { councilYearPeriod, type Period } from './figures-period.js';
import { accommodationTable, activityTable, applicationAgeTable, caseloadTable, custodyTable } from './people-figures.js';
import { COUNCIL_OFFERS_ROW, covenantAreasTable, covenantOrganisationsTable, funnelTable, moneyTable, monthlyTrendTable, ringFencedTable } from './referral-figures.js';
import { remindersTable } from './reminder-figures.js';

/** Every table, in the board report's order; ids are the URL names (/api/reports/<id>, /figures/<id>.csv). */
export const FIGURE_TABLES = ['activity', 'accommodation', 'monthly-trend', 'housing-application-age', 'custody-near-18', 'ring-fenced-places', 'referral-funnel', 'covenant-signatories', 'covenant-areas', 'bursaries-incentives', 'caseloads', 'reminders'] as const;
export type FigureTableId = (typeof FIGURE_TABLES)[number];

export const AREA_TITLES: Record<FigureArea, string> = {
  eet: 'Education, employment and training',
  housing: 'Housing and accommodation',
  covenant: 'Apprenticeships and the Care Leaver Covenant',
  keeping_in_touch: 'Keeping in touch',
  reminders: 'Reminders',
};

/** Builds one table from the facts, suppressed together with the others (so it hides what they hide). */
export function figureTable(id: FigureTableId, input: FiguresInput, period: Period, today: LocalDate): PublishedTable {
  return boardTables(input, period, today).find((table) => table.id === id)!;
}

/**
 * Every table, in the board report's order, with one suppression over all of them (figure-table.ts): a figure
 * that two tables share, or that one table's parts add up to in another, is hidden in both or neither.
 * Pure: `today` and the period are given.
 */
export function boardTables(input: FiguresInput, period: Period, today: LocalDate): PublishedTable[] {
  const specs = FIGURE_TABLES.map((id) => tableSpec(id, input, period, today));
  return publishTogether(specs, linksBetweenTables(specs, period)).map((table) => onlyTheChosenDistrict(table, input.districtId));
}

const cellOf = (table: string, row: string, column: string) => tableCellId(table, cellId(row, column));
const same = (a: string, b: string): AdditiveLine => ({ parts: [a], total: b });

/**
 * Where one table's figure is another's. Always: the cohort of care leavers aged 17 to 21 today (activity and
 * accommodation); referrals made and starts in the period (trend, funnel, organisations). When the values agree:
 * the bursaries due and the starts, and a council year's ring-fenced places filled and the starts on the
 * council's own offers when the period starts with that year (the same people, counted over a longer time).
 */
function linksBetweenTables(specs: TableSpec[], period: Period): AdditiveLine[] {
  const value = (table: string, row: string, column: string) => specs.find((spec) => spec.id === table)?.rows.find((candidate) => candidate.key === row)?.values[column];
  const links = [
    same(cellOf('activity', 'total', 'now'), cellOf('accommodation', 'all', 'total')),
    same(cellOf('referral-funnel', 'referred', 'reached'), cellOf('monthly-trend', 'all', 'referred')),
    same(cellOf('covenant-signatories', 'all', 'referred'), cellOf('monthly-trend', 'all', 'referred')),
    same(cellOf('covenant-signatories', 'all', 'started'), cellOf('monthly-trend', 'all', 'started')),
  ];
  if (value('bursaries-incentives', 'bursary', 'due') === value('monthly-trend', 'all', 'started')) links.push(same(cellOf('bursaries-incentives', 'bursary', 'due'), cellOf('monthly-trend', 'all', 'started')));
  const councilStarts = value('covenant-signatories', COUNCIL_OFFERS_ROW, 'started');
  for (const year of specs.find((spec) => spec.id === 'ring-fenced-places')?.rows ?? []) {
    if (councilYearPeriod(Number(year.key)).from === period.from && year.values.filled === councilStarts) links.push(same(cellOf('ring-fenced-places', year.key, 'filled'), cellOf('covenant-signatories', COUNCIL_OFFERS_ROW, 'started')));
  }
  return links;
}

/** Tables by home district are worked out for every district and suppressed as such; a chosen district shows its own row from them. */
const BY_DISTRICT: readonly string[] = ['housing-application-age', 'custody-near-18'];

function onlyTheChosenDistrict(table: PublishedTable, districtId: string | null): PublishedTable {
  if (!districtId || !BY_DISTRICT.includes(table.id)) return table;
  return {
    ...table,
    definition: `${table.definition} With a home district chosen, its row is shown as it stands among all districts, so a figure hidden there stays hidden here.`,
    rows: table.rows.filter((row) => row.key === districtId),
  };
}

function tableSpec(id: FigureTableId, input: FiguresInput, period: Period, today: LocalDate): TableSpec {
  switch (id) {
    case 'activity':
      return activityTable(input.people, period, today);
    case 'accommodation':
      return accommodationTable(input.people, today);
    case 'monthly-trend':
      return monthlyTrendTable(input.referrals, input.applications.flatMap((application) => (application.submittedDate ? [application.submittedDate] : [])), period);
    case 'housing-application-age':
      return applicationAgeTable(input.peopleInEveryDistrict, input.districts, period);
    case 'custody-near-18':
      return custodyTable(input.peopleInEveryDistrict, input.districts, period);
    case 'ring-fenced-places':
      return ringFencedTable(input.offers, input.referrals, input.ringFencedTargets, period);
    case 'referral-funnel':
      return funnelTable(input.referrals, period);
    case 'covenant-signatories':
      return covenantOrganisationsTable(input.organisations, input.offers, input.referrals, period);
    case 'covenant-areas':
      return covenantAreasTable(input.offers, period);
    case 'bursaries-incentives':
      return moneyTable(input.referrals, period);
    case 'caseloads':
      return caseloadTable(input.people, input.advisers, today);
    case 'reminders':
      return remindersTable(input.reminders, input.reminderEmails, input.referrals, input.applications, period);
  }
}
