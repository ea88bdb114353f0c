import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, TEST_PASSWORD, unique, type GivenUser } from '../factories/index.js';
import { lastLinkToken, mailsTo } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';
import { csrfTokenOf, tableRows } from './council-helpers.js';

let app: TestApp;
let admin: GivenUser;

beforeAll(async () => {
  app = await startTestApp();
  admin = await givenUser(app, 'admin');
});
afterAll(async () => app.close());

const post = async (agent: BrowserAgent, path: string, fields: Record<string, string | string[]> = {}) => agent.post(path).type('form').send({ _csrf: await csrfTokenOf(agent), ...fields });
const newEmail = () => `${unique('staff')}@council.example.test`;

/** The new account's owner opens the emailed link, chooses a password and signs in with it. */
async function ownerChoosesPasswordAndSignsIn(email: string): Promise<number> {
  const token = await lastLinkToken(app, email, '/reset-password');
  const agent = browser(app);
  const form = await agent.get(`/reset-password?token=${token}`);
  const password = 'a password only I know';
  const changed = await agent.post('/reset-password').type('form').send({ _csrf: csrfOf(form.text), token, password, confirmPassword: password });
  expect(changed.status).toBe(303);
  const signIn = await submitForm(browser(app), '/sign-in', '/sign-in', { email, password });
  return signIn.headers.location === '/sign-in' ? 401 : 200;
}

describe('creating accounts', () => {
  it('when an admin creates a PA, a manager and a housing officer, then each is emailed a link to choose their own password and can sign in with it', async () => {
    const district = await givenDistrict();
    const agent = await signedInBrowser(app, admin);
    const form = $of((await agent.get('/users/new')).text);
    expect(form('input[type="password"]').length).toBe(0);
    expect(form('input[name="role"]').map((_i, input) => form(input).attr('value')).get()).toEqual(['personal_adviser', 'manager', 'housing_officer']);
    const accounts: { name: string; email: string; role: string; team?: string; districtIds?: string[] }[] = [
      { name: 'Pat Adviser', email: newEmail(), role: 'personal_adviser', team: 'north-team' },
      { name: 'Morgan Manager', email: newEmail(), role: 'manager', team: 'north-team' },
      { name: 'Harper Housing', email: newEmail(), role: 'housing_officer', districtIds: [district.id] },
    ];
    for (const account of accounts) {
      const created = await post(agent, '/users/new', account as Record<string, string | string[]>);
      expect(created.status).toBe(303);
      const page = $of((await agent.get(created.headers.location as string)).text);
      expect(page('[data-qa="confirmation"]').text()).toContain(`Account created for ${account.name}. We emailed them a link`);
      const stored = await UserModel.findOne({ email: account.email }).lean();
      expect(stored).toMatchObject({ role: account.role, team: account.team ?? null, active: true });
      expect((stored!.districtIds ?? []).map(String)).toEqual(account.districtIds ?? []);
      const [mail] = await mailsTo(app, account.email);
      // A welcome that says who made the account, not "someone asked to reset your password".
      expect(mail!.subject).toBe('Your Care Leaver Offers account: choose your password');
      expect(mail!.text).toContain('has made you an account');
      expect(mail!.text).not.toContain('asked to reset');
      expect(await ownerChoosesPasswordAndSignsIn(account.email)).toBe(200);
    }
  });

  it('when a new account\'s owner opens the link two days later, then it still works; after 3 days it has expired', async () => {
    const agent = await signedInBrowser(app, admin);
    const late = newEmail();
    const tooLate = newEmail();
    for (const email of [late, tooLate]) expect((await post(agent, '/users/new', { name: 'Weekend Starter', email, role: 'personal_adviser', team: 'north-team' })).status).toBe(303);
    const [lateToken, tooLateToken] = [await lastLinkToken(app, late, '/reset-password'), await lastLinkToken(app, tooLate, '/reset-password')];
    const startedAt = app.clock.now();
    try {
      app.clock.set(new Date(startedAt.getTime() + 2 * 86_400_000));
      expect($of((await browser(app).get(`/reset-password?token=${lateToken}`)).text)('[data-qa="new-password"]').length).toBe(1);
      app.clock.set(new Date(startedAt.getTime() + 72 * 3_600_000 + 60_000));
      expect($of((await browser(app).get(`/reset-password?token=${tooLateToken}`)).text)('[data-qa="link-expired"]').length).toBe(1);
    } finally {
      app.clock.set(startedAt);
    }
  });

  it('when the form is incomplete, then an error summary names each missing answer and nothing is created', async () => {
    const agent = await signedInBrowser(app, admin);
    const empty = await post(agent, '/users/new', { name: '', email: 'not-an-email' });
    expect(empty.headers.location).toBe('/users/new');
    expect(errorSummaryOf((await agent.get('/users/new')).text)).toEqual(['Enter their full name', 'Enter an email address in the correct format, like name@example.com', 'Choose what they do']);
    const email = newEmail();
    await post(agent, '/users/new', { name: 'No Districts', email, role: 'housing_officer' });
    const page = await agent.get('/users/new');
    expect(errorSummaryOf(page.text)).toEqual(['Choose at least one district for a housing officer']);
    expect($of(page.text)('#email').val()).toBe(email);
    await post(agent, '/users/new', { name: 'No Team', email, role: 'personal_adviser', team: '' });
    expect(errorSummaryOf((await agent.get('/users/new')).text)).toEqual(['Enter the team of a personal adviser or manager']);
    expect(await UserModel.countDocuments({ email })).toBe(0);
    await post(agent, '/users/new', { name: 'Taken', email: admin.email, role: 'personal_adviser', team: 'north-team' });
    expect(errorSummaryOf((await agent.get('/users/new')).text)).toEqual(['An account with this email address already exists']);
  });

  it('when a manager creates an account, then it can only be a personal adviser in their own team', async () => {
    const manager = await givenUser(app, 'manager', { team: 'south-team' });
    const agent = await signedInBrowser(app, manager);
    const form = $of((await agent.get('/users/new')).text);
    expect(form('input[name="role"]').length).toBe(0);
    expect(form('[data-qa="fixed-role"]').text()).toContain('south-team');
    const email = newEmail();
    const created = await post(agent, '/users/new', { name: 'Sam South', email, role: 'manager', team: 'north-team' });
    expect(created.status).toBe(303);
    expect(await UserModel.findOne({ email }).lean()).toMatchObject({ role: 'personal_adviser', team: 'south-team' });
    const list = tableRows((await agent.get('/users')).text, 'users');
    expect(list.every((row) => row['3'] === 'south-team')).toBe(true);
    expect((await agent.get(`/users/${admin.id}`)).status).toBe(404);
  });
});

