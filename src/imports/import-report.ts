import { z } from 'zod';

/** Listing stops here so a file of bad rows cannot grow the answer without bound; the count stays exact. */
export const MAX_LISTED_REJECTIONS = 10_000;

export const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: check and count, write nothing'),
});

const columnError = z.object({ column: z.string(), message: z.string() });
export type ColumnError = z.infer<typeof columnError>;

export const importReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int().describe('Data rows read (the header is not counted)'),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int().describe('Rows identical to the stored record: nothing written, nothing audited'),
    rejected: z.number().int(),
    rejectedRows: z.array(z.object({ line: z.number().int().describe('Line in the file; the header is line 1'), sourceId: z.string().nullable(), errors: z.array(columnError) })),
    rejectedRowsTruncated: z.boolean(),
    stoppedEarly: z.object({ line: z.number().int(), message: z.string() }).nullable().describe('Set when the file could not be read to the end; rows before this line were processed'),
    interrupted: z.boolean().describe('True when the service shut down during the import: only the rows in appliedLines were applied'),
    appliedLines: z.array(z.object({ from: z.number().int(), to: z.number().int() })).describe('Lines applied (created, updated or already up to date), as ranges; a rejected line is not in them'),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReport>;

/** Counts an import's outcome row by row. */
export class ImportTally {
  private readonly report: ImportReport;

  constructor(dryRun: boolean) {
    this.report = { dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, rejectedRows: [], rejectedRowsTruncated: false, stoppedEarly: null, interrupted: false, appliedLines: [] };
  }

  unchanged(count: number): void {
    this.report.unchanged += count;
  }

  /** Records lines as applied, as ranges so a 10,000-row answer stays short. Batches come in file order. */
  applied(lines: number[]): void {
    const ranges = this.report.appliedLines;
    for (const line of [...lines].sort((a, b) => a - b)) {
      const last = ranges[ranges.length - 1];
      if (last && line === last.to + 1) last.to = line;
      else ranges.push({ from: line, to: line });
    }
  }

  read(count: number): void {
    this.report.rows += count;
  }

  created(count: number): void {
    this.report.created += count;
  }

  updated(count: number): void {
    this.report.updated += count;
  }

  reject(line: number, sourceId: string | null, errors: ColumnError[]): void {
    this.report.rejected += 1;
    if (this.report.rejectedRows.length < MAX_LISTED_REJECTIONS) this.report.rejectedRows.push({ line, sourceId, errors });
    else this.report.rejectedRowsTruncated = true;
  }

  finish(outcome: { stoppedEarly: ImportReport['stoppedEarly']; interrupted?: boolean }): ImportReport {
    this.report.rejectedRows.sort((a, b) => a.line - b.line);
    return { ...this.report, stoppedEarly: outcome.stoppedEarly, interrupted: outcome.interrupted ?? false };
  }
}

/** Remembers each source id's first line, so a second row for the same child in one file is rejected. */
export class SeenInFile {
  private readonly firstLine = new Map<string, number>();

  /** The line the id was first seen on, or undefined (and now remembered) when new. */
  check(id: string, line: number): number | undefined {
    const first = this.firstLine.get(id);
    if (first === undefined) this.firstLine.set(id, line);
    return first;
  }
}
