/**
 * Opportunities bucketed for "what could this young person do?" over a large in-memory set.
 * Returns exactly what matchOpportunitiesForYoungPerson returns for the same opportunities.
 *
 * Pairs are skipped only where a hard rule, decided by the rule's own function, would exclude them,
 * or where the score cannot reach the results:
 *   - not open, or every place filled: dropped at build (neither depends on the day);
 *   - per district (plus one remote bucket), then per eligibleCareStatus and sharingNeeded, so a
 *     query reads only the buckets the young person is eligible for and has agreed to;
 *   - districts sorted by distance from each of the young person's districts, read up to their
 *     travel limit;
 *   - each bucket sorted by the most an opportunity could score for anyone, and read best first:
 *     once that is below the lowest score still admitted to both heaps, the rest of the bucket
 *     cannot get in (the threshold algorithm for top-K).
 * Only the returned pairs are explained. A snapshot: rebuild it when opportunities change.
 */
import type { LocalDate } from '../lib/dates.js';
import { SECTORS } from '../opportunities/sectors.js';
import { CARE_STATUSES } from '../young-people/ssda903.js';
import { AgeThresholds } from './age-window.js';
import { checkQualifications, fitPoints, lacksRequiredInterest } from './evaluate.js';
import { DistanceTable, newCandidateHeap, toResults } from './index-support.js';
import {
  MAX_MISSING_FOR_NEAR_MISS,
  ageReferenceDate,
  hasAgreedSharing,
  hasClosingDatePassed,
  hasNoPlacesLeft,
  isCareStatusEligible,
  isOpenForReferrals,
  reachExclusion,
} from './matching.rules.js';
import type { DistrictGeography, MatchList, MatchOptions, MatchableOpportunity, MatchableYoungPerson } from './matching.types.js';
import { compareRanked, resolveLimit } from './ordering.js';
import { matchDay, prepareOpportunity, prepareYoungPerson, type MatchDay, type PreparedOpportunity } from './prepared.js';

interface OpportunityBucket {
  /** Highest potential first. */
  readonly items: PreparedOpportunity[];
  /** potential[i]: the most items[i] could score for any young person on any day. */
  readonly potential: number[];
}

const ELIGIBLE_CARE_STATUSES = ['both', ...CARE_STATUSES] as const;
const SHARING_NEEDED = ['none', 'anonymous_profile', 'name_and_contact'] as const;

// The best case for the potential: interested in everything, 0 km away, every closing date "soon".
const ANYONE_AT_BEST = prepareYoungPerson({
  id: '',
  dateOfBirth: '2000-01-01',
  careStatus: 'care_leaver',
  districtIds: [],
  maxTravelKm: 0,
  interests: [...SECTORS],
  qualifications: [],
  employerSharing: 'name_and_contact',
});
const EVERY_CLOSING_DATE_SOON: MatchDay = { today: '0000-01-01', soonDate: '9999-12-31', fortnightDate: '9999-12-31' };

function potentialOf(opportunity: PreparedOpportunity): number {
  return opportunity.maxQualificationPoints + fitPoints(ANYONE_AT_BEST, opportunity, 0, EVERY_CLOSING_DATE_SOON, null);
}

/** One bucket per (eligibleCareStatus, sharingNeeded); a young person reads the ones they pass. */
class EligibilityBuckets {
  private readonly buckets = new Map<string, OpportunityBucket>();

