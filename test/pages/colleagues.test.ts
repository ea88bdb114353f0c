import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneTimeTokenModel } from '../../src/employers/organisations.model.js';
import { UserModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, TEST_PASSWORD, unique, type GivenUser } from '../factories/index.js';
import { logIn, registrationBody, type GivenOrganisation } from '../factories/employers.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { $of, errorSummaryOf, signedInBrowser, submitForm } from './browser-agent.js';

const BASE = 'http://offers.council.example';
let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;
let districtId: string;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE } });
  admin = await givenUser(app, 'admin');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

let slot = 0;
async function sendMail() {
  slot += 1;
  await runJob(app, 'send-mail', { at: new Date(app.clock.now().getTime() + slot * 60_000).toISOString() });
}

/**
 * An organisation registered, verified and (unless told otherwise) approved through the API, its verification
 * link read from the loopback SMTP server (the factory's givenOrganisation reads the demo mail folder instead).
 */
async function givenOrganisation(_app: TestApp, staff: GivenUser, district: string, options: { approved?: boolean } = {}): Promise<GivenOrganisation> {
  const body = registrationBody(district);
  const registered = await app.http().post('/organisations/register').send(body);
  expect(registered.status).toBe(201);
  await sendMail();
  const mail = smtp.messages.filter((message) => message.envelopeTo.includes(body.user.email)).at(-1)!;
  const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  const id = registered.body.organisation.id as string;
  if (options.approved !== false) expect((await app.http().post(`/organisations/${id}/approve`).set('authorization', staff.auth)).status).toBe(200);
  return { id, name: body.organisation.name, employer: await logIn(app, body.user.email) };
}

const textsOf = (html: string, qa: string) => {
  const $ = $of(html);
  return $(`[data-qa="${qa}"]`).map((_i, el) => $(el).text().trim()).get();
};

describe('people with access', () => {
  let ours: GivenOrganisation;
  let theirs: GivenOrganisation;
  beforeAll(async () => {
    ours = await givenOrganisation(app, admin, districtId);
    theirs = await givenOrganisation(app, admin, districtId);
    await app.http().post(`/organisations/${theirs.id}/invitations`).set('authorization', theirs.employer.auth).send({ email: `${unique('their-invitee')}@example.test` });
  });

  it('when an employer opens People, then they see their own organisation\'s accounts and invitations, never another organisation\'s', async () => {
    // A colleague who has not confirmed their email yet (so cannot sign in): made directly, as the factory signs users in.
    const colleague = await UserModel.create({ email: `${unique('colleague')}@example.test`, name: unique('Colleague'), role: 'employer', organisationId: ours.id, emailVerifiedAt: null });
    const agent = await signedInBrowser(app, ours.employer);
    const page = await agent.get('/organisation/people');
    expect(page.status).toBe(200);
    expect(textsOf(page.text, 'person-email').sort()).toEqual([ours.employer.email, colleague.email].sort());
    expect(textsOf(page.text, 'person-status')).toEqual(expect.arrayContaining(['Can sign in', 'Email not confirmed']));
    expect(page.text).not.toContain(theirs.employer.email);
    expect(page.text).not.toContain('their-invitee');
    expect($of(page.text)('[data-qa="no-invitations"]').length).toBe(1);
    expect($of(page.text)('[data-qa="nav-people"]').attr('aria-current')).toBeDefined();
  });

  it('when an employer asks the API for another organisation\'s people, then it is not found; their own lists accounts and open invitations', async () => {
    expect((await app.http().get(`/organisations/${theirs.id}/people`).set('authorization', ours.employer.auth)).status).toBe(404);
    const own = await app.http().get(`/organisations/${theirs.id}/people`).set('authorization', theirs.employer.auth);
    expect(own.status).toBe(200);
    expect(own.body.people.map((person: { email: string }) => person.email)).toEqual([theirs.employer.email]);
    expect(own.body.invitations).toHaveLength(1);
    expect((await app.http().get(`/organisations/${theirs.id}/people`).set('authorization', admin.auth)).status).toBe(200);
  });

  it('when a personal adviser opens People, then it is not found', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    expect((await agent.get('/organisation/people')).status).toBe(404);
    expect((await agent.get('/organisation/people/invite')).status).toBe(404);
  });
});

