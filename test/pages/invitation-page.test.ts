import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, unique } from '../factories/index.js';
import { givenOrganisation, lastLinkToken } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf, errorSummaryOf, submitForm } from './browser-agent.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe('accepting an invitation from an email link', () => {
  it('when the colleague opens the link and chooses a name and password, then their account exists and they can sign in', async () => {
    const admin = await givenUser(app, 'admin');
    const organisation = await givenOrganisation(app, admin, (await givenDistrict()).id);
    const email = `${unique('colleague')}@example.test`;
    const invited = await app.http().post(`/organisations/${organisation.id}/invitations`).set('authorization', organisation.employer.auth).send({ email });
    expect(invited.status).toBe(201);
    const token = await lastLinkToken(app, email, '/accept-invitation');

    const agent = browser(app);
    const form = await agent.get(`/accept-invitation?token=${token}`);
    expect($of(form.text)('[data-qa="create-account"]').length).toBe(1);
    await agent.post('/accept-invitation').type('form').send({ _csrf: csrfOf(form.text), token, name: '', password: 'short' });
    const again = await agent.get('/accept-invitation');
    expect(errorSummaryOf(again.text)).toHaveLength(2);
    expect(await UserModel.countDocuments({ email })).toBe(0);

    const created = await agent.post('/accept-invitation').type('form').send({ _csrf: csrfOf(again.text), token, name: 'Pat Colleague', password: 'a long enough password' });
    expect(created.headers.location).toBe('/sign-in');
    expect(await UserModel.countDocuments({ email })).toBe(1);
    const signIn = await submitForm(browser(app), '/sign-in', '/sign-in', { email, password: 'a long enough password' });
    expect(signIn.headers.location).toBe('/offers');
  });

  it('when the link is incomplete, then the page says so instead of showing a form', async () => {
    const page = await browser(app).get('/accept-invitation?token=abc');
    expect($of(page.text)('[data-qa="link-does-not-work"]').length).toBe(1);
  });
});
