import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let home: string;
let opportunityId: string;

beforeAll(async () => {
  app = await startTestApp();
  home = (await givenDistrict()).id;
  opportunityId = (await givenOpenOpportunity({ districtId: home, places: 5 })).id;
});
afterAll(async () => app.close());

const getReferral = (as: GivenUser, id: string) => app.http().get(`/referrals/${id}`).set('authorization', as.auth);

describe('when a young person is reallocated to another PA, their referrals follow them', () => {
  it('when a manager moves them to a colleague, then the new PA sees the referral and the old PA gets 404', async () => {
    const oldAdviser = await givenUser(app, 'personal_adviser', { team: 'realloc-a' });
    const newAdviser = await givenUser(app, 'personal_adviser', { team: 'realloc-a' });
    const manager = await givenUser(app, 'manager', { team: 'realloc-a' });
    const person = await givenYoungPerson(app, oldAdviser, { homeDistrictId: home });
    const referral = await givenReferral(app, oldAdviser, { youngPersonId: person.id, opportunityId });
    const moved = await app.http().patch(`/young-people/${person.id}`).set('authorization', manager.auth).send({ personalAdviserId: newAdviser.id });
    expect(moved.status).toBe(200);
    expect((await getReferral(newAdviser, referral.id)).body).toMatchObject({ personalAdviserId: newAdviser.id });
    expect((await getReferral(oldAdviser, referral.id)).status).toBe(404);
  });

  it('when an admin moves them to another team, then the old team\'s manager gets 404 and the new team\'s manager 200', async () => {
    const oldAdviser = await givenUser(app, 'personal_adviser', { team: 'realloc-b' });
    const oldManager = await givenUser(app, 'manager', { team: 'realloc-b' });
    const newAdviser = await givenUser(app, 'personal_adviser', { team: 'realloc-c' });
    const newManager = await givenUser(app, 'manager', { team: 'realloc-c' });
    const admin = await givenUser(app, 'admin');
    const person = await givenYoungPerson(app, oldAdviser, { homeDistrictId: home });
    const referral = await givenReferral(app, oldAdviser, { youngPersonId: person.id, opportunityId });
    expect((await app.http().patch(`/young-people/${person.id}`).set('authorization', admin.auth).send({ personalAdviserId: newAdviser.id })).status).toBe(200);
    expect((await getReferral(oldManager, referral.id)).status).toBe(404);
    expect((await getReferral(newManager, referral.id)).body).toMatchObject({ team: 'realloc-c' });
  });
});
