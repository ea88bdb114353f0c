/**
 * Small-number suppression (ONS / DfE statistical disclosure control, the rule the Corporate Parenting Board's
 * papers follow): a count of young people under 5 is never published, and neither is anything built on one.
 *
 * - Primary: every count of young people below SUPPRESSION_THRESHOLD is hidden and reads "fewer than 5" (0
 *   included: "none of the 4 are in work" discloses as much as "1 of them is").
 * - Secondary: where counts add up to a total (a row, a column, a subtotal, the same figure in two tables), a
 *   hidden count must not be workable out from the rest. A reader knows each "fewer than 5" is 0 to 4 and each
 *   other hidden cell 5 or more, so every line is audited with those bounds (`pinnedCells`): a single hidden
 *   part, hidden parts the visible ones already make up (each then 0), two "fewer than 5" in a total of 8 (each
 *   then 4) all pin a value, and the smallest visible part of such a line is hidden too (or, with none left, the
 *   total), until nothing is pinned. A secondary cell is 5 or more, so it reads "hidden", never "fewer than 5":
 *   that would be untrue, and would itself give values away ("fewer than 5" three times in a total of 12).
 * - Dependants: a rate, median or amount built on a hidden count is hidden ("fewer than 5" when built on one).
 *
 * Pure: cells are ids with values; tables (figure-table.ts) say which cells are counts of young people, which
 * lines add up, and what depends on what.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const FEWER_THAN_5 = 'fewer than 5';
/** A count of 5 or more hidden so that a smaller one cannot be worked out. */
export const HIDDEN = 'hidden';

export interface AdditiveLine {
  /** Cells that add up to `total`. */
  parts: readonly string[];
  total: string;
}

export interface SuppressionGrid {
  /** Every count of young people, by cell id. */
  peopleCounts: ReadonlyMap<string, number>;
  /** Sums among those counts: parts + total must all be people counts. */
  lines: readonly AdditiveLine[];
  /** Derived cells (rates, medians, amounts) and the people counts each is built on. */
  dependants: ReadonlyMap<string, readonly string[]>;
  /**
   * Counts never published (those who stopped before a funnel step, the rest of a caseload): unknown to a reader
   * unless the lines give them away, which they must not when under 5 ("none of the 6 offered failed to start").
   */
  unpublished?: ReadonlySet<string>;
}

/** What the figures say about suppression, wherever they go (page, board report, CSV). */
export const SUPPRESSION_NOTE = `Counts of young people under ${SUPPRESSION_THRESHOLD} show as "${FEWER_THAN_5}", as does anything built on one. Where a hidden count could be worked out from the others (from a total, or from another table), another count of ${SUPPRESSION_THRESHOLD} or more is hidden too and shows as "${HIDDEN}".`;

/** A line with the cells that are counts of young people: its total is null when that is not one. */
type Line = { parts: readonly string[]; total: string | null };

/** Why a cell is not published: a small number (or built on one), or hidden to protect one. */
export type Suppression = typeof FEWER_THAN_5 | typeof HIDDEN;

export function isSmallNumber(count: number): boolean {
  return count < SUPPRESSION_THRESHOLD;
}

/** The ids of every cell that must not be published. */
export function suppressedCells(grid: SuppressionGrid): Set<string> {
  return new Set(suppression(grid).keys());
}

/** What a reader knows of each cell, and which cells must stay unknown. */
class Reader {
  readonly hidden = new Set<string>();
  constructor(
    readonly counts: ReadonlyMap<string, number>,
    readonly unpublished: ReadonlySet<string>,
  ) {
    for (const [cell, count] of counts) if (isSmallNumber(count) && !unpublished.has(cell)) this.hidden.add(cell);
  }

  /** Not read off the page: hidden, or never published. */
  unknown(cell: string): boolean {
    return this.hidden.has(cell) || this.unpublished.has(cell);
  }

