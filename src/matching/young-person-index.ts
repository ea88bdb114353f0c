/**
 * Young people bucketed for "who could take this opening?" over a large in-memory set.
 * Returns exactly what rankCandidatesForOpportunity returns for the same young people.
 *
 * Pairs are skipped only where a hard rule, decided by the rule's own function, would exclude them,
 * or where the score cannot reach the results:
 *   - per district they live or would work in (plus one bucket of everyone, for remote offers),
 *     then per care status and what they agreed to share, so a query reads only eligible buckets;
 *   - districts sorted by distance from the opening, read up to the longest travel limit anyone has;
 *   - those interested in the opening's sector read first, from buckets of their own;
 *   - the age-at-start rule as a window of dates of birth worked out once per query
 *     (dateOfBirthWindow), so each person costs two string comparisons, not an ageOn call;
 *   - buckets in id order, the last tie-breaker: once even the best score anyone in the bucket
 *     could reach would not get into the results at this id, the rest of the bucket is skipped.
 *     (Offers everyone scores the same on, such as a remote benefit, stop after a few dozen.)
 * Only the returned pairs are explained. A snapshot: rebuild it when young people change.
 * Queries must not overlap (they are synchronous, so in Node they cannot).
 */
import type { LocalDate } from '../lib/dates.js';
import { SECTORS, type Sector } from '../opportunities/sectors.js';
import { CARE_STATUSES } from '../young-people/ssda903.js';
import { dateOfBirthWindow, isInDateOfBirthWindow } from './age-window.js';
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
import type {
  DistrictGeography,
  EmployerSharing,
  MatchList,
  MatchOptions,
  MatchableOpportunity,
  MatchableYoungPerson,
} from './matching.types.js';
import { resolveLimit } from './ordering.js';
import { matchDay, prepareOpportunity, prepareYoungPerson, type PreparedYoungPerson } from './prepared.js';

interface IndexedYoungPerson {
  readonly prepared: PreparedYoungPerson;
  /** Position in the index, for the per-query "already seen" stamp. */
  readonly position: number;
  /** Their districts, as positions in the index's districtIds. */
  readonly districts: readonly number[];
}

interface PersonBucket {
  /** By id, the last tie-breaker, so a scan can stop once a tie could no longer get in. */
  readonly people: IndexedYoungPerson[];
}

const SHARING_CHOICES: readonly EmployerSharing[] = ['nothing', 'anonymous_profile', 'name_and_contact'];

// For the most anyone in a bucket could score: interested in every sector, or in none.
const bestCase = (interests: readonly Sector[]) =>
  prepareYoungPerson({
    id: '',
    dateOfBirth: '2000-01-01',
    careStatus: 'care_leaver',
    districtIds: [],
    maxTravelKm: 0,
    interests: [...interests],
    qualifications: [],
    employerSharing: 'name_and_contact',
  });
const INTERESTED_IN_EVERYTHING = bestCase(SECTORS);
const INTERESTED_IN_NOTHING = bestCase([]);

type BucketSet = Map<string, PersonBucket>;

/** Build with buildYoungPersonIndex and pass to candidatesWithIndex; the fields are its own business. */
export interface YoungPersonIndex {
  readonly districtIds: readonly string[];
  readonly byDistrict: readonly BucketSet[];
  readonly everyone: BucketSet;
  readonly distances: DistanceTable;
  /** The longest travel limit of anyone indexed: no district further from an opening is read. */
  readonly longestTravelKm: number;
  /** seen[position] === epoch: already read in this query (a young person is in several buckets). */
  readonly seen: Uint32Array;
  epoch: number;
  /** Young people indexed. */
  readonly size: number;
}

/** Everyone in a care status and sharing choice; or, with a sector, only those interested in it. */
function bucketKey(careStatus: string, sharing: string, sector: string | null): string {
  return sector === null ? `${careStatus}|${sharing}` : `${careStatus}|${sharing}|${sector}`;
}

function addTo(set: BucketSet, key: string, person: IndexedYoungPerson): void {
  let bucket = set.get(key);
  if (bucket === undefined) {
    bucket = { people: [] };
    set.set(key, bucket);
  }
  bucket.people.push(person);
}

function addToAll(set: BucketSet, person: IndexedYoungPerson): void {
  const { careStatus, employerSharing } = person.prepared.person;
  addTo(set, bucketKey(careStatus, employerSharing, null), person);
  for (const sector of person.prepared.interests) {
    addTo(set, bucketKey(careStatus, employerSharing, sector), person);
  }
}

/** Young people's ids must be unique (the last tie-breaker). */
export function buildYoungPersonIndex(
  youngPeople: readonly MatchableYoungPerson[],
  geography: DistrictGeography,
): YoungPersonIndex {
  const districtIds: string[] = [];
  const districtIndex = new Map<string, number>();
  const byDistrict: BucketSet[] = [];
  const everyone: BucketSet = new Map();
  let longestTravelKm = Number.NEGATIVE_INFINITY;
  youngPeople.forEach((person, position) => {
    const districts: number[] = [];
    for (const id of new Set(person.districtIds)) {
      let index = districtIndex.get(id);
      if (index === undefined) {
        index = districtIds.push(id) - 1;
        districtIndex.set(id, index);
        byDistrict.push(new Map());
      }
      districts.push(index);
    }
    const indexed: IndexedYoungPerson = { prepared: prepareYoungPerson(person), position, districts };
    addToAll(everyone, indexed);
    for (const district of districts) addToAll(byDistrict[district]!, indexed);
    if (person.maxTravelKm > longestTravelKm) longestTravelKm = person.maxTravelKm;
  });
  for (const set of [everyone, ...byDistrict]) {
    for (const bucket of set.values()) {
      bucket.people.sort((a, b) => {
        const ia = a.prepared.person.id;
        const ib = b.prepared.person.id;
        return ia < ib ? -1 : ia > ib ? 1 : a.position - b.position;
      });
    }
  }
  const distances = new DistanceTable(geography, districtIds, 'to');
  for (const id of districtIds) distances.sortedFor(id);
  const seen = new Uint32Array(youngPeople.length);
  const size = youngPeople.length;
  return { districtIds, byDistrict, everyone, distances, longestTravelKm, seen, epoch: 0, size };
}

