import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, TEST_PASSWORD } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ config: { LOGIN_MAX_FAILED_ATTEMPTS: '3', LOGIN_LOCKOUT_MINUTES: '15', SESSION_TTL_HOURS: '12' } });
});
afterAll(async () => app.close());

describe('signing in', () => {
  it('when the password is right, then a token works and /auth/me shows who I am', async () => {
    const adviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const me = await app.http().get('/auth/me').set('authorization', adviser.auth);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: adviser.email, role: 'personal_adviser', team: 'south-team' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('when the password is wrong or the email unknown, then 401 with the same message', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const wrong = await app.http().post('/auth/login').send({ email: adviser.email, password: 'not the password' });
    const unknown = await app.http().post('/auth/login').send({ email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('when the password is wrong too many times, then even the right one is refused until the lockout ends', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await app.http().post('/auth/login').send({ email: adviser.email, password: 'guess guess guess' })).status).toBe(401);
    }
    expect((await app.http().post('/auth/login').send({ email: adviser.email, password: TEST_PASSWORD })).status).toBe(401);
    app.clock.advanceMs(16 * 60_000);
    expect((await app.http().post('/auth/login').send({ email: adviser.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('when I log out, then the token stops working', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    expect((await app.http().post('/auth/logout').set('authorization', adviser.auth)).status).toBe(204);
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).status).toBe(401);
  });

  it('when the session is older than its lifetime, then 401', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    app.clock.advanceMs(11 * 3_600_000);
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).status).toBe(200);
    app.clock.advanceMs(2 * 3_600_000);
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).status).toBe(401);
  });

  it('when an admin deactivates an account, then its sessions end at once', async () => {
    const admin = await givenUser(app, 'admin');
    const adviser = await givenUser(app, 'personal_adviser');
    const response = await app.http().patch(`/users/${adviser.id}`).set('authorization', admin.auth).send({ active: false });
    expect(response.status).toBe(200);
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).status).toBe(401);
  });
});

describe('managing accounts', () => {
  it('when an admin creates a housing officer without a district, then 400 names districtIds', async () => {
    const admin = await givenUser(app, 'admin');
    const response = await app.http().post('/users').set('authorization', admin.auth).send({ email: 'ho@example.test', name: 'H O', role: 'housing_officer', password: 'long enough password' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('districtIds');
  });

  it('when a manager creates a PA in their own team, then 201; in another team or an admin, then 403', async () => {
    const manager = await givenUser(app, 'manager', { team: 'east-team' });
    const ownTeam = await app.http().post('/users').set('authorization', manager.auth).send({ email: 'pa-east@example.test', name: 'PA East', role: 'personal_adviser', team: 'east-team', password: 'long enough password' });
    expect(ownTeam.status).toBe(201);
    const otherTeam = await app.http().post('/users').set('authorization', manager.auth).send({ email: 'pa-west@example.test', name: 'PA West', role: 'personal_adviser', team: 'west-team', password: 'long enough password' });
    expect(otherTeam.status).toBe(403);
    const anAdmin = await app.http().post('/users').set('authorization', manager.auth).send({ email: 'adm@example.test', name: 'Adm', role: 'admin', password: 'long enough password' });
    expect(anAdmin.status).toBe(403);
  });

  it('when a PA asks for the user list, then 403', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    expect((await app.http().get('/users').set('authorization', adviser.auth)).status).toBe(403);
  });
});

describe('audit log', () => {
  it("when a PA reads and changes a young person's record, then a manager sees both in the audit trail, without values", async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser', { team: 'audit-team' });
    const manager = await givenUser(app, 'manager', { team: 'audit-team' });
    const youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    expect((await app.http().get(`/young-people/${youngPerson.id}`).set('authorization', adviser.auth)).status).toBe(200);
    expect((await app.http().patch(`/young-people/${youngPerson.id}`).set('authorization', adviser.auth).send({ phone: '07700 900123' })).status).toBe(200);

    const trail = await app.http().get(`/young-people/${youngPerson.id}/audit`).set('authorization', manager.auth);
    expect(trail.status).toBe(200);
    const byAction = (action: string) => trail.body.filter((entry: { action: string }) => entry.action === action);
    expect(byAction('create')).toHaveLength(1);
    expect(byAction('read')[0]).toMatchObject({ actorUserId: adviser.id, actorRole: 'personal_adviser', via: 'GET /young-people/:id' });
    expect(byAction('update')[0]).toMatchObject({ actorUserId: adviser.id, fields: ['phone'] });
    expect(JSON.stringify(trail.body)).not.toContain('07700');
  });

  it("when a manager of another team asks for the trail, then 404", async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser', { team: 'audit-team-2' });
    const otherManager = await givenUser(app, 'manager', { team: 'someone-else' });
    const youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    expect((await app.http().get(`/young-people/${youngPerson.id}/audit`).set('authorization', otherManager.auth)).status).toBe(404);
  });
});
