/**
 * The matching endpoints answer through the in-memory indexes, and their answers equal the reference
 * (evaluate() on every pair, full sort) computed here from the records in the database: on a seeded
 * synthetic England written straight to the database (as another process would: picked up by the
 * refresh), after this process's own writes (applied at once), and on a later day (no stale date).
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorld, type WorldInDatabase } from '../../bench/api/world-documents.js';
import { generateWorld } from '../../bench/matching/synthetic-data.js';
import { addDays } from '../../src/lib/dates.js';
import { liveMatching } from '../../src/matching/live-matching.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from '../../src/matching/matching-records.js';
import { OpportunityModel, type OpportunityRecord } from '../../src/opportunities/opportunities.model.js';
import { YoungPersonModel, type YoungPersonRecord } from '../../src/young-people/young-people.model.js';
import { givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

const TODAY = '2025-06-02';
const LIMIT = 15;
let app: TestApp;
let admin: GivenUser;
let manager: GivenUser;
let world: WorldInDatabase;

type Ranked = { score: number; outcome: string; opportunity?: { id: string }; youngPerson?: { id: string } };
const brief = (list: Ranked[]) => list.map((r) => `${r.opportunity?.id ?? r.youngPerson?.id}:${r.score}:${r.outcome}`);
const briefReference = (list: { opportunityId: string; youngPersonId: string; score: number; outcome: string }[], key: 'opportunityId' | 'youngPersonId') => list.map((r) => `${r[key]}:${r.score}:${r.outcome}`);

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every record, read from the database once per test (after its writes): the reference's inputs. */
let records: { people: YoungPersonRecord[]; opportunities: OpportunityRecord[]; geography: Awaited<ReturnType<typeof loadGeography>>['geography'] };
async function readRecords(): Promise<void> {
  const [people, opportunities, { geography }] = [await YoungPersonModel.find({ archivedAt: null }).lean<YoungPersonRecord[]>(), await OpportunityModel.find({}).lean<OpportunityRecord[]>(), await loadGeography()];
  records = { people, opportunities, geography };
}

function referenceMatches(youngPersonId: mongoose.Types.ObjectId | string, today: string) {
  const person = records.people.find((p) => String(p._id) === String(youngPersonId))!;
  const open = records.opportunities.filter((o) => o.status === 'open' && o.placesFilled < o.places);
  return matchOpportunitiesForYoungPerson(toMatchableYoungPerson(person), open.map(toMatchableOpportunity), records.geography, today, { limit: LIMIT });
}

function referenceCandidates(opportunityId: mongoose.Types.ObjectId | string, today: string, team?: string) {
  const opportunity = records.opportunities.find((o) => String(o._id) === String(opportunityId))!;
  const people = records.people.filter((p) => !team || p.team === team);
  return rankCandidatesForOpportunity(toMatchableOpportunity(opportunity), people.map(toMatchableYoungPerson), records.geography, today, { limit: LIMIT });
}

async function expectMatchesEqualReference(ids: mongoose.Types.ObjectId[], today: string): Promise<number> {
  let returned = 0;
  for (const id of ids) {
    const response = await app.http().get(`/young-people/${id}/matches?limit=${LIMIT}`).set('authorization', admin.auth);
    expect(response.status).toBe(200);
    const reference = referenceMatches(id, today);
    expect(brief(response.body.matches)).toEqual(briefReference(reference.matches, 'opportunityId'));
    expect(brief(response.body.nearMisses)).toEqual(briefReference(reference.nearMisses, 'opportunityId'));
    returned += response.body.matches.length + response.body.nearMisses.length;
  }
  return returned;
}

beforeAll(async () => {
  app = await startTestApp({ now: `${TODAY}T09:00:00Z`, config: { MATCHING_INDEX_REFRESH_SECONDS: '2' } });
  admin = await givenUser(app, 'admin');
  world = await insertWorld(generateWorld({ seed: 424_242, districts: 25, youngPeople: 400, opportunities: 300, notOpen: 0.1 }), { teams: 3, caseload: 40 });
  manager = await givenUser(app, 'manager', { team: world.teams[1] });
  // Written past the app (as an import or another instance would): the refresh interval picks them up.
  await waitFor(() => (liveMatching()?.youngPeople.entries.size ?? 0) >= 400 && (liveMatching()?.opportunities.entries.size ?? 0) > 200, 'the refresh to pick up the seeded records');
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the background rebuild after the refresh
});
afterAll(async () => app.close());

