import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let home: string;
let northAdviser: GivenUser;
let northAdviser2: GivenUser;
let southAdviser: GivenUser;
let northManager: GivenUser;
let admin: GivenUser;
const ids: Record<string, string> = {};
let opportunityId: string;

beforeAll(async () => {
  app = await startTestApp();
  home = (await givenDistrict()).id;
  northAdviser = await givenUser(app, 'personal_adviser', { team: 'list-north' });
  northAdviser2 = await givenUser(app, 'personal_adviser', { team: 'list-north' });
  southAdviser = await givenUser(app, 'personal_adviser', { team: 'list-south' });
  northManager = await givenUser(app, 'manager', { team: 'list-north' });
  admin = await givenUser(app, 'admin');
  opportunityId = (await givenOpenOpportunity({ districtId: home, places: 5 })).id;
  for (const [name, adviser] of [['north1', northAdviser], ['north2', northAdviser2], ['south', southAdviser]] as const) {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    ids[name] = (await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId })).id;
  }
  await givenReferralMovedThrough(app, northAdviser2, ids.north2!, ['informal_meeting']);
});
afterAll(async () => app.close());

const list = async (as: GivenUser, query = '') => {
  const response = await app.http().get(`/referrals?opportunityId=${opportunityId}${query}`).set('authorization', as.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string }[]).map((r) => r.id).sort();
};

describe('GET /referrals is scoped', () => {
  it('when a PA lists, then only their own caseload\'s referrals', async () => {
    expect(await list(northAdviser)).toEqual([ids.north1]);
  });
  it('when a manager lists, then their team\'s', async () => {
    expect(await list(northManager)).toEqual([ids.north1, ids.north2].sort());
  });
  it('when an admin lists, then everyone\'s', async () => {
    expect(await list(admin)).toEqual([ids.north1, ids.north2, ids.south].sort());
  });
  it('when filtered by stage, then only that stage', async () => {
    expect(await list(northManager, '&stage=informal_meeting')).toEqual([ids.north2]);
  });
  it('when a PA filters by another PA, then nothing (a filter narrows, never widens)', async () => {
    expect(await list(northAdviser, `&personalAdviserId=${northAdviser2.id}`)).toEqual([]);
  });
  it('when an employer or housing officer lists, then 403', async () => {
    for (const role of ['employer', 'housing_officer'] as const) {
      expect((await app.http().get('/referrals').set('authorization', (await givenUser(app, role)).auth)).status).toBe(403);
    }
  });
});

describe('GET /referrals/:id', () => {
  it('when it is in scope, then 200; another PA\'s, or another team\'s manager, then 404', async () => {
    const get = (as: GivenUser) => app.http().get(`/referrals/${ids.north1}`).set('authorization', as.auth);
    expect((await get(northAdviser)).status).toBe(200);
    expect((await get(northManager)).status).toBe(200);
    expect((await get(northAdviser2)).status).toBe(404);
    expect((await get(await givenUser(app, 'manager', { team: 'list-south' }))).status).toBe(404);
  });
});
