import { suppression, type AdditiveLine, type Suppression } from './suppression.js';

/**
 * One table of figures as it leaves the service (API, CSV, page, board report): its definition beside it, and
 * suppression applied once here, so no way out can forget it.
 */
export const FIGURE_AREAS = ['eet', 'housing', 'covenant', 'keeping_in_touch', 'reminders'] as const;
export type FigureArea = (typeof FIGURE_AREAS)[number];

/** people: a count of young people (suppressed under 5); count: offers, places, reminders (never suppressed). */
export type ColumnKind = 'text' | 'people' | 'count' | 'percent' | 'days' | 'pounds';

export interface ColumnSpec {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Counted for suppression but not published (the number of pairs behind a median). */
  hidden?: boolean;
  /** For percent/days/pounds: the people counts (columns of the same row) it is built on. */
  builtOn?: readonly string[];
}

export type CellValue = string | number | null;

export interface RowSpec {
  key: string;
  values: Record<string, CellValue>;
  total?: boolean;
  /** Extra dependencies on other rows' cells, as "rowKey:columnKey" (a conversion rate on the previous step). */
  builtOnCells?: Record<string, readonly string[]>;
  /** Columns that mean nothing on this row (a share on the total row, a conversion on the first step): never "fewer than 5". */
  notApplicable?: readonly string[];
}

export interface TableSpec {
  id: string;
  area: FigureArea;
  title: string;
  definition: string;
  notes?: string[];
  columns: ColumnSpec[];
  rows: RowSpec[];
  /** Sums among people cells, by "rowKey:columnKey". */
  lines?: AdditiveLine[];
}

export interface PublishedTable {
  id: string;
  area: FigureArea;
  title: string;
  definition: string;
  notes: string[];
  columns: { key: string; label: string; kind: ColumnKind }[];
  /** Each value is a number, text, null (not applicable / not recorded), "fewer than 5" or "hidden" (5 or more, hidden to protect a smaller count). */
  rows: { key: string; total: boolean; values: Record<string, CellValue>; display: Record<string, string>; suppressed: string[] }[];
}

export const cellId = (row: string, column: string) => `${row}:${column}`;

/** Lines for a table whose rows marked `total` sum the others, for each people column. */
export function columnTotals(rows: RowSpec[], columns: ColumnSpec[], partRows = rows.filter((row) => !row.total).map((row) => row.key), totalRow = rows.find((row) => row.total)?.key): AdditiveLine[] {
  if (!totalRow) return [];
  return columns.filter((column) => column.kind === 'people').map((column) => ({ parts: partRows.map((row) => cellId(row, column.key)), total: cellId(totalRow, column.key) }));
}

/** The sum of a column over rows (numbers only). */
export function sumOf(rows: readonly RowSpec[], key: string): number {
  return rows.reduce((sum, row) => sum + (typeof row.values[key] === 'number' ? (row.values[key] as number) : 0), 0);
}

/** A total row summing `keys` over `rows`, with whatever else it shows (a share worked out from the sums). */
export function totalRow(rows: readonly RowSpec[], label: string, keys: readonly string[], derive: (sums: Record<string, number>) => Record<string, CellValue> = () => ({})): RowSpec {
  const sums = Object.fromEntries(keys.map((key) => [key, sumOf(rows, key)]));
  return { key: 'all', total: true, values: { label, ...sums, ...derive(sums) } };
}

/** Lines for rows whose `parts` columns sum to the `total` column. */
export function rowTotals(rows: RowSpec[], parts: string[], total: string): AdditiveLine[] {
  return rows.map((row) => ({ parts: parts.map((column) => cellId(row.key, column)), total: cellId(row.key, total) }));
}

/** A cell of one table among several published together: "tableId/rowKey:columnKey". */
export const tableCellId = (table: string, cell: string) => `${table}/${cell}`;

export function publish(spec: TableSpec): PublishedTable {
  return publishTogether([spec])[0]!;
}

/**
 * Publishes tables with one suppression over all of them: each table's own lines, plus `links` between tables
 * (cells as tableCellId) where one table's figure is another's, or the sum of another's parts. A figure hidden
 * in one table is then hidden wherever it, or what it could be worked out from, appears.
 */
export function publishTogether(specs: readonly TableSpec[], links: readonly AdditiveLine[] = []): PublishedTable[] {
  const peopleCounts = new Map<string, number>();
  const dependants = new Map<string, string[]>();
  const unpublished = new Set<string>();
  const lines: AdditiveLine[] = [...links];
  for (const spec of specs) {
    const id = (cell: string) => tableCellId(spec.id, cell);
    for (const row of spec.rows) {
      for (const column of spec.columns) {
        const value = row.values[column.key];
        const cell = id(cellId(row.key, column.key));
        if (column.kind === 'people' && typeof value === 'number') peopleCounts.set(cell, value);
        if (column.hidden) unpublished.add(cell);
        const basis = [...(column.builtOn ?? []).map((key) => cellId(row.key, key)), ...(row.builtOnCells?.[column.key] ?? [])].map(id);
        if (basis.length) dependants.set(cell, basis);
      }
    }
    for (const line of spec.lines ?? []) lines.push({ parts: line.parts.map(id), total: id(line.total) });
  }
  const hidden = suppression({ peopleCounts, lines, dependants, unpublished });
  return specs.map((spec) => publishedTable(spec, (row, column) => hidden.get(tableCellId(spec.id, cellId(row, column)))));
}

function publishedTable(spec: TableSpec, suppressionOf: (row: string, column: string) => Suppression | undefined): PublishedTable {
  const visibleColumns = spec.columns.filter((column) => !column.hidden);
  return {
    id: spec.id,
    area: spec.area,
    title: spec.title,
    definition: spec.definition,
    notes: spec.notes ?? [],
    columns: visibleColumns.map(({ key, label, kind }) => ({ key, label, kind })),
    rows: spec.rows.map((row) => {
      const values: Record<string, CellValue> = {};
      const display: Record<string, string> = {};
      const suppressed: string[] = [];
      for (const column of visibleColumns) {
        const raw = row.values[column.key] ?? null;
        const notApplicable = (row.notApplicable ?? []).includes(column.key);
        // A share or median that could not be worked out (nothing to divide by) is hidden like any other built on a
        // hidden count: "not recorded" beside "fewer than 5" would tell that the hidden count is 0.
        const said = suppressionOf(row.key, column.key);
        const isHidden = said !== undefined && (raw !== null || !notApplicable);
        if (isHidden) suppressed.push(column.key);
        values[column.key] = isHidden ? said : raw;
        display[column.key] = isHidden ? said : raw === null && notApplicable ? NOT_APPLICABLE : formatCell(raw, column.kind);
      }
      return { key: row.key, total: Boolean(row.total), values, display, suppressed };
    }),
  };
}

/** Said in a cell whose column means nothing on its row (a share on the total row), unlike "not recorded". */
export const NOT_APPLICABLE = 'not applicable';

const whole = new Intl.NumberFormat('en-GB');

export function formatCell(value: CellValue, kind: ColumnKind): string {
  if (value === null) return kind === 'text' ? '' : 'not recorded';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return `${value.toFixed(0)}%`;
    case 'days':
      return `${whole.format(value)} ${value === 1 ? 'day' : 'days'}`;
    case 'pounds':
      return `£${whole.format(value)}`;
    default:
      return whole.format(value);
  }
}

/** A share as a whole percentage, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
