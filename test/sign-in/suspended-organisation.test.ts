import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp();
  manager = await givenUser(app, 'manager');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const signIn = (email: string, password = TEST_PASSWORD) => app.http().post('/auth/login').send({ email, password });

describe('a suspended organisation\'s users', () => {
  it('when the organisation is suspended, then its users\' sessions end and sign-in is refused with a clear message', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    expect((await app.http().get('/employer/referrals').set('authorization', organisation.employer.auth)).status).toBe(200);

    expect((await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Safeguarding concern' })).status).toBe(200);

    expect((await app.http().get('/employer/referrals').set('authorization', organisation.employer.auth)).status).toBe(401);
    expect((await app.http().get(`/organisations/${organisation.id}`).set('authorization', organisation.employer.auth)).status).toBe(401);
    const refused = await signIn(organisation.employer.email);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'organisation_suspended' });
    expect(refused.body.detail).toMatch(/suspended/);
    expect(refused.body).not.toHaveProperty('token');
  });

  it('when a suspended organisation\'s user gives a wrong password, then the answer is the ordinary one, saying nothing of the suspension', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Under review' });
    const wrong = await signIn(organisation.employer.email, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toMatch(/suspend/i);
  });

  it('when the organisation is reinstated, then its users sign in and work again', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Under review' });
    expect((await signIn(organisation.employer.email)).status).toBe(403);
    expect((await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', manager.auth)).status).toBe(200);
    const again = await signIn(organisation.employer.email);
    expect(again.status).toBe(200);
    expect((await app.http().get('/employer/referrals').set('authorization', `Bearer ${again.body.token}`)).status).toBe(200);
  });

  it('when another organisation is suspended, then this one\'s users keep working', async () => {
    const kept = await givenOrganisation(app, manager, districtId);
    const other = await givenOrganisation(app, manager, districtId);
    await app.http().post(`/organisations/${other.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Under review' });
    expect((await app.http().get('/employer/referrals').set('authorization', kept.employer.auth)).status).toBe(200);
  });
});