describe('managing an account', () => {
  it('when staff send a password reset link, then the owner is emailed one and staff never see it', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, admin);
    const sent = await post(agent, `/users/${adviser.id}/password-reset`);
    expect(sent.headers.location).toBe(`/users/${adviser.id}`);
    const page = await agent.get(`/users/${adviser.id}`);
    expect($of(page.text)('[data-qa="confirmation"]').text()).toContain(`We emailed ${adviser.name} a link to choose a new password`);
    expect(page.text).not.toContain('token=');
    const mails = await mailsTo(app, adviser.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['Reset your password for Care Leaver Offers']);
    expect(mails[0]!.text).toContain('The council\'s leaving care team has sent you a link');
    expect(mails[0]!.text).not.toContain('If it was you');
    expect(await ownerChoosesPasswordAndSignsIn(adviser.email)).toBe(200);
  });

  it('when an admin deactivates an account through the confirmation page, then it is inactive and its sessions end; it can be reactivated', async () => {
    const adviser = await givenUser(app, 'personal_adviser', { team: null });
    const agent = await signedInBrowser(app, admin);
    const confirm = $of((await agent.get(`/users/${adviser.id}/deactivate`)).text);
    expect(confirm('[data-qa="what-deactivation-does"]').text()).toContain('signed out at once');
    const done = await post(agent, `/users/${adviser.id}/deactivate`);
    expect(done.headers.location).toBe(`/users/${adviser.id}`);
    expect((await UserModel.findById(adviser.id).lean())?.active).toBe(false);
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).status).toBe(401);
    expect($of((await agent.get(`/users/${adviser.id}`)).text)('[data-qa="user-status"]').text().trim()).toBe('Deactivated');
    await post(agent, `/users/${adviser.id}/reactivate`);
    expect((await UserModel.findById(adviser.id).lean())?.active).toBe(true);
  });

  it('when a deactivation is posted without the CSRF token, then it is refused and nothing changes', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, admin);
    expect((await agent.post(`/users/${adviser.id}/deactivate`).type('form').send({})).status).toBe(403);
    expect((await agent.post('/users/new').type('form').send({ name: 'X', email: newEmail(), role: 'personal_adviser', team: 'north-team' })).status).toBe(403);
    expect((await UserModel.findById(adviser.id).lean())?.active).toBe(true);
  });
});