  add(opportunity: PreparedOpportunity): void {
    const { eligibleCareStatus, sharingNeeded } = opportunity.opportunity;
    const key = `${eligibleCareStatus}|${sharingNeeded}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { items: [], potential: [] };
      this.buckets.set(key, bucket);
    }
    bucket.items.push(opportunity);
  }

  forYoungPerson({ careStatus, employerSharing }: MatchableYoungPerson): OpportunityBucket[] {
    const chosen: OpportunityBucket[] = [];
    for (const eligible of ELIGIBLE_CARE_STATUSES) {
      if (!isCareStatusEligible(careStatus, eligible)) continue;
      for (const needed of SHARING_NEEDED) {
        if (!hasAgreedSharing(employerSharing, needed)) continue;
        const bucket = this.buckets.get(`${eligible}|${needed}`);
        if (bucket !== undefined) chosen.push(bucket);
      }
    }
    return chosen;
  }

  sortByPotential(): void {
    for (const bucket of this.buckets.values()) {
      // The results' own order, with the potential as the score: a scan can stop at the first
      // item that would not get in even if it scored its potential.
      const ranked = bucket.items.map((item) => ({
        item,
        score: potentialOf(item),
        closingDate: item.opportunity.closingDate,
        opportunityId: item.opportunity.id,
        youngPersonId: '',
      }));
      ranked.sort(compareRanked);
      bucket.items.length = 0;
      for (const { item, score } of ranked) {
        bucket.items.push(item);
        bucket.potential.push(score);
      }
    }
  }
}

/** Build with buildOpportunityIndex and pass to matchWithIndex; the fields are its own business. */
export interface OpportunityIndex {
  readonly districtIds: readonly string[];
  /** Per district (same order as districtIds). */
  readonly byDistrict: readonly EligibilityBuckets[];
  readonly remote: EligibilityBuckets;
  readonly distances: DistanceTable;
  /** Opportunities indexed: open, with a place left, and reachable by someone. */
  readonly size: number;
}

/** Opportunities' ids must be unique (a tie-breaker). */
export function buildOpportunityIndex(
  opportunities: readonly MatchableOpportunity[],
  geography: DistrictGeography,
): OpportunityIndex {
  const districtIds: string[] = [];
  const districtIndex = new Map<string, number>();
  const byDistrict: EligibilityBuckets[] = [];
  const remote = new EligibilityBuckets();
  let size = 0;
  for (const opportunity of opportunities) {
    const { status, places, placesFilled } = opportunity;
    if (!isOpenForReferrals(status) || hasNoPlacesLeft(places, placesFilled)) continue;
    let buckets = remote;
    if (!opportunity.remote) {
      // No district and not remote: reaches nobody (reachExclusion gives 'no_location').
      if (opportunity.districtId === null) continue;
      let index = districtIndex.get(opportunity.districtId);
      if (index === undefined) {
        index = districtIds.push(opportunity.districtId) - 1;
        districtIndex.set(opportunity.districtId, index);
        byDistrict.push(new EligibilityBuckets());
      }
      buckets = byDistrict[index]!;
    }
    buckets.add(prepareOpportunity(opportunity));
    size += 1;
  }
  for (const buckets of [remote, ...byDistrict]) buckets.sortByPotential();
  // Distances FROM a young person's district TO each opportunity district, sorted: filled now
  // for the districts opportunities are in (usually all of them), later for any other.
  const distances = new DistanceTable(geography, districtIds, 'from');
  for (const id of districtIds) distances.sortedFor(id);
  return { districtIds, byDistrict, remote, distances, size };
}

/**
 * Same result as matchOpportunitiesForYoungPerson(youngPerson, <the indexed opportunities>,
 * geography, today, options), in a fraction of the time.
 */
export function matchWithIndex(
  index: OpportunityIndex,
  youngPerson: MatchableYoungPerson,
  today: LocalDate,
  options: MatchOptions = {},
): MatchList {
  const limit = resolveLimit(options.limit);
  const day = matchDay(today);
  const prepared = prepareYoungPerson(youngPerson);
  const ages = new AgeThresholds(youngPerson.dateOfBirth);
  const matches = newCandidateHeap(limit);
  const nearMisses = newCandidateHeap(limit);
  const admitsAny = (score: number, { closingDate, id }: MatchableOpportunity, canBeNearMiss: boolean): boolean =>
    matches.admits(score, closingDate, id, youngPerson.id) ||
    (canBeNearMiss && nearMisses.admits(score, closingDate, id, youngPerson.id));

  // Every bucket to read with the distance that applies to it, best potential first.
  const toRead: { bucket: OpportunityBucket; nearestKm: number }[] = [];
  for (const bucket of index.remote.forYoungPerson(youngPerson)) toRead.push({ bucket, nearestKm: 0 });
  const reached = index.distances.reachedFrom(youngPerson.districtIds, (id, km) =>
    reachExclusion(false, id, km, youngPerson.maxTravelKm) === null,
  );
  for (const [district, nearestKm] of reached) {
    for (const bucket of index.byDistrict[district]!.forYoungPerson(youngPerson)) toRead.push({ bucket, nearestKm });
  }
  // Buckets with the highest potential first, so the heaps fill with good results early.
  toRead.sort((a, b) => b.bucket.potential[0]! - a.bucket.potential[0]!);

  for (const { bucket, nearestKm } of toRead) {
    const { items, potential } = bucket;
    for (let i = 0; i < items.length; i += 1) {
      const candidate = items[i]!;
      const opportunity = candidate.opportunity;
      // Items come in results order by potential: once one could not get in, none after it can.
      if (!admitsAny(potential[i]!, opportunity, true)) break;
      if (hasClosingDatePassed(opportunity.closingDate, today)) continue;
      const referenceDate = ageReferenceDate(opportunity.startDate, today);
      if (ages.excludes(opportunity.minAgeAtStart, opportunity.maxAgeAtStart, referenceDate)) continue;
      const fit = fitPoints(prepared, candidate, nearestKm, day, null);
      const best = fit + candidate.maxQualificationPoints;
      if (!admitsAny(best, opportunity, candidate.canBeNearMiss)) continue;
      const qualifications = checkQualifications(prepared, candidate, null, null);
      const missingCount = qualifications.missingCount + (lacksRequiredInterest(prepared, candidate) ? 1 : 0);
      if (missingCount > MAX_MISSING_FOR_NEAR_MISS) continue;
      const points = qualifications.points;
      const score = points + fit;
      const heap = missingCount === 0 ? matches : nearMisses;
      if (!heap.admits(score, opportunity.closingDate, opportunity.id, youngPerson.id)) continue;
      heap.offer({
        score,
        closingDate: opportunity.closingDate,
        opportunityId: opportunity.id,
        youngPersonId: youngPerson.id,
        youngPerson: prepared,
        opportunity: candidate,
        nearestKm,
      });
    }
  }
  return { matches: toResults(matches, day), nearMisses: toResults(nearMisses, day) };
}