  /** Must not be worked out: a hidden count, or an unpublished one under 5. */
  guarded(cell: string): boolean {
    return this.hidden.has(cell) || (this.unpublished.has(cell) && isSmallNumber(this.counts.get(cell)!));
  }

  /** What the page says of it: a visible count exactly; "fewer than 5" 0 to 4; "hidden" 5 or more; unpublished nothing. */
  boundsOf(cell: string): Bounds {
    const value = this.counts.get(cell)!;
    if (this.unpublished.has(cell)) return { lo: 0, hi: Infinity };
    if (!this.hidden.has(cell)) return { lo: value, hi: value };
    return isSmallNumber(value) ? { lo: 0, hi: SUPPRESSION_THRESHOLD - 1 } : { lo: SUPPRESSION_THRESHOLD, hi: Infinity };
  }

  /** The smallest cell still on the page among these (so the least is given up), or null. */
  smallestVisible(cells: readonly (string | null)[]): string | null {
    let best: string | null = null;
    for (const cell of cells) if (cell !== null && !this.unknown(cell) && (best === null || this.counts.get(cell)! < this.counts.get(best)!)) best = cell;
    return best;
  }
}

/** Every cell that must not be published, with what it reads instead. */
export function suppression(grid: SuppressionGrid): Map<string, Suppression> {
  const reader = new Reader(grid.peopleCounts, grid.unpublished ?? new Set());
  const lines: Line[] = grid.lines.map((line) => ({ parts: line.parts.filter((cell) => grid.peopleCounts.has(cell)), total: grid.peopleCounts.has(line.total) ? line.total : null }));
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) for (const cell of cellsOf(line)) linesOf.set(cell, [...(linesOf.get(cell) ?? []), line]);

  // First, in bulk, what one line shows by itself (one unknown cell, or unknown parts the visible ones make up);
  // then the audit with bounds, one cell at a time, since each cell hidden changes what the others pin.
  hideWhatSingleLinesGiveAway(lines, reader);
  for (;;) {
    const { pinned, bounds } = pinnedCells(lines, reader);
    const next = pinned.map((cell) => cellToHideFor(cell, linesOf.get(cell) ?? [], bounds, reader)).find((cell) => cell !== null);
    if (!next) break;
    reader.hidden.add(next);
  }

  const result = new Map<string, Suppression>();
  const small = (cell: string) => isSmallNumber(grid.peopleCounts.get(cell)!);
  for (const cell of reader.hidden) result.set(cell, small(cell) ? FEWER_THAN_5 : HIDDEN);
  for (const [cell, basis] of grid.dependants) {
    const unsaid = basis.filter((count) => reader.hidden.has(count) || (reader.unpublished.has(count) && small(count)));
    if (unsaid.length) result.set(cell, unsaid.some(small) ? FEWER_THAN_5 : HIDDEN);
  }
  return result;
}

const cellsOf = (line: Line) => [...line.parts, ...(line.total ? [line.total] : [])];

/**
 * Hides, line by line until none is left, the smallest visible part (else the total) of a line whose one unknown
 * cell is guarded, or whose unknown parts, a guarded one among them, are all 0 under a visible total.
 */
function hideWhatSingleLinesGiveAway(lines: readonly Line[], reader: Reader): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (!line.total) continue;
      const unknown = cellsOf(line).filter((cell) => reader.unknown(cell));
      const single = unknown.length === 1 && reader.guarded(unknown[0]!);
      const allZero = unknown.some((cell) => reader.guarded(cell)) && !reader.unknown(line.total) && unknown.every((cell) => reader.counts.get(cell) === 0);
      if (!single && !allZero) continue;
      const next = reader.smallestVisible(line.parts) ?? reader.smallestVisible([line.total]);
      if (next === null) continue;
      reader.hidden.add(next);
      changed = true;
    }
  }
}

interface Bounds {
  lo: number;
  hi: number;
}