/**
 * Same result as rankCandidatesForOpportunity(opportunity, <the indexed young people>,
 * geography, today, options), in a fraction of the time.
 */
export function candidatesWithIndex(
  index: YoungPersonIndex,
  opportunity: MatchableOpportunity,
  today: LocalDate,
  options: MatchOptions = {},
): MatchList {
  const limit = resolveLimit(options.limit);
  const day = matchDay(today);
  const matches = newCandidateHeap(limit);
  const nearMisses = newCandidateHeap(limit);
  const done = (): MatchList => ({ matches: toResults(matches, day), nearMisses: toResults(nearMisses, day) });
  if (
    !isOpenForReferrals(opportunity.status) ||
    hasNoPlacesLeft(opportunity.places, opportunity.placesFilled) ||
    hasClosingDatePassed(opportunity.closingDate, today) ||
    (!opportunity.remote && opportunity.districtId === null)
  ) {
    return done();
  }
  const candidate = prepareOpportunity(opportunity);
  const referenceDate = ageReferenceDate(opportunity.startDate, today);
  const window = dateOfBirthWindow(opportunity.minAgeAtStart, opportunity.maxAgeAtStart, referenceDate);
  const eligible: [string, string][] = [];
  for (const careStatus of CARE_STATUSES) {
    if (!isCareStatusEligible(careStatus, opportunity.eligibleCareStatus)) continue;
    for (const sharing of SHARING_CHOICES) {
      if (hasAgreedSharing(sharing, opportunity.sharingNeeded)) eligible.push([careStatus, sharing]);
    }
  }
  index.epoch = (index.epoch + 1) >>> 0 || (index.seen.fill(0), 1);
  const epoch = index.epoch;
  // Remote: everyone, distance aside. Otherwise the districts anyone might travel from, nearest first.
  let sets = [index.everyone];
  let toOpportunity: Float64Array | null = null;
  if (!opportunity.remote) {
    const districtId = opportunity.districtId!;
    toOpportunity = index.distances.sortedFor(districtId).km;
    const reached = index.distances.reachedFrom([districtId], (id, km) => reachExclusion(false, id, km, index.longestTravelKm) === null);
    sets = [...reached.keys()].map((district) => index.byDistrict[district]!);
  }

  const { closingDate, id: opportunityId } = opportunity;
  const canMiss = candidate.canBeNearMiss; // a near miss needs a requirement to miss (a qualification, a ring-fenced interest)
  const admitsAny = (score: number, youngPersonId: string): boolean =>
    matches.admits(score, closingDate, opportunityId, youngPersonId) ||
    (canMiss && nearMisses.admits(score, closingDate, opportunityId, youngPersonId));

  /** Reads the buckets for `sector` (or everyone), where nobody can score more than `bound`. */
  const scan = (sector: string | null, bound: number): void => {
    for (const set of sets) {
      for (const [careStatus, sharing] of eligible) {
        const people = set.get(bucketKey(careStatus, sharing, sector))?.people ?? [];
        for (let i = 0; i < people.length; i += 1) {
          const { prepared, position, districts } = people[i]!;
          const person = prepared.person;
          // Ids ascend and nobody beats `bound`: once a tie at `bound` is out, so is the rest.
          if (!admitsAny(bound, person.id)) break;
          if (index.seen[position] === epoch) continue;
          index.seen[position] = epoch;
          if (!isInDateOfBirthWindow(window, person.dateOfBirth)) continue;
          let nearestKm = 0;
          if (toOpportunity !== null) {
            nearestKm = Number.POSITIVE_INFINITY;
            for (const district of districts) {
              const km = toOpportunity[district]!;
              if (km < nearestKm) nearestKm = km; // as nearestDistanceKm: a NaN never counts as nearer
            }
            if (reachExclusion(false, opportunity.districtId, nearestKm, person.maxTravelKm) !== null) continue;
          }
          const fit = fitPoints(prepared, candidate, nearestKm, day, null);
          if (!admitsAny(fit + candidate.maxQualificationPoints, person.id)) continue;
          const qualifications = checkQualifications(prepared, candidate, null, null);
          const missingCount = qualifications.missingCount + (lacksRequiredInterest(prepared, candidate) ? 1 : 0);
          if (missingCount > MAX_MISSING_FOR_NEAR_MISS) continue;
          const points = qualifications.points;
          const score = points + fit;
          const heap = missingCount === 0 ? matches : nearMisses;
          if (!heap.admits(score, closingDate, opportunityId, person.id)) continue;
          heap.offer({
            score,
            closingDate,
            opportunityId,
            youngPersonId: person.id,
            youngPerson: prepared,
            opportunity: candidate,
            nearestKm,
          });
        }
      }
    }
  };

  // Those interested in the sector first: they score the most. Then everyone else (those
  // already read are skipped). Bounds take the best case: 0 km away, holding every requirement.
  const boundFor = (bestCasePerson: PreparedYoungPerson) =>
    fitPoints(bestCasePerson, candidate, 0, day, null) + candidate.maxQualificationPoints;
  if (opportunity.sector !== null) scan(opportunity.sector, boundFor(INTERESTED_IN_EVERYTHING));
  scan(null, boundFor(INTERESTED_IN_NOTHING));
  return done();
}
