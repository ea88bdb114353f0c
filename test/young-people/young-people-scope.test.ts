import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let home: string;
let adviser: GivenUser;
let colleague: GivenUser;
let southAdviser: GivenUser;
let manager: GivenUser;
let southManager: GivenUser;
let admin: GivenUser;

beforeAll(async () => {
  app = await startTestApp();
  home = (await givenDistrict()).id;
  adviser = await givenUser(app, 'personal_adviser', { team: 'yp-north' });
  colleague = await givenUser(app, 'personal_adviser', { team: 'yp-north' });
  southAdviser = await givenUser(app, 'personal_adviser', { team: 'yp-south' });
  manager = await givenUser(app, 'manager', { team: 'yp-north' });
  southManager = await givenUser(app, 'manager', { team: 'yp-south' });
  admin = await givenUser(app, 'admin');
});
afterAll(async () => app.close());

const get = (as: GivenUser, path: string) => app.http().get(path).set('authorization', as.auth);

describe('a young person\'s record is scoped to their PA, team manager and admins', () => {
  it('when another PA (same team or not) reads, changes or closes the record, then 404, not 403', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    for (const other of [colleague, southAdviser]) {
      expect((await get(other, `/young-people/${person.id}`)).status).toBe(404);
      expect((await app.http().patch(`/young-people/${person.id}`).set('authorization', other.auth).send({ phone: '01234 567890' })).status).toBe(404);
      expect((await app.http().delete(`/young-people/${person.id}`).set('authorization', other.auth)).status).toBe(404);
    }
    expect((await get(adviser, `/young-people/${person.id}`)).status).toBe(200);
  });

  it('when a manager reads, then their team\'s records are there and another team\'s are 404', async () => {
    const north = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const south = await givenYoungPerson(app, southAdviser, { homeDistrictId: home });
    expect((await get(manager, `/young-people/${north.id}`)).status).toBe(200);
    expect((await get(manager, `/young-people/${south.id}`)).status).toBe(404);
    expect((await get(southManager, `/young-people/${south.id}`)).status).toBe(200);
    expect((await get(admin, `/young-people/${south.id}`)).status).toBe(200);
  });

  it('when a manager lists, then their team\'s caseloads only; a PA lists, then their own only', async () => {
    const mine = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const colleagues = await givenYoungPerson(app, colleague, { homeDistrictId: home });
    const south = await givenYoungPerson(app, southAdviser, { homeDistrictId: home });
    const managerIds = (await get(manager, '/young-people?limit=500')).body.items.map((p: { id: string }) => p.id);
    expect(managerIds).toEqual(expect.arrayContaining([mine.id, colleagues.id]));
    expect(managerIds).not.toContain(south.id);
    const adviserIds = (await get(adviser, '/young-people?limit=500')).body.items.map((p: { id: string }) => p.id);
    expect(adviserIds).toContain(mine.id);
    expect(adviserIds).not.toContain(colleagues.id);
  });

  it('when a PA filters the list by another PA, then they still see nobody else\'s caseload', async () => {
    const colleagues = await givenYoungPerson(app, colleague, { homeDistrictId: home });
    const response = await get(adviser, `/young-people?personalAdviserId=${colleague.id}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((p: { id: string }) => p.id)).not.toContain(colleagues.id);
  });

  it('when a manager filters the list by a PA of another team, then they see nobody, and by their own PA that PA\'s caseload', async () => {
    const souths = await givenYoungPerson(app, southAdviser, { homeDistrictId: home });
    const mine = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const other = await get(manager, `/young-people?personalAdviserId=${southAdviser.id}`);
    expect(other.status).toBe(200);
    expect(other.body.total).toBe(0);
    expect(other.body.items.map((p: { id: string }) => p.id)).not.toContain(souths.id);
    const own = (await get(manager, `/young-people?personalAdviserId=${adviser.id}&limit=500`)).body.items.map((p: { id: string }) => p.id);
    expect(own).toContain(mine.id);
    expect((await get(southManager, `/young-people?personalAdviserId=${southAdviser.id}&limit=500`)).body.items.map((p: { id: string }) => p.id)).toContain(souths.id);
  });

  it('when a housing officer or employer uses /young-people, then 403', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    for (const role of ['housing_officer', 'employer'] as const) {
      const outsider = await givenUser(app, role);
      expect((await get(outsider, '/young-people')).status).toBe(403);
      expect((await get(outsider, `/young-people/${person.id}`)).status).toBe(403);
      expect((await app.http().post('/young-people').set('authorization', outsider.auth).send({})).status).toBe(403);
    }
  });
});

describe('reads and changes are audited', () => {
  it('when a PA reads and then updates a record, then a manager sees both in the audit trail, with field names and no values', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    await get(adviser, `/young-people/${person.id}`);
    await app.http().patch(`/young-people/${person.id}`).set('authorization', adviser.auth).send({ phone: '07700 900123', interests: ['digital', 'care_services'] });
    const audit = await get(manager, `/young-people/${person.id}/audit`);
    expect(audit.status).toBe(200);
    const entries = audit.body as { action: string; actorUserId: string; via: string; fields: string[] }[];
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ action: 'read', actorUserId: adviser.id, via: 'GET /young-people/:id' }),
      expect.objectContaining({ action: 'update', actorUserId: adviser.id, via: 'PATCH /young-people/:id', fields: ['phone', 'interests'] }),
      expect.objectContaining({ action: 'create', actorUserId: adviser.id }),
    ]));
    expect(JSON.stringify(entries)).not.toContain('07700');
  });

  it('when a list is read, then each young person listed gets a list entry', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    await get(adviser, '/young-people?limit=500');
    const audit = await get(manager, `/young-people/${person.id}/audit`);
    expect(audit.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'list', via: 'GET /young-people' })]));
  });

  it('when a manager of another team asks for the audit trail, then 404; a PA, then 403', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    expect((await get(southManager, `/young-people/${person.id}/audit`)).status).toBe(404);
    expect((await get(adviser, `/young-people/${person.id}/audit`)).status).toBe(403);
  });
});
