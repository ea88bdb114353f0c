/**
 * The I/O edge of matching: loads the few records that can possibly match with indexed queries,
 * maps them onto the engine's input types, calls the pure engine and dresses its results for the API.
 * Every rule lives in the engine (matching.rules.ts); the queries here only narrow, never decide.
 */
import { recordAudit } from '../audit/audit.service.js';
import { ageOn } from '../lib/age.js';
import { londonDateOf, type LocalDate } from '../lib/dates.js';
import { matchesScope, readById } from '../lib/read-by-id.js';
import { liveMatching } from './live-matching.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import { caseloadFilter } from '../young-people/young-people.access.js';
import { EMPLOYER_SHARING, YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import { getYoungPersonInScope } from '../young-people/young-people.service.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from './matching.js';
import { dateOfBirthWindow } from './age-window.js';
import { SHARING_RANK, ageReferenceDate } from './matching.rules.js';
import type { DistrictGeography, MatchList, MatchResult, MatchableOpportunity, MatchableYoungPerson } from './matching.types.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** The furthest anyone may say they travel (young-people schema); bounds the candidate query. */
const MAX_TRAVEL_KM = 200;

import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from './matching-records.js';

export { loadGeography, toMatchableOpportunity, toMatchableYoungPerson };

/** Districts within `km` of any of `from`. */
function districtsWithin(geography: DistrictGeography, allDistrictIds: string[], from: string[], km: number): string[] {
  return allDistrictIds.filter((to) => from.some((origin) => geography.distanceKm(origin, to) <= km));
}

// ---- Views ---------------------------------------------------------------------------------

function explanation(result: MatchResult) {
  return {
    outcome: result.outcome,
    score: result.score,
    reasons: result.reasons.map(({ code, points, text }) => ({ code, points, text })),
    missing: result.missing.map(({ subject, level, heldLevel, awaitingCheck }) => ({ subject, level, heldLevel: heldLevel ?? null, awaitingCheck: awaitingCheck === true })),
    missingInterest: result.missingInterest,
  };
}

function opportunitySummary(record: OpportunityRecord) {
  return {
    id: String(record._id),
    title: record.title,
    kind: record.kind,
    providerName: record.providerName,
    sector: record.sector ?? null,
    level: record.level ?? null,
    ringFenced: record.ringFenced,
    remote: record.remote,
    districtId: record.districtId ? String(record.districtId) : null,
    closingDate: record.closingDate ?? null,
    startDate: record.startDate ?? null,
    placesLeft: Math.max(0, record.places - record.placesFilled),
  };
}

async function existingReferrals(filter: Record<string, unknown>, keyOf: (r: { youngPersonId: unknown; opportunityId: unknown }) => string) {
  const referrals = await ReferralModel.find(filter, { youngPersonId: 1, opportunityId: 1, stage: 1 }).lean();
  return new Map(referrals.map((r) => [keyOf(r), { id: String(r._id), stage: r.stage }]));
}

// ---- Young person -> openings ------------------------------------------------------------------

/**
 * Ranked openings for a young person the actor may see (404 otherwise), near misses apart.
 * Loads only open opportunities whose closing date has not passed, in a district within the
 * young person's reach or remote (status 'open' also means places left: taking the last place sets 'filled').
 */
export async function matchesForYoungPerson(context: Context, youngPersonId: string, limit: number) {
  const record = await getYoungPersonInScope(context.actor, youngPersonId);
  return matchesForRecord(context, record, limit, 'GET /young-people/:id/matches');
}

/**
 * The same ranking for a record already in hand and in scope: a caseworker's (above) or a young person's own
 * (their pages load their record from their account). Audited as a read of the record's matches.
 */
export async function matchesForRecord(context: Context, record: YoungPersonRecord, limit: number, via: string) {
  const youngPersonId = String(record._id);
  const today = londonDateOf(context.now);
  const youngPerson = toMatchableYoungPerson(record);
  const { ranked, opportunityOf } = await rankOpportunities(youngPerson, today, limit);
  const referrals = await existingReferrals({ youngPersonId: record._id }, (r) => String(r.opportunityId));
  const present = (result: MatchResult) => ({
    opportunity: opportunitySummary(opportunityOf(result.opportunityId)),
    ...explanation(result),
    referral: referrals.get(result.opportunityId) ?? null,
  });
  await recordAudit(context, { action: 'read', resource: 'young_person', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: ['matches'], via });
  return { youngPersonId, today, matches: ranked.matches.map(present), nearMisses: ranked.nearMisses.map(present) };
}

/** Through the in-memory index when it is ready; otherwise from the database (the same answer, slower). */
async function rankOpportunities(youngPerson: MatchableYoungPerson, today: LocalDate, limit: number): Promise<{ ranked: MatchList; opportunityOf: (id: string) => OpportunityRecord }> {
  const indexed = liveMatching()?.matchesFor(youngPerson, today, limit);
  if (indexed) return { ranked: indexed.ranked, opportunityOf: (id) => indexed.opportunities.get(id)!.record };
  const { geography, districtIds } = await loadGeography();
  const reachable = districtsWithin(geography, districtIds, youngPerson.districtIds, youngPerson.maxTravelKm);
  const records = await OpportunityModel.find({
    status: 'open',
    $and: [{ $or: [{ closingDate: null }, { closingDate: { $gte: today } }] }, { $or: [{ remote: true }, { national: true }, { districtId: { $in: reachable } }] }],
  }).lean<OpportunityRecord[]>();
  const open = records.filter((r) => r.placesFilled < r.places);
  const byId = new Map(open.map((r) => [String(r._id), r]));
  const ranked = matchOpportunitiesForYoungPerson(youngPerson, open.map(toMatchableOpportunity), geography, today, { limit });
  return { ranked, opportunityOf: (id) => byId.get(id)! };
}

// ---- Opening -> candidates ---------------------------------------------------------------------

/** The dates of birth within the age range on the reference date, as a query (the same window the index uses). */
function dateOfBirthFilter(opportunity: MatchableOpportunity, today: string): Record<string, string> | null {
  const window = dateOfBirthWindow(opportunity.minAgeAtStart, opportunity.maxAgeAtStart, ageReferenceDate(opportunity.startDate, today));
  if (window === null) return null;
  return window.after === null ? { $lte: window.upTo } : { $gt: window.after, $lte: window.upTo };
}

/**
 * Ranked young people for an opening, among those the actor may see (a manager: their team's), near
 * misses apart. Summary fields only; audited as a list read of the young people returned.
 */
export async function candidatesForOpportunity(context: Context, opportunityId: string, limit: number) {
  const scope = caseloadFilter(context.actor);
  const record = scope ? await readById<OpportunityRecord>(OpportunityModel, opportunityId) : null;
  if (!record || !scope) throw notFound('Opportunity');
  const today = londonDateOf(context.now);
  const opportunity = toMatchableOpportunity(record);
  const { ranked, personOf } = await rankCandidates(opportunity, scope, today, limit);
  const referrals = await existingReferrals({ opportunityId: record._id }, (r) => String(r.youngPersonId));
  const present = (result: MatchResult) => {
    const person = personOf(result.youngPersonId);
    return {
      youngPerson: { id: result.youngPersonId, name: `${person.preferredName ?? person.firstName} ${person.lastName}`, age: ageOn(person.dateOfBirth, today) },
      ...explanation(result),
      referral: referrals.get(result.youngPersonId) ?? null,
    };
  };
  const matches = ranked.matches.map(present);
  const nearMisses = ranked.nearMisses.map(present);
  const shownIds = [...matches, ...nearMisses].map((c) => c.youngPerson.id);
  if (shownIds.length) await recordAudit(context, { action: 'list', resource: 'young_person', youngPersonIds: shownIds, fields: ['candidates'], via: 'GET /opportunities/:id/candidates' });
  return { opportunityId, today, status: record.status, matches, nearMisses };
}

/**
 * Through the in-memory young people when ready (the index for everyone, the reference over a team's
 * records for a manager: the same scope filter, applied in code); otherwise a query for the plausible ones.
 */
async function rankCandidates(opportunity: MatchableOpportunity, scope: Record<string, unknown>, today: LocalDate, limit: number): Promise<{ ranked: MatchList; personOf: (id: string) => YoungPersonRecord }> {
  const everyone = Object.keys(scope).every((key) => key === 'archivedAt'); // what every held record already passes
  const indexed = liveMatching()?.candidatesFor(opportunity, everyone, (person) => matchesScope(person, scope), today, limit);
  if (indexed) return { ranked: indexed.ranked, personOf: (id) => indexed.youngPeople.get(id)!.record };
  const { geography, districtIds } = await loadGeography();
  const filter: Record<string, unknown> = { ...scope };
  if (opportunity.eligibleCareStatus !== 'both') filter.careStatus = opportunity.eligibleCareStatus;
  const sharingAllowed = EMPLOYER_SHARING.filter((s) => SHARING_RANK[s] >= SHARING_RANK[opportunity.sharingNeeded]);
  filter.employerSharing = { $in: sharingAllowed };
  const dateOfBirth = dateOfBirthFilter(opportunity, today);
  if (dateOfBirth) filter.dateOfBirth = dateOfBirth;
  if (!opportunity.remote) {
    const near = opportunity.districtId ? districtsWithin(geography, districtIds, [opportunity.districtId], MAX_TRAVEL_KM) : [];
    filter.$or = [{ homeDistrictId: { $in: near } }, { preferredDistrictIds: { $in: near } }];
  }
  const people = await YoungPersonModel.find(filter).lean<YoungPersonRecord[]>();
  const byId = new Map(people.map((p) => [String(p._id), p]));
  const ranked = rankCandidatesForOpportunity(opportunity, people.map(toMatchableYoungPerson), geography, today, { limit });
  return { ranked, personOf: (id) => byId.get(id)! };
}
