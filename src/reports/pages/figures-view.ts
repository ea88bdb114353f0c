import type { PublishedTable } from '../figure-table.js';
import { AREA_TITLES } from '../board-report.js';
import { FIGURE_AREAS, type FigureArea } from '../figure-table.js';
import { funnelChart, trendChart, type Chart } from '../charts.js';
import { SUPPRESSION_NOTE } from '../suppression.js';

/**
 * Presentation only: published tables as govukTable parameters, grouped by area, with the two charts. Every
 * number shown was suppressed by the service already; nothing is counted here.
 */
export function govukTableOf(table: PublishedTable) {
  return {
    caption: table.title,
    captionClasses: 'govuk-visually-hidden',
    firstCellIsHeader: true,
    classes: 'app-stacked-table app-figure-table',
    attributes: { 'data-qa': `table-${table.id}` },
    head: table.columns.map((column) => ({ text: column.label, format: column.kind === 'text' ? undefined : 'numeric' })),
    rows: table.rows.map((row) =>
      table.columns.map((column) => ({
        text: row.display[column.key] ?? '',
        format: column.kind === 'text' ? undefined : 'numeric',
        classes: row.total ? 'govuk-!-font-weight-bold' : undefined,
        attributes: { 'data-qa': `${row.key}:${column.key}`, 'data-label': column.label },
      })),
    ),
  };
}

export interface AreaView {
  area: FigureArea;
  title: string;
  tables: { table: PublishedTable; govukTable: ReturnType<typeof govukTableOf>; chart: Chart | null }[];
}

export function areasOf(tables: PublishedTable[]): AreaView[] {
  return FIGURE_AREAS.map((area) => ({
    area,
    title: AREA_TITLES[area],
    tables: tables.filter((table) => table.area === area).map((table) => ({ table, govukTable: govukTableOf(table), chart: chartFor(table) })),
  })).filter((area) => area.tables.length > 0);
}

function chartFor(table: PublishedTable): Chart | null {
  if (table.id === 'referral-funnel') return funnelChart(table);
  if (table.id === 'monthly-trend') return trendChart(table, ['referred', 'meetings', 'started', 'applications']);
  return null;
}

/**
 * A table as CSV rows: its figures (numbers as numbers, words where there is no number), then, after an empty
 * row, what it is: its title, scope, definition and notes, so the file says what it counts wherever it goes.
 */
export function csvRowsOf(table: PublishedTable, scope: string): unknown[][] {
  const width = table.columns.length;
  const about = (name: string, text: string) => [name, text, ...Array<string>(Math.max(0, width - 2)).fill('')];
  return [
    ...table.rows.map((row) => table.columns.map((column) => row.values[column.key] ?? row.display[column.key] ?? '')),
    Array<string>(width).fill(''),
    about('Table', table.title),
    about('Scope', scope),
    about('Definition', table.definition),
    ...table.notes.map((note) => about('Note', note)),
    about('Small numbers', SUPPRESSION_NOTE),
  ];
}