describe('matching through the in-memory indexes, over HTTP', { timeout: 180_000 }, () => {
  it('when the indexes hold records written by another process, then /matches equals the reference for every sampled young person', async () => {
    const person = await YoungPersonModel.findById(world.youngPersonIds[0]).lean<YoungPersonRecord>();
    expect(liveMatching()!.matchesFor(toMatchableYoungPerson(person!), TODAY, LIMIT)).not.toBeNull(); // the index answers, not the database
    await readRecords();
    const returned = await expectMatchesEqualReference(world.youngPersonIds.filter((_, i) => i % 20 === 0), TODAY);
    expect(returned).toBeGreaterThan(50);
  });

  it('when an admin and a manager ask for candidates, then each equals the reference over everyone and over the team', async () => {
    await readRecords();
    for (const id of world.opportunityIds.filter((_, i) => i % 25 === 0)) {
      const opportunity = records.opportunities.find((o) => String(o._id) === String(id));
      if (opportunity!.status !== 'open') continue;
      const everyone = await app.http().get(`/opportunities/${id}/candidates?limit=${LIMIT}`).set('authorization', admin.auth);
      const reference = referenceCandidates(id, TODAY);
      expect(brief(everyone.body.matches)).toEqual(briefReference(reference.matches, 'youngPersonId'));
      expect(brief(everyone.body.nearMisses)).toEqual(briefReference(reference.nearMisses, 'youngPersonId'));
      const team = await app.http().get(`/opportunities/${id}/candidates?limit=${LIMIT}`).set('authorization', manager.auth);
      const teamReference = referenceCandidates(id, TODAY, world.teams[1]);
      expect(brief(team.body.matches)).toEqual(briefReference(teamReference.matches, 'youngPersonId'));
      expect(brief(team.body.nearMisses)).toEqual(briefReference(teamReference.nearMisses, 'youngPersonId'));
    }
  });

  it("when this process closes an opening and changes a young person, then the very next answers reflect it and still equal the reference", async () => {
    const personId = world.youngPersonIds[40]!;
    const before = await app.http().get(`/young-people/${personId}/matches?limit=${LIMIT}`).set('authorization', admin.auth);
    const top = before.body.matches[0]?.opportunity.id as string;
    expect(top).toBeDefined();
    const closed = await app.http().post(`/opportunities/${top}/close`).set('authorization', admin.auth).send({});
    expect(closed.status).toBe(200);
    const changed = await app.http().patch(`/young-people/${personId}`).set('authorization', admin.auth).send({ interests: ['digital'], maxTravelKm: 40 });
    expect(changed.status).toBe(200);
    const after = await app.http().get(`/young-people/${personId}/matches?limit=${LIMIT}`).set('authorization', admin.auth);
    expect(after.body.matches.map((m: Ranked) => m.opportunity!.id)).not.toContain(top);
    await readRecords();
    await expectMatchesEqualReference([personId, ...world.youngPersonIds.slice(41, 45)], TODAY);
    const someOpening = world.opportunityIds.find((_, i) => i % 25 === 0)!;
    const candidates = await app.http().get(`/opportunities/${someOpening}/candidates?limit=${LIMIT}`).set('authorization', admin.auth);
    const reference = referenceCandidates(someOpening, TODAY);
    expect(brief(candidates.body.matches)).toEqual(briefReference(reference.matches, 'youngPersonId'));
  });

  it('when the date moves on by weeks, then the same indexes answer for the new day (closing dates and ages) exactly as the reference', async () => {
    const later = addDays(TODAY, 45);
    app.clock.set(`${later}T09:00:00Z`);
    admin = await givenUser(app, 'admin'); // a session from weeks ago has expired
    await readRecords();
    await expectMatchesEqualReference(world.youngPersonIds.filter((_, i) => i % 40 === 7), later);
  });
});
