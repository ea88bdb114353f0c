import type { LocalDate } from '../lib/dates.js';

export interface Ranked {
  readonly score: number;
  readonly closingDate: LocalDate | null;
  readonly opportunityId: string;
  readonly youngPersonId: string;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one ranking order, both directions: score (highest first), then closing date (soonest
 * first, none last), then opportunity id, then young person id (code-unit order, not locale, so
 * every machine agrees). Negative when `a` ranks before `b`.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  return compareRankedTo(a.score, a.closingDate, a.opportunityId, a.youngPersonId, b);
}

/** compareRanked with the first item given field by field, so a would-be item need not be built. */
function compareRankedTo(
  score: number,
  closingDate: LocalDate | null,
  opportunityId: string,
  youngPersonId: string,
  b: Ranked,
): number {
  if (score !== b.score) return b.score - score;
  if (closingDate !== b.closingDate) {
    if (closingDate === null) return 1;
    if (b.closingDate === null) return -1;
    return closingDate < b.closingDate ? -1 : 1;
  }
  return compareIds(opportunityId, b.opportunityId) || compareIds(youngPersonId, b.youngPersonId);
}

/** undefined means no limit; otherwise a whole number of at least 0. */
export function resolveLimit(limit: number | undefined): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number of at least 0, got ${limit}`);
  return limit;
}

/**
 * Keeps the best `limit` items offered, in O(n log k): a binary heap whose root is the WORST item
 * kept, so a newcomer only has to beat the root. With no limit it keeps everything.
 */
export class TopK<T extends Ranked> {
  private readonly heap: T[] = [];

  constructor(private readonly limit: number) {}

  /**
   * The lowest score that could still get in (a tie may, on closing date or id); -Infinity while
   * there is room, +Infinity with a limit of 0. Lets callers skip work on items that cannot.
   */
  threshold(): number {
    if (this.heap.length < this.limit) return Number.NEGATIVE_INFINITY;
    return this.heap[0]?.score ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Whether an item scoring `score` (or an upper bound on its score) with these tie-breakers
   * would get in. Ties matter: when hundreds score the same, only the earliest ids get in.
   */
  admits(score: number, closingDate: LocalDate | null, opportunityId: string, youngPersonId: string): boolean {
    if (this.heap.length < this.limit) return true;
    const worst = this.heap[0];
    return worst !== undefined && compareRankedTo(score, closingDate, opportunityId, youngPersonId, worst) < 0;
  }

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && compareRanked(item, heap[0]!) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort(compareRanked);
  }

  // Parent ranks AFTER (is worse than) its children.
  private siftUp(index: number): void {
    const heap = this.heap;
    const item = heap[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (compareRanked(heap[parent]!, item) >= 0) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = item;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const item = heap[index]!;
    for (;;) {
      let worst = 2 * index + 1;
      if (worst >= length) break;
      const right = worst + 1;
      if (right < length && compareRanked(heap[right]!, heap[worst]!) > 0) worst = right;
      if (compareRanked(heap[worst]!, item) <= 0) break;
      heap[index] = heap[worst]!;
      index = worst;
    }
    heap[index] = item;
  }
}
