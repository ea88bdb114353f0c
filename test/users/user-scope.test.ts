import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, unique } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let district: { id: string };
beforeAll(async () => {
  app = await startTestApp();
  district = await givenDistrict();
});
afterAll(async () => app.close());

describe("accounts outside a manager's team (issue 11 item 5)", () => {
  it("when a manager reads or changes another team's account, then it is 404 (not 403), while their own team's PA is 200", async () => {
    const team = unique('team');
    const manager = await givenUser(app, 'manager', { team });
    const ownAdviser = await givenUser(app, 'personal_adviser', { team });
    const otherAdviser = await givenUser(app, 'personal_adviser', { team: unique('other-team') });

    expect((await app.http().get(`/users/${otherAdviser.id}`).set('authorization', manager.auth)).status).toBe(404);
    expect((await app.http().patch(`/users/${otherAdviser.id}`).set('authorization', manager.auth).send({ name: 'Renamed' })).status).toBe(404);
    const own = await app.http().get(`/users/${ownAdviser.id}`).set('authorization', manager.auth);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: ownAdviser.id, team });
    expect((await app.http().patch(`/users/${ownAdviser.id}`).set('authorization', manager.auth).send({ name: 'Renamed' })).body).toMatchObject({ name: 'Renamed' });
  });
});

describe('a caseload always has an owner', () => {
  it('when a PA with a caseload is deactivated and their team has no other manager, then it is refused with 409 and the PA stays active', async () => {
    const adviser = await givenUser(app, 'personal_adviser', { team: unique('managerless') });
    const admin = await givenUser(app, 'admin');
    await givenYoungPerson(app, adviser, { homeDistrictId: district.id });

    const response = await app.http().patch(`/users/${adviser.id}`).set('authorization', admin.auth).send({ active: false });

    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/no other active manager/);
    expect((await app.http().get('/young-people').set('authorization', adviser.auth)).status).toBe(200);
  });

  it("when a PA with a caseload would be left without a team, then it is refused with 409; without a caseload it is allowed", async () => {
    const admin = await givenUser(app, 'admin');
    const holding = await givenUser(app, 'personal_adviser', { team: unique('team') });
    const empty = await givenUser(app, 'personal_adviser', { team: unique('team') });
    await givenYoungPerson(app, holding, { homeDistrictId: district.id });

    expect((await app.http().patch(`/users/${holding.id}`).set('authorization', admin.auth).send({ team: null })).status).toBe(409);
    expect((await app.http().patch(`/users/${empty.id}`).set('authorization', admin.auth).send({ team: null })).body).toMatchObject({ team: null });
  });
});

describe('correcting an account\'s email address through the API', () => {
  it('when an admin patches a PA\'s email, then it is saved in lower case; an address another account uses is 409; a manager cannot change another team\'s', async () => {
    const admin = await givenUser(app, 'admin');
    const adviser = await givenUser(app, 'personal_adviser', { team: unique('team') });
    const moved = `${unique('moved')}@council.example.test`;
    const changed = await app.http().patch(`/users/${adviser.id}`).set('authorization', admin.auth).send({ email: moved.toUpperCase() });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: adviser.id, email: moved });
    const taken = await app.http().patch(`/users/${adviser.id}`).set('authorization', admin.auth).send({ email: admin.email });
    expect(taken.status).toBe(409);
    expect((await app.http().get(`/users/${adviser.id}`).set('authorization', admin.auth)).body.email).toBe(moved);
    const manager = await givenUser(app, 'manager', { team: unique('other-team') });
    expect((await app.http().patch(`/users/${adviser.id}`).set('authorization', manager.auth).send({ email: `${unique('x')}@council.example.test` })).status).toBe(404);
  });
});
