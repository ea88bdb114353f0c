/** Pieces both indexes share: sorted district distances, binary search, turning the heap into results. */
import { explainAdmitted } from './evaluate.js';
import type { DistrictGeography, MatchResult } from './matching.types.js';
import { TopK, type Ranked } from './ordering.js';
import type { MatchDay, PreparedOpportunity, PreparedYoungPerson } from './prepared.js';

/** A pair that passed every hard rule, scored but not yet explained. */
export interface Candidate extends Ranked {
  readonly youngPerson: PreparedYoungPerson;
  readonly opportunity: PreparedOpportunity;
  readonly nearestKm: number;
}

export function newCandidateHeap(limit: number): TopK<Candidate> {
  return new TopK<Candidate>(limit);
}

/**
 * The kept candidates, best first, each explained by explainAdmitted(), the very function
 * evaluate() uses for a pair that passes the hard rules. A different score would mean the
 * index and evaluate() disagree: a bug, so it throws rather than hiding it.
 */
export function toResults(heap: TopK<Candidate>, day: MatchDay): MatchResult[] {
  return heap.sorted().map((candidate) => {
    const result = explainAdmitted(candidate.youngPerson, candidate.opportunity, candidate.nearestKm, day);
    if (result.score !== candidate.score) {
      throw new Error(
        `Matching index disagrees with evaluate() for ${candidate.youngPersonId} / ${candidate.opportunityId}`,
      );
    }
    return result;
  });
}

/** The first position whose key is >= `key` in ascending `keys` (keys.length when none). */
export function firstIndexAtOrAfter(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first position whose key is > `key` in ascending `keys`. */
export function firstIndexAfter(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface SortedDistances {
  /** km[k]: distance between the anchor district and districtIds[k], exactly as geography gives it. */
  readonly km: Float64Array;
  /** Positions k, nearest first (an unknown or NaN distance counts as infinitely far). */
  readonly order: Int32Array;
}

/**
 * Distances between one anchor district and every district of an index, sorted, computed on
 * first use per anchor. `direction` keeps the geography's argument order the same as evaluate()'s
 * (young person's district first), so even a lopsided geography gives identical numbers.
 */
export class DistanceTable {
  private readonly cache = new Map<string, SortedDistances>();

  constructor(
    private readonly geography: DistrictGeography,
    private readonly districtIds: readonly string[],
    /** 'from': the anchor is a young person's district; 'to': the anchor is an opportunity's. */
    private readonly direction: 'from' | 'to',
  ) {}

  sortedFor(anchor: string): SortedDistances {
    let entry = this.cache.get(anchor);
    if (entry === undefined) {
      const count = this.districtIds.length;
      const km = new Float64Array(count);
      for (let k = 0; k < count; k += 1) {
        const other = this.districtIds[k]!;
        km[k] = this.direction === 'from' ? this.geography.distanceKm(anchor, other) : this.geography.distanceKm(other, anchor);
      }
      const sortKey = (k: number) => (Number.isNaN(km[k]!) ? Number.POSITIVE_INFINITY : km[k]!);
      const order = Int32Array.from({ length: count }, (_, k) => k).sort((a, b) => sortKey(a) - sortKey(b) || a - b);
      entry = { km, order };
      this.cache.set(anchor, entry);
    }
    return entry;
  }

  /**
   * Districts reached from any of `anchors` (nearest first per anchor, stopping at the first that
   * `reaches` rejects), each with its distance from the nearest anchor.
   */
  reachedFrom(anchors: readonly string[], reaches: (districtId: string, km: number) => boolean): Map<number, number> {
    const reached = new Map<number, number>();
    for (const anchor of anchors) {
      const { km, order } = this.sortedFor(anchor);
      for (let i = 0; i < order.length; i += 1) {
        const k = order[i]!;
        const distance = km[k]!;
        if (!reaches(this.districtIds[k]!, distance)) break;
        const known = reached.get(k);
        if (known === undefined || distance < known) reached.set(k, distance);
      }
    }
    return reached;
  }
}