describe('inviting a colleague', () => {
  it('when an employer invites a colleague, then an invitation is stored, emailed with a link to accept it, and listed as invited', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, organisation.employer);
    const email = `${unique('new-colleague')}@example.test`;
    const sent = await submitForm(agent, '/organisation/people/invite', '/organisation/people/invite', { email: email.toUpperCase() });
    expect(sent.headers.location).toBe('/organisation/people');
    expect(await OneTimeTokenModel.countDocuments({ organisationId: organisation.id, purpose: 'invitation', email })).toBe(1);
    const page = await agent.get('/organisation/people');
    expect($of(page.text)('[data-qa="confirmation"]').text()).toContain(`We have sent an invitation to ${email}`);
    expect(textsOf(page.text, 'invitation-email')).toEqual([email]);

    await sendMail();
    const mail = smtp.messages.filter((message) => message.envelopeTo.includes(email)).at(-1)!;
    expect(mail.subject).toBe(`You are invited to join ${organisation.name} on Care Leaver Offers`);
    expect(mail.text).toMatch(/http:\/\/offers\.council\.example\/accept-invitation\?token=[A-Za-z0-9_-]+/);
  });

  it('when the email is missing or not an email address, then the form says so and nothing is stored', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, organisation.employer);
    await submitForm(agent, '/organisation/people/invite', '/organisation/people/invite', { email: '' });
    expect(errorSummaryOf((await agent.get('/organisation/people/invite')).text)).toEqual(['Enter your colleague\'s email address']);
    await submitForm(agent, '/organisation/people/invite', '/organisation/people/invite', { email: 'not an email' });
    const page = await agent.get('/organisation/people/invite');
    expect(errorSummaryOf(page.text)).toEqual(['Enter an email address in the correct format, like name@example.com']);
    expect($of(page.text)('[data-qa="colleague-email"]').val()).toBe('not an email');
    expect(await OneTimeTokenModel.countDocuments({ organisationId: organisation.id, purpose: 'invitation' })).toBe(0);
  });

  it('when the invitation is posted without its CSRF token, then it is refused and no invitation is made', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, organisation.employer);
    await agent.get('/organisation/people/invite');
    const refused = await agent.post('/organisation/people/invite').type('form').send({ email: `${unique('forged')}@example.test` });
    expect(refused.status).toBe(403);
    expect(await OneTimeTokenModel.countDocuments({ organisationId: organisation.id, purpose: 'invitation' })).toBe(0);
  });

  it('when an organisation is still waiting for approval, then its employer can already see People and invite a colleague', async () => {
    const organisation = await givenOrganisation(app, admin, districtId, { approved: false });
    const agent = await signedInBrowser(app, organisation.employer);
    expect((await agent.get('/organisation/people')).status).toBe(200);
    const email = `${unique('early')}@example.test`;
    expect((await submitForm(agent, '/organisation/people/invite', '/organisation/people/invite', { email })).headers.location).toBe('/organisation/people');
    expect(await OneTimeTokenModel.countDocuments({ organisationId: organisation.id, purpose: 'invitation', email })).toBe(1);
  });
});

