import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';
import { csrfTokenOf, tableRows } from './council-helpers.js';

let app: TestApp;
let admin: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await givenUser(app, 'admin');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const post = async (agent: BrowserAgent, path: string, fields: Record<string, string> = {}) => agent.post(path).type('form').send({ _csrf: await csrfTokenOf(agent), ...fields });
const statusOf = async (id: string) => (await app.http().get(`/organisations/${id}`).set('authorization', admin.auth)).body.status as string;

describe('finding the council pages', () => {
  it('when a manager signs in, then the navigation links to every council page they may use, and each opens', async () => {
    const agent = await signedInBrowser(app, await givenUser(app, 'manager'));
    const $ = $of((await agent.get('/approvals')).text);
    const links = ['nav-approvals', 'nav-organisations', 'nav-users', 'nav-districts', 'nav-failed-emails'].map((qa) => $(`[data-qa="${qa}"]`).attr('href'));
    expect(links).toEqual(['/approvals', '/organisations', '/users', '/districts', '/failed-emails']);
    for (const link of links) expect((await agent.get(link!)).status, link).toBe(200);
  });
});

describe('the organisations list', () => {
  it('when staff filter by status, then only organisations with that status are listed, with their open offers', async () => {
    const active = await givenOrganisation(app, admin, districtId);
    await givenOpenEmployerOffer(app, active, admin);
    const waiting = await givenOrganisation(app, admin, districtId, { approved: false });
    const agent = await signedInBrowser(app, admin);
    const all = tableRows((await agent.get('/organisations')).text, 'organisations');
    expect(all.find((row) => row['0'] === active.name)).toMatchObject({ 'organisation-status': 'Approved', '3': '1' });
    expect(all.find((row) => row['0'] === waiting.name)?.['organisation-status']).toBe('Waiting for approval');
    const pendingOnly = tableRows((await agent.get('/organisations?status=pending_approval')).text, 'organisations');
    expect(pendingOnly.map((row) => row['0'])).toContain(waiting.name);
    expect(pendingOnly.map((row) => row['0'])).not.toContain(active.name);
    expect(pendingOnly.every((row) => row['organisation-status'] === 'Waiting for approval')).toBe(true);
  });
});

