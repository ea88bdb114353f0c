/**
 * Small-number suppression (ONS / DfE statistical disclosure control, the rule the Corporate Parenting Board's
 * papers follow): a count of young people under 5 is never published, and neither is anything built on one.
 *
 * - Primary: every count of young people below SUPPRESSION_THRESHOLD is hidden (0 included: "none of the 4 are in
 *   work" discloses as much as "1 of them is").
 * - Secondary: where counts add up to a total (a row, a column, a subtotal), a single hidden cell could be worked
 *   out by subtraction, so the smallest other visible part of that line is hidden too (or, with no other part
 *   left, the total). So could several hidden parts whose visible total equals the visible parts: they are all 0.
 *   Repeated until no line gives a hidden cell away, because hiding a cell in one line can expose another.
 *   Tables that show the same figure, or parts of one another's, are suppressed together (figure-table.ts), so a
 *   hidden cell cannot be worked out from another table either.
 * - Dependants: a rate, median or amount built on a hidden count is hidden.
 *
 * Pure: cells are ids with values; tables (figure-table.ts) say which cells are counts of young people, which
 * lines add up, and what depends on what.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const FEWER_THAN_5 = 'fewer than 5';

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
}

export function isSmallNumber(count: number): boolean {
  return count < SUPPRESSION_THRESHOLD;
}

/** The ids of every cell that must not be published. */
export function suppressedCells(grid: SuppressionGrid): Set<string> {
  const hidden = new Set<string>();
  for (const [cell, count] of grid.peopleCounts) if (isSmallNumber(count)) hidden.add(cell);

  // Each pass hides at least one more cell, so this ends (at worst with every cell of every line hidden).
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of grid.lines) {
      if (!givesAway(line, hidden, grid.peopleCounts)) continue;
      const next = smallestVisible(line.parts, hidden, grid.peopleCounts) ?? (hidden.has(line.total) ? null : line.total);
      if (next === null) continue;
      hidden.add(next);
      changed = true;
    }
  }

  for (const [cell, basis] of grid.dependants) if (basis.some((count) => hidden.has(count))) hidden.add(cell);
  return hidden;
}

/**
 * Whether a line lets a hidden cell be worked out: exactly one cell hidden (total minus the rest), or hidden parts
 * under a visible total that the visible parts already make up (each hidden part is then 0).
 */
function givesAway(line: AdditiveLine, hidden: Set<string>, counts: ReadonlyMap<string, number>): boolean {
  const cells = [...line.parts, line.total].filter((cell) => counts.has(cell));
  const hiddenCells = cells.filter((cell) => hidden.has(cell));
  if (hiddenCells.length === 1) return true;
  if (hiddenCells.length === 0 || hidden.has(line.total) || !counts.has(line.total)) return false;
  return hiddenCells.every((cell) => counts.get(cell) === 0);
}

/** The visible part with the smallest count (ties: the first), so the least information is given up. */
function smallestVisible(parts: readonly string[], hidden: Set<string>, counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const part of parts) {
    if (hidden.has(part) || !counts.has(part)) continue;
    if (best === null || counts.get(part)! < counts.get(best)!) best = part;
  }
  return best;
}