describe('removing a colleague and cancelling an invitation', () => {
  it('when an employer removes a colleague through the confirmation page, then the colleague is signed out at once, cannot sign in again, and is listed as deactivated', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const colleague = await givenUser(app, 'employer', { organisationId: organisation.id });
    const colleagueBrowser = await signedInBrowser(app, colleague);
    expect((await colleagueBrowser.get('/organisation/people')).status).toBe(200);

    const agent = await signedInBrowser(app, organisation.employer);
    const people = $of((await agent.get('/organisation/people')).text);
    const removeLinks = people('[data-qa="remove-person"]').map((_i, a) => people(a).attr('href')).get();
    expect(removeLinks).toEqual([`/organisation/people/${colleague.id}/remove`]); // never for oneself
    const confirmation = $of((await agent.get(`/organisation/people/${colleague.id}/remove`)).text);
    expect(confirmation('h1').text()).toContain(colleague.name);
    expect(confirmation('[data-qa="what-removing-does"]').text()).toContain('signed out at once');

    const removed = await submitForm(agent, `/organisation/people/${colleague.id}/remove`, `/organisation/people/${colleague.id}/remove`, {});
    expect(removed.headers.location).toBe('/organisation/people');
    const after = await agent.get('/organisation/people');
    expect($of(after.text)('[data-qa="confirmation"]').text()).toContain(`${colleague.name} no longer has access`);
    const row = $of(after.text)('[data-qa="people"] tbody tr').filter((_i, tr) => $of(after.text)(tr).text().includes(colleague.email));
    expect(row.find('[data-qa="person-status"]').text().trim()).toBe('Deactivated');
    expect(row.find('[data-qa="remove-person"]').length).toBe(0);

    expect((await colleagueBrowser.get('/organisation/people')).text).toContain('You have been signed out');
    expect((await app.http().get('/auth/me').set('authorization', colleague.auth)).status).toBe(401);
    expect((await app.http().post('/auth/login').send({ email: colleague.email, password: TEST_PASSWORD })).status).not.toBe(200);
  });

  it('when an employer tries to remove themselves or someone of another organisation, then it is the not-found page and nobody loses access', async () => {
    const ours = await givenOrganisation(app, admin, districtId);
    const theirs = await givenOrganisation(app, admin, districtId);
    const agent = await signedInBrowser(app, ours.employer);
    const self = (await UserModel.findOne({ email: ours.employer.email }).lean())!;
    const stranger = (await UserModel.findOne({ email: theirs.employer.email }).lean())!;
    for (const id of [String(self._id), String(stranger._id)]) {
      expect((await agent.get(`/organisation/people/${id}/remove`)).status).toBe(404);
      expect((await submitForm(agent, '/organisation/people/invite', `/organisation/people/${id}/remove`, {})).status).toBe(404);
    }
    expect((await UserModel.findById(self._id).lean())?.active).toBe(true);
    expect((await UserModel.findById(stranger._id).lean())?.active).toBe(true);
  });

  it('when the removal is posted without its CSRF token, then it is refused and the colleague keeps access', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const colleague = await givenUser(app, 'employer', { organisationId: organisation.id });
    const agent = await signedInBrowser(app, organisation.employer);
    await agent.get(`/organisation/people/${colleague.id}/remove`);
    expect((await agent.post(`/organisation/people/${colleague.id}/remove`).type('form').send({})).status).toBe(403);
    expect((await UserModel.findById(colleague.id).lean())?.active).toBe(true);
  });

  it('when an employer cancels an invitation, then it leaves the list and its link no longer works; another organisation\'s is not found', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const other = await givenOrganisation(app, admin, districtId);
    const email = `${unique('change-of-mind')}@example.test`;
    const agent = await signedInBrowser(app, organisation.employer);
    await submitForm(agent, '/organisation/people/invite', '/organisation/people/invite', { email });
    const invitation = (await OneTimeTokenModel.findOne({ organisationId: organisation.id, purpose: 'invitation', email }).lean())!;
    const otherAgent = await signedInBrowser(app, other.employer);
    expect((await submitForm(otherAgent, '/organisation/people/invite', `/organisation/people/invitations/${String(invitation._id)}/cancel`, {})).status).toBe(404);

    const cancelled = await submitForm(agent, '/organisation/people', `/organisation/people/invitations/${String(invitation._id)}/cancel`, {});
    expect(cancelled.headers.location).toBe('/organisation/people');
    const page = await agent.get('/organisation/people');
    expect($of(page.text)('[data-qa="confirmation"]').text()).toContain(`The invitation to ${email} is cancelled`);
    expect(textsOf(page.text, 'invitation-email')).toEqual([]);
    await sendMail();
    const mail = smtp.messages.filter((message) => message.envelopeTo.includes(email)).at(-1)!;
    const token = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect((await app.http().post('/organisations/invitations/accept').send({ token, name: 'Too Late', password: 'a long enough password' })).status).not.toBe(201);
    expect(await UserModel.countDocuments({ email })).toBe(0);
  });
});
