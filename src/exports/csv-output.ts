import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (and, through them, tab or carriage return) as a
 * formula: CSV injection. OWASP's rule, applied to every text cell of every export: such a cell gets a leading
 * apostrophe, which a spreadsheet shows as text. Phone numbers ("+44 ...") are prefixed too, since "+1+1" and
 * "-2+3+cmd|' /C calc'!A0" start the same way; the importer takes the apostrophe off (`restoreCell`), so an
 * export still imports back unchanged. Numbers and booleans are written as values and never prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `safeCell` for imports: "'+44 7700 900123" reads as "+44 7700 900123"; other apostrophes stay. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Streams rows as a CSV download with back-pressure, so a large export never sits in memory. `rows` yields
 * batches, letting the caller audit each batch before it is written.
 */
export async function sendCsv(res: Response, filename: string, columns: readonly string[], rows: AsyncIterable<unknown[][]>): Promise<void> {
  res.status(200).type('text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  const csv = stringify({ header: true, columns: [...columns], cast: { boolean: (value) => (value ? 'Y' : 'N') } });
  csv.pipe(res);
  for await (const batch of rows) {
    for (const row of batch) {
      if (!csv.write(row.map((cell) => (typeof cell === 'boolean' || typeof cell === 'number' ? cell : safeCell(cell))))) await once(csv, 'drain');
    }
  }
  csv.end();
  await finished(res);
}
