/**
 * The plain directions: evaluate() on every pair, then a full sort. The service calls these with
 * a database result already narrowed (open, in the area); they are also the reference the
 * indexed functions must agree with exactly.
 */
import type { LocalDate } from '../lib/dates.js';
import { evaluate } from './evaluate.js';
import type {
  DistrictGeography,
  MatchList,
  MatchOptions,
  MatchResult,
  MatchableOpportunity,
  MatchableYoungPerson,
} from './matching.types.js';
import { compareRanked, resolveLimit } from './ordering.js';

function toMatchList(results: Iterable<ReturnType<typeof evaluate>>, options: MatchOptions): MatchList {
  const limit = resolveLimit(options.limit);
  const matches: MatchResult[] = [];
  const nearMisses: MatchResult[] = [];
  for (const result of results) {
    if (result.outcome === 'match') matches.push(result);
    else if (result.outcome === 'near_miss') nearMisses.push(result);
  }
  matches.sort(compareRanked);
  nearMisses.sort(compareRanked);
  return { matches: matches.slice(0, limit), nearMisses: nearMisses.slice(0, limit) };
}

/** Opportunities for one young person, best first; near misses (one qualification short) apart. */
export function matchOpportunitiesForYoungPerson(
  youngPerson: MatchableYoungPerson,
  opportunities: readonly MatchableOpportunity[],
  geography: DistrictGeography,
  today: LocalDate,
  options: MatchOptions = {},
): MatchList {
  return toMatchList(
    opportunities.map((opportunity) => evaluate(youngPerson, opportunity, geography, today)),
    options,
  );
}

/** Young people for one opportunity, best first (ties by young person id); near misses apart. */
export function rankCandidatesForOpportunity(
  opportunity: MatchableOpportunity,
  youngPeople: readonly MatchableYoungPerson[],
  geography: DistrictGeography,
  today: LocalDate,
  options: MatchOptions = {},
): MatchList {
  return toMatchList(
    youngPeople.map((youngPerson) => evaluate(youngPerson, opportunity, geography, today)),
    options,
  );
}
