import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { restoreCell } from '../exports/csv-output.js';
import { AppError, validationFailed } from '../lib/errors.js';

/** A file larger than this is cut off with the rows read so far reported: 10,000 rows are about 2 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ColumnSet {
  required: readonly string[];
  optional: readonly string[];
}

/** One data row: the line it ends on (header = line 1) and its values by column name, trimmed. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
  /** Which columns the file has, so an absent optional column is left alone rather than cleared. */
  columns: ReadonlySet<string>;
}

export interface ShapeProblem {
  line: number;
  message: string;
}

export interface ReadOutcome {
  /** Set when the file stopped being readable part-way (bad quoting, too large): rows before it were processed. */
  stoppedEarly: ShapeProblem | null;
  /** True when `stopSignal` cut the import (the service is shutting down): rows before stoppedEarly.line were processed. */
  interrupted: boolean;
}

const interruptedAt = (line: number): ReadOutcome => ({ stoppedEarly: { line, message: INTERRUPTED_MESSAGE }, interrupted: true });

export const INTERRUPTED_MESSAGE = 'The service shut down during the import: rows from this line on were not processed. Import the file again; rows already applied are skipped as unchanged.';

class FileTooLarge extends Error {}
/** Wraps an error from processing a batch, so it is not mistaken for a CSV syntax error. */
class BatchFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('batch failed');
  }
}

function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? new FileTooLarge(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB; split it.`) : null, chunk);
    },
  });
}

/** Checks the header against the documented column set; a missing or unknown column fails the whole file. */
function checkHeader(header: string[], columns: ColumnSet): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const known = new Set([...columns.required, ...columns.optional]);
  const errors = [
    ...columns.required.filter((column) => !names.includes(column)).map((column) => ({ path: column, message: 'required column is missing from the header' })),
    ...names.filter((name) => !known.has(name)).map((name) => ({ path: name || '(blank)', message: 'is not a column this import knows; see the documented column set' })),
    ...names.filter((name, index) => names.indexOf(name) !== index).map((name) => ({ path: name, message: 'appears more than once in the header' })),
  ];
  if (errors.length) throw validationFailed(errors);
  return names;
}

/**
 * Streams a CSV file and hands its rows to `onBatch` a batch at a time, awaiting each batch before reading on
 * (back-pressure), so memory stays bounded whatever the file's size. A row with the wrong number of fields is
 * passed to `onBadRow`; a bad header throws a 400 before any row is processed.
 */
export async function readCsvInBatches(
  source: Readable,
  columns: ColumnSet,
  batchSize: number,
  onBatch: (rows: CsvRow[]) => Promise<void>,
  onBadRow: (problem: ShapeProblem) => void,
  stopSignal?: AbortSignal,
): Promise<ReadOutcome> {
  const parser = source.pipe(byteLimit(MAX_IMPORT_BYTES)).pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  source.on('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  let columnSet: ReadonlySet<string> = new Set();
  let batch: CsvRow[] = [];
  let lastLine = 1;
  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length) await onBatch(rows).catch((error: unknown) => Promise.reject(new BatchFailed(error)));
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      lastLine = info.lines;
      if (!header) {
        header = checkHeader(record, columns);
        columnSet = new Set(header);
        continue;
      }
      if (record.length !== header.length) {
        onBadRow({ line: info.lines, message: `has ${record.length} fields; the header has ${header.length}` });
        continue;
      }
      const values: Record<string, string> = {};
      // Cells our exports neutralised against formula injection ('=..., '+44...) read back as they were.
      header.forEach((name, index) => (values[name] = restoreCell(record[index] ?? '').trim()));
      batch.push({ line: info.lines, values, columns: columnSet });
      if (batch.length >= batchSize) {
        // Checked before each batch only, so a batch is written whole or not started, and the report is exact.
        if (stopSignal?.aborted) return interruptedAt(batch[0]!.line);
        await flush();
      }
    }
    if (!header) throw validationFailed([{ path: '(file)', message: 'The file is empty: it needs a header row and at least one row.' }]);
    if (stopSignal?.aborted && batch.length) return interruptedAt(batch[0]!.line);
    await flush();
    return { stoppedEarly: null, interrupted: false };
  } catch (error) {
    if (error instanceof BatchFailed) throw error.cause;
    if (error instanceof AppError) throw error;
    // The CSV itself broke (bad quoting) or grew too large: keep what was read, say where it stopped.
    const message = error instanceof FileTooLarge ? error.message : `The file could not be read past here: ${error instanceof Error ? error.message : 'malformed CSV'}`;
    if (!header) throw validationFailed([{ path: '(file)', message }]);
    await flush();
    return { stoppedEarly: { line: lastLine + 1, message }, interrupted: false };
  } finally {
    // Read and discard whatever is left, so the caller still gets our answer rather than a reset connection.
    source.unpipe();
    source.resume();
  }
}
