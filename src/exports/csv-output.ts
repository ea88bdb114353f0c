import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';

/**
 * Spreadsheet programs run a cell that starts with = @ + or - as a formula (CSV injection). Such cells get a
 * leading apostrophe; "+44 ..." and "-1" stay as they are, so phone numbers and numbers still read back.
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : String(value);
  return /^[=@\t\r]/.test(text) || /^[+-][^\d\s]/.test(text) ? `'${text}` : text;
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
