/**
 * On FerretDB the caseload lists answer from the young people the matching index holds in memory (a query
 * there decodes every record). These tests hold the lists to the database's own answer: the same people in
 * the same order page by page, changes by this process at once, and an operator tool's writes as soon as
 * its stamp says it wrote.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorld, type WorldInDatabase } from '../../bench/api/world-documents.js';
import { generateWorld } from '../../bench/matching/synthetic-data.js';
import { isConnectedToFerretDb } from '../../src/lib/database.js';
import { stampWrite } from '../../src/lib/write-stamps.js';
import { liveMatching } from '../../src/matching/live-matching.js';
import { YoungPersonModel, type YoungPersonRecord } from '../../src/young-people/young-people.model.js';
import { givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

const TODAY = '2025-06-02';
let app: TestApp;
let world: WorldInDatabase;
let manager: GivenUser;
let adviser: GivenUser;
let colleague: GivenUser;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Listed = { items: { id: string }[]; total: number };
const listOf = async (who: GivenUser, query = ''): Promise<Listed> => {
  const response = await app.http().get(`/young-people?limit=20${query}`).set('authorization', who.auth);
  expect(response.status).toBe(200);
  return response.body as Listed;
};
const idsOf = (listed: Listed) => listed.items.map((item) => item.id);
const databaseAnswer = async (filter: Record<string, unknown>, offset: number) => {
  const records = await YoungPersonModel.find({ archivedAt: null, ...filter }).sort({ lastName: 1, firstName: 1, _id: 1 }).skip(offset).limit(20).lean<YoungPersonRecord[]>();
  return { ids: records.map((record) => String(record._id)), total: await YoungPersonModel.countDocuments({ archivedAt: null, ...filter }) };
};

beforeAll(async () => {
  // A refresh far away: only this process's writes and operator tools' stamps can bring the held records up to date.
  app = await startTestApp({ now: `${TODAY}T09:00:00Z`, config: { MATCHING_INDEX_REFRESH_SECONDS: '3600' } });
  await waitFor(() => liveMatching()?.youngPeople.ready === true, 'the held young people to load');
  world = await insertWorld(generateWorld({ seed: 77, districts: 20, youngPeople: 300, opportunities: 30, notOpen: 0.1 }), { teams: 3, caseload: 30 });
  manager = await givenUser(app, 'manager', { team: world.teams[1]! });
  adviser = await givenUser(app, 'personal_adviser', { team: world.teams[1]! });
  colleague = await givenUser(app, 'personal_adviser', { team: world.teams[1]! });
  const db = mongoose.connection.db!;
  // Names that sort on more than the last name, and the team's people given to one adviser: written as an import would, then stamped.
  const team = await db.collection('young_people').find({ team: world.teams[1] }, { projection: { _id: 1 } }).toArray();
  for (const [i, person] of team.entries()) {
    await db.collection('young_people').updateOne({ _id: person._id }, { $set: { lastName: ['Ahmed', 'Ãlvarez', 'Zed', 'ahmed'][i % 4], firstName: `Sam${i % 7}`, personalAdviserId: new mongoose.Types.ObjectId(adviser.id), updatedAt: new Date() } });
  }
  await stampWrite('young_people');
}, 120_000);
afterAll(async () => app.close());

describe('caseload lists from the held young people (FerretDB)', { timeout: 120_000 }, () => {
  it('when an adviser and their manager page through their lists, with filters, then every page equals the database sorted by name', async () => {
    expect(isConnectedToFerretDb()).toBe(true);
    const adviserId = new mongoose.Types.ObjectId(adviser.id);
    const first = await listOf(adviser);
    expect(first.total).toBeGreaterThan(60);
    for (let offset = 0; offset < first.total; offset += 20) {
      const listed = await listOf(adviser, `&offset=${offset}`);
      const expected = await databaseAnswer({ personalAdviserId: adviserId }, offset);
      expect({ ids: idsOf(listed), total: listed.total }).toEqual(expected);
    }
    const districtId = String(world.districtIds.values().next().value);
    for (const [query, filter] of [
      ['&careStatus=care_leaver', { team: world.teams[1], careStatus: 'care_leaver' }],
      [`&districtId=${districtId}`, { team: world.teams[1], $or: [{ homeDistrictId: new mongoose.Types.ObjectId(districtId) }, { preferredDistrictIds: new mongoose.Types.ObjectId(districtId) }] }],
      [`&personalAdviserId=${adviser.id}&offset=20`, { personalAdviserId: adviserId }],
    ] as const) {
      const listed = await listOf(manager, query);
      const expected = await databaseAnswer(filter, query.includes('offset=20') ? 20 : 0);
      expect({ ids: idsOf(listed), total: listed.total }).toEqual(expected);
    }
    // A colleague asking for this adviser's caseload gets nobody.
    expect((await listOf(colleague, `&personalAdviserId=${adviser.id}`)).total).toBe(0);
  });

  it('when a manager reallocates through the service, then both advisers\' lists change at once', async () => {
    const moving = idsOf(await listOf(adviser)).slice(0, 3);
    const moved = await app.http().post('/young-people/reallocate').set('authorization', manager.auth).send({ youngPersonIds: moving, personalAdviserId: colleague.id });
    expect(moved.body).toEqual({ moved: 3 });
    expect(idsOf(await listOf(adviser))).not.toContain(moving[0]);
    expect(idsOf(await listOf(colleague)).sort()).toEqual([...moving].sort());
  });

  it('when another process writes without a stamp the lists keep the held copy, and once a tool stamps its write they show it', async () => {
    const [person] = idsOf(await listOf(adviser));
    const db = mongoose.connection.db!;
    await db.collection('young_people').updateOne({ _id: new mongoose.Types.ObjectId(person) }, { $set: { personalAdviserId: new mongoose.Types.ObjectId(colleague.id), updatedAt: new Date() } });
    // Unstamped (say, a database console): the held copy answers until the next refresh. This is what proves the lists are held.
    expect(idsOf(await listOf(adviser))).toContain(person);
    await stampWrite('young_people');
    expect(idsOf(await listOf(adviser))).not.toContain(person);
    expect(idsOf(await listOf(colleague))).toContain(person);
  });

  it("when a young person's record is closed, then they leave their adviser's list at once", async () => {
    const [person] = idsOf(await listOf(colleague));
    const closed = await app.http().delete(`/young-people/${person}`).set('authorization', manager.auth);
    expect(closed.status).toBeLessThan(300);
    expect(idsOf(await listOf(colleague))).not.toContain(person);
  });
});