describe('correcting an account\'s email address', () => {
  it('when an admin corrects a new account\'s mistyped address, then the link to the old one stops working and the new address gets one that lets its owner choose a password and sign in', async () => {
    const agent = await signedInBrowser(app, admin);
    const mistyped = newEmail();
    const created = await post(agent, '/users/new', { name: 'Nadia Newstarter', email: mistyped, role: 'personal_adviser', team: 'north-team' });
    const id = /^\/users\/([0-9a-f]{24})$/.exec(created.headers.location as string)![1]!;
    const oldToken = await lastLinkToken(app, mistyped, '/reset-password');

    const user = $of((await agent.get(`/users/${id}`)).text);
    expect(user('[data-qa="change-email"]').attr('href')).toBe(`/users/${id}/email`);
    const form = $of((await agent.get(`/users/${id}/email`)).text);
    expect(form('#email').val()).toBe(mistyped);
    expect(form('[data-qa="what-changing-email-does"]').text()).toContain('have not signed in yet');
    const corrected = newEmail();
    const saved = await post(agent, `/users/${id}/email`, { email: corrected.toUpperCase() });
    expect(saved.headers.location).toBe(`/users/${id}`);
    const page = $of((await agent.get(`/users/${id}`)).text);
    expect(page('[data-qa="confirmation"]').text()).toContain(`email address is now ${corrected}`);
    expect((await UserModel.findById(id).lean())?.email).toBe(corrected);

    const oldLink = await browser(app).get(`/reset-password?token=${oldToken}`);
    expect(oldLink.text).not.toContain('name="password"');
    expect((await mailsTo(app, corrected)).map((mail) => mail.subject)).toEqual(['Your Care Leaver Offers account: choose your password']);
    expect(await ownerChoosesPasswordAndSignsIn(corrected)).toBe(200);
  });

  it('when an account in use gets a new address, then both addresses are told (the old one without the new address) and its owner signs in with the new one', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, admin);
    const moved = newEmail();
    expect((await post(agent, `/users/${adviser.id}/email`, { email: moved })).headers.location).toBe(`/users/${adviser.id}`);
    const toOld = await mailsTo(app, adviser.email);
    expect(toOld.map((mail) => mail.subject)).toEqual(['The email address for your Care Leaver Offers account was changed']);
    expect(toOld[0]!.text).not.toContain(moved);
    expect((await mailsTo(app, moved)).map((mail) => mail.subject)).toEqual(['Sign in to Care Leaver Offers with this email address']);
    expect((await submitForm(browser(app), '/sign-in', '/sign-in', { email: moved, password: TEST_PASSWORD })).headers.location).not.toBe('/sign-in');
  });

  it('when the new address is empty, not an email address or already used, then the form says so and nothing changes', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, admin);
    for (const [typed, message] of [['', 'Enter their email address'], ['not-an-email', 'Enter an email address in the correct format, like name@example.com'], [admin.email, 'Another account already uses this email address']] as const) {
      const answered = await post(agent, `/users/${adviser.id}/email`, { email: typed });
      expect(answered.headers.location, `${typed}: ${answered.status} ${answered.text.slice(0, 3000)}`).toBe(`/users/${adviser.id}/email`);
      const page = await agent.get(`/users/${adviser.id}/email`);
      expect(errorSummaryOf(page.text), typed).toEqual([message]);
      expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#email');
      expect($of(page.text)('#email').val()).toBe(typed);
    }
    expect((await agent.post(`/users/${adviser.id}/email`).type('form').send({ email: newEmail() })).status).toBe(403);
    expect((await UserModel.findById(adviser.id).lean())?.email).toBe(adviser.email);
  });

  it('when a manager opens the change for someone outside their team, then it is the not-found page and nothing changes', async () => {
    const manager = await givenUser(app, 'manager', { team: 'north-team' });
    const southAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const agent = await signedInBrowser(app, manager);
    expect((await agent.get(`/users/${southAdviser.id}/email`)).status).toBe(404);
    expect((await post(agent, `/users/${southAdviser.id}/email`, { email: newEmail() })).status).toBe(404);
    expect((await agent.get(`/users/${admin.id}/email`)).status).toBe(404);
    expect((await UserModel.findById(southAdviser.id).lean())?.email).toBe(southAdviser.email);
  });
});

describe('who may use the account pages', () => {
  it('when an employer, a PA or a housing officer opens or posts to them, then they get the not-found page and nothing changes', async () => {
    const target = await givenUser(app, 'personal_adviser');
    const outsiders = [await givenUser(app, 'employer'), await givenUser(app, 'personal_adviser'), await givenUser(app, 'housing_officer', { districtIds: [(await givenDistrict()).id] })];
    for (const outsider of outsiders) {
      const agent = await signedInBrowser(app, outsider);
      for (const path of ['/users', '/users/new', `/users/${target.id}`, `/users/${target.id}/deactivate`, `/users/${target.id}/email`]) expect((await agent.get(path)).status, `${outsider.role} ${path}`).toBe(404);
      const email = newEmail();
      expect((await post(agent, '/users/new', { name: 'Sneaky', email, role: 'personal_adviser', team: 'north-team' })).status).toBe(404);
      expect((await post(agent, `/users/${target.id}/deactivate`)).status).toBe(404);
      expect((await post(agent, `/users/${target.id}/password-reset`)).status).toBe(404);
      expect((await post(agent, `/users/${target.id}/email`, { email })).status).toBe(404);
      expect(await UserModel.countDocuments({ email })).toBe(0);
    }
    expect((await UserModel.findById(target.id).lean())?.active).toBe(true);
    expect(await mailsTo(app, target.email)).toEqual([]);
  });
});