/**
 * The guarded cells whose value a reader can work out: each cell starts with what the page says of it
 * (Reader.boundsOf) and the lines narrow the bounds (a part is at least the total less the most the others can be,
 * at most the total less the least they can be; a total lies between the sums of its parts' bounds), over and over
 * until nothing narrows. A guarded cell left with one value is pinned.
 */
function pinnedCells(lines: readonly Line[], reader: Reader): { pinned: string[]; bounds: Map<string, Bounds> } {
  const bounds = new Map<string, Bounds>();
  for (const line of lines) for (const cell of cellsOf(line)) if (!bounds.has(cell)) bounds.set(cell, reader.boundsOf(cell));
  for (let pass = 0, narrowed = true; narrowed && pass < 50; pass += 1) {
    narrowed = false;
    for (const line of lines) {
      if (!line.total || line.parts.length === 0) continue;
      const total = bounds.get(line.total)!;
      const parts = line.parts.map((cell) => bounds.get(cell)!);
      const sumLo = parts.reduce((sum, part) => sum + part.lo, 0);
      const finiteHi = parts.reduce((sum, part) => sum + (part.hi === Infinity ? 0 : part.hi), 0);
      const infiniteHi = parts.filter((part) => part.hi === Infinity).length;
      narrowed = narrow(total, sumLo, infiniteHi ? Infinity : finiteHi) || narrowed;
      for (const part of parts) {
        const othersHi = part.hi === Infinity ? (infiniteHi > 1 ? Infinity : finiteHi) : infiniteHi ? Infinity : finiteHi - part.hi;
        narrowed = narrow(part, total.lo - othersHi, total.hi - (sumLo - part.lo)) || narrowed;
      }
    }
  }
  return { pinned: [...bounds].filter(([cell, { lo, hi }]) => reader.guarded(cell) && lo === hi).map(([cell]) => cell), bounds };
}

/** Narrows `bounds` to [lo, hi] where tighter; never past each other (a line that does not add up pins nothing). */
function narrow(bounds: Bounds, lo: number, hi: number): boolean {
  const newLo = Math.min(Math.max(bounds.lo, lo), bounds.hi);
  const newHi = Math.max(Math.min(bounds.hi, hi), newLo);
  if (newLo === bounds.lo && newHi === bounds.hi) return false;
  bounds.lo = newLo;
  bounds.hi = newHi;
  return true;
}

/** What one line alone says of `cell`, from the others' bounds. */
function boundsFromLine(cell: string, line: Line, bounds: ReadonlyMap<string, Bounds>): Bounds {
  const others = line.parts.filter((part) => part !== cell).map((part) => bounds.get(part)!);
  const sumLo = others.reduce((sum, other) => sum + other.lo, 0);
  const sumHi = others.reduce((sum, other) => sum + other.hi, 0);
  if (cell === line.total) return { lo: sumLo, hi: sumHi };
  const total = bounds.get(line.total!)!;
  return { lo: total.lo - sumHi, hi: total.hi - sumLo };
}

/**
 * For a pinned cell, the cell to hide: in a line that pins it by itself (one unknown part, an identity between two
 * tables), that line's smallest visible part, else its total; otherwise the smallest visible part of any line it is
 * in. The least is given up, and the cell hidden is one that takes the pin away.
 */
function cellToHideFor(cell: string, lines: readonly Line[], bounds: ReadonlyMap<string, Bounds>, reader: Reader): string | null {
  const own = bounds.get(cell)!;
  const pinning = lines.filter((line) => {
    if (!line.total) return false;
    const said = boundsFromLine(cell, line, bounds);
    return Math.max(said.lo, own.lo) === Math.min(said.hi, own.hi);
  });
  for (const line of pinning) {
    const next = reader.smallestVisible(line.parts.filter((part) => part !== cell)) ?? reader.smallestVisible([line.total]);
    if (next !== null) return next;
  }
  return reader.smallestVisible(lines.flatMap((line) => line.parts)) ?? reader.smallestVisible(lines.map((line) => line.total));
}