describe('suspending and reinstating an organisation', () => {
  it('when the confirmation page is opened, then it says exactly what suspension does', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, admin);
    const page = await agent.get(`/organisations/${organisation.id}`);
    expect($of(page.text)('[data-qa="suspend-organisation"]').attr('href')).toBe(`/organisations/${organisation.id}/suspend`);
    const confirm = $of((await agent.get(`/organisations/${organisation.id}/suspend`)).text);
    const said = confirm('[data-qa="what-suspension-does"] li').map((_i, li) => confirm(li).text().trim()).get();
    expect(said).toEqual([
      'its people are signed out and cannot sign in until you reinstate it',
      'its open offers and offers waiting for approval are withdrawn: personal advisers no longer see them in matching, and nobody new can be referred to them',
      'its draft offers are kept, but cannot be submitted',
      'referrals already made stay as they are, and personal advisers keep following them',
    ]);
    // The reason goes to the organisation by email (organisation-status-emails), and the form says so.
    expect(confirm('#reason-hint').text()).toContain('emailed');
  });

  it('when suspended without a reason, then an error summary asks for one and nothing changes', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, admin);
    const refused = await post(agent, `/organisations/${organisation.id}/suspend`, { reason: '' });
    expect(refused.headers.location).toBe(`/organisations/${organisation.id}/suspend`);
    expect(errorSummaryOf((await agent.get(refused.headers.location as string)).text)).toEqual(['Enter why you are suspending this organisation']);
    expect(await statusOf(organisation.id)).toBe('approved');
  });

  it('when suspended, then its people are signed out and cannot sign in, its open offer is withdrawn; when reinstated, they can sign in again and the offer stays withdrawn', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const offer = await givenOpenEmployerOffer(app, organisation, admin);
    const employerBrowser = await signedInBrowser(app, organisation.employer);
    expect($of((await employerBrowser.get('/reminders')).text)('[data-qa="signed-in-user"]').length).toBe(1);
    const agent = await signedInBrowser(app, admin);

    const suspended = await post(agent, `/organisations/${organisation.id}/suspend`, { reason: 'Safeguarding concern under review' });
    expect(suspended.headers.location).toBe(`/organisations/${organisation.id}`);
    const page = $of((await agent.get(`/organisations/${organisation.id}`)).text);
    expect(page('[data-qa="confirmation"]').text()).toContain(`${organisation.name} is suspended.`);
    expect(page('[data-qa="organisation-status"]').text().trim()).toBe('Suspended');
    expect(page('[data-qa="suspended-reason"]').text()).toContain('Safeguarding concern under review');
    const after = await employerBrowser.get('/reminders');
    expect($of(after.text)('h1').text()).toContain('You have been signed out');
    expect($of(after.text)('[data-qa="signed-in-user"]').length).toBe(0);
    expect((await app.http().get('/organisations/' + organisation.id).set('authorization', organisation.employer.auth)).status).toBe(401);
    const refusedBrowser = browser(app);
    const signIn = await submitForm(refusedBrowser, '/sign-in', '/sign-in', { email: organisation.employer.email, password: TEST_PASSWORD });
    // The right password for a suspended organisation: its own page says so, and no session is started.
    expect(signIn.headers.location).toBe('/organisation/suspended');
    expect($of((await refusedBrowser.get('/organisation/suspended')).text)('[data-qa="organisation-suspended"]').text()).toContain('suspended');
    expect((await refusedBrowser.get('/reminders')).headers.location).toBe('/sign-in');
    expect((await app.http().get(`/opportunities/${offer.id}`).set('authorization', admin.auth)).body).toMatchObject({ status: 'withdrawn', closedReason: 'organisation_suspended' });

    const reinstatePage = $of((await agent.get(`/organisations/${organisation.id}/reinstate`)).text);
    expect(reinstatePage('[data-qa="what-reinstating-does"]').text()).toContain('stay withdrawn');
    const reinstated = await post(agent, `/organisations/${organisation.id}/reinstate`);
    expect(reinstated.headers.location).toBe(`/organisations/${organisation.id}`);
    expect(await statusOf(organisation.id)).toBe('approved');
    expect((await submitForm(browser(app), '/sign-in', '/sign-in', { email: organisation.employer.email, password: TEST_PASSWORD })).headers.location).not.toBe('/sign-in');
    expect((await app.http().get(`/opportunities/${offer.id}`).set('authorization', admin.auth)).body.status).toBe('withdrawn');
  });

  it('when an organisation that is not suspended is reinstated, then it is refused with a reason and stays as it was', async () => {
    const waiting = await givenOrganisation(app, admin, districtId, { approved: false });
    const agent = await signedInBrowser(app, admin);
    const refused = await post(agent, `/organisations/${waiting.id}/reinstate`);
    expect(refused.headers.location).toBe(`/organisations/${waiting.id}/reinstate`);
    expect(errorSummaryOf((await agent.get(refused.headers.location as string)).text)).toEqual(['This organisation is not suspended, so there is nothing to reinstate.']);
    expect(await statusOf(waiting.id)).toBe('pending_approval');
  });

  it('when a suspension is posted without the CSRF token, then it is refused and nothing changes', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, admin);
    expect((await agent.post(`/organisations/${organisation.id}/suspend`).type('form').send({ reason: 'No token' })).status).toBe(403);
    expect(await statusOf(organisation.id)).toBe('approved');
  });
});

describe('who may use the organisation pages', () => {
  it('when an employer, a PA or a housing officer opens or posts to them, then they get the not-found page and nothing changes', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const suspended = await givenOrganisation(app, admin, districtId);
    await app.http().post(`/organisations/${suspended.id}/suspend`).set('authorization', admin.auth).send({ reason: 'For this test' });
    const outsiders = [organisation.employer, await givenUser(app, 'personal_adviser'), await givenUser(app, 'housing_officer', { districtIds: [districtId] })];
    for (const outsider of outsiders) {
      const agent = await signedInBrowser(app, outsider);
      for (const path of ['/organisations', `/organisations/${organisation.id}`, `/organisations/${organisation.id}/suspend`, `/organisations/${suspended.id}/reinstate`]) {
        expect((await agent.get(path)).status, `${outsider.role} GET ${path}`).toBe(404);
      }
      expect((await post(agent, `/organisations/${organisation.id}/suspend`, { reason: 'Not allowed to do this' })).status).toBe(404);
      expect((await post(agent, `/organisations/${suspended.id}/reinstate`)).status).toBe(404);
    }
    expect(await statusOf(organisation.id)).toBe('approved');
    expect(await statusOf(suspended.id)).toBe('suspended');
  });
});
