import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganisationModel } from '../../src/employers/organisations.model.js';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { BrowserSessionModel } from '../../src/users/browser-session.model.js';
import { UserModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { $of, browser, csrfOf, errorSummaryOf, submitForm, type BrowserAgent } from './browser-agent.js';

// http, so the session cookie is not Secure and supertest sends it back over plain http.
const BASE = 'http://offers.council.example';
const PASSWORD = 'a long sign-up password';
let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;
let district: { id: string; name: string };
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE } });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const linksIn = (text: string) => [...text.matchAll(/http:\/\/offers\.council\.example(\/[^\s"<>]*)/g)].map((match) => match[1]!);
const mailsTo = (email: string) => smtp.messages.filter((mail) => mail.envelopeTo.includes(email));
let slot = 0;
async function sendMail() {
  slot += 1;
  await runJob(app, 'send-mail', { at: new Date(app.clock.now().getTime() + slot * 60_000).toISOString() });
}

/** Answers one question page as a person would: opens it, posts its form; returns where it sent them. */
async function answer(agent: BrowserAgent, question: string, fields: Record<string, string | string[]>): Promise<string> {
  const response = await submitForm(agent, `/sign-up/${question}`, `/sign-up/${question}`, fields);
  expect(response.status, question).toBe(303);
  return response.headers.location as string;
}

function answersFor(email: string) {
  return {
    organisation: { name: unique('Hinckley Bakery'), kind: 'company', companiesHouseNumber: String(Math.floor(Math.random() * 1e7)), charityNumber: '', size: 'small', sector: 'catering_and_hospitality' },
    address: { line1: '2 Market Street', line2: '', town: 'Hinckley', postcode: 'le10 1aa', districtId: district.id },
    contact: { name: 'Jo Baker', email: `${unique('contact')}@example.test`, phone: '01455 000000' },
    pledges: { pledgedOutcomeAreas: ['education_employment_training', 'finance'] },
    account: { name: 'Sam Baker', email, password: PASSWORD },
  };
}

/** A browser that has answered every question page and stands at check your answers. */
async function answeredEverything(email = `${unique('owner')}@example.test`) {
  const agent = browser(app);
  const answers = answersFor(email);
  expect(await answer(agent, 'organisation', answers.organisation)).toBe('/sign-up/address');
  expect(await answer(agent, 'address', answers.address)).toBe('/sign-up/contact');
  expect(await answer(agent, 'contact', answers.contact)).toBe('/sign-up/pledges');
  expect(await answer(agent, 'pledges', answers.pledges)).toBe('/sign-up/account');
  expect(await answer(agent, 'account', answers.account)).toBe('/sign-up/check-answers');
  return { agent, answers };
}

describe('the start page', () => {
  it('when someone not signed in opens /, then they see what the service is, a Sign in button and a link to sign the Covenant', async () => {
    const page = await browser(app).get('/');
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    expect($('[data-qa="start-sign-in"]').attr('href')).toBe('/sign-in');
    expect($('[data-qa="start-sign-up-link"]').attr('href')).toBe('/sign-up');
    expect($('[data-qa="start-sign-up-link"]').text()).toBe('Sign the Care Leaver Covenant and offer opportunities');
    const start = $of((await browser(app).get('/sign-up')).text);
    expect(start('[data-qa="start-sign-up"]').attr('href')).toBe('/sign-up/organisation');
  });
});

describe('the sign-up question pages', () => {
  it('when each question page is sent empty, then it comes back with a GOV.UK error summary naming what to answer', async () => {
    const agent = browser(app);
    const expected: Record<string, string[]> = {
      organisation: ['Enter the name of your organisation', 'Select what kind of organisation it is', 'Select how many people work for your organisation', 'Select the main area of work of your organisation'],
      address: ['Enter the first line of the address', 'Enter the town or city', 'Enter the postcode', 'Select the district where you will offer opportunities'],
      contact: ['Enter the contact\'s full name', 'Enter the contact\'s email address'],
      pledges: ['Select at least one area your organisation pledges to support'],
      account: ['Enter your full name', 'Enter your email address', 'Enter a password'],
    };
    for (const [question, messages] of Object.entries(expected)) {
      expect(await answer(agent, question, {}), question).toBe(`/sign-up/${question}`);
      const page = await agent.get(`/sign-up/${question}`);
      expect(errorSummaryOf(page.text), question).toEqual(messages);
      expect($of(page.text)('title').text(), question).toMatch(/^Error: /);
    }
  });

  it('when answers break the API\'s rules, then each page says which and keeps what was typed (never the password)', async () => {
    const agent = browser(app);
    await answer(agent, 'organisation', { name: 'Acme', kind: 'company', companiesHouseNumber: 'not a number', size: 'small', sector: 'digital' });
    let page = await agent.get('/sign-up/organisation');
    expect(errorSummaryOf(page.text)).toEqual([expect.stringMatching(/^Companies House number must be a Companies House number/)]);
    expect($of(page.text)('[data-qa="organisation-name"]').val()).toBe('Acme');
    await answer(agent, 'address', { line1: '1 Road', town: 'Leicester', postcode: 'not a postcode', districtId: district.id });
    expect(errorSummaryOf((await agent.get('/sign-up/address')).text)).toEqual(['Postcode must be a UK postcode']);
    await answer(agent, 'account', { name: 'Sam', email: 'not-an-email', password: 'short' });
    page = await agent.get('/sign-up/account');
    expect(errorSummaryOf(page.text)).toEqual(['Enter an email address in the correct format, like name@example.com', 'Your password must be at least 12 characters']);
    expect($of(page.text)('[data-qa="account-password"]').val()).toBeUndefined();
    expect($of(page.text)('[data-qa="account-email"]').val()).toBe('not-an-email');
    await answer(agent, 'contact', { name: 'Jo', email: 'jo at example', phone: '' });
    expect(errorSummaryOf((await agent.get('/sign-up/contact')).text)).toEqual(['Enter an email address in the correct format, like name@example.com']);
    await answer(agent, 'organisation', { name: 'A'.repeat(151), kind: 'company', size: 'small', sector: 'digital' });
    expect(errorSummaryOf((await agent.get('/sign-up/organisation')).text)).toEqual(['Organisation name must be 150 characters or fewer']);
  });

  it('when a question page is posted without its CSRF token, then it is refused and no answer is kept', async () => {
    const agent = browser(app);
    await agent.get('/sign-up/organisation');
    const refused = await agent.post('/sign-up/organisation').type('form').send({ name: 'Forged Ltd', kind: 'other', size: 'small', sector: 'digital' });
    expect(refused.status).toBe(403);
    const page = await agent.get('/sign-up/organisation');
    expect($of(page.text)('[data-qa="organisation-name"]').val()).toBeUndefined();
  });

  it('when the account page is answered, then the password is kept only sealed in the session, and gone once the answers are sent', async () => {
    const { agent, answers } = await answeredEverything();
    const sessions = await BrowserSessionModel.find({ 'signUp.account.email': answers.account.email }).lean();
    expect(sessions).toHaveLength(1);
    expect(JSON.stringify(sessions[0])).not.toContain(PASSWORD);
    await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    const after = await BrowserSessionModel.findById(sessions[0]!._id).lean();
    expect(after?.signUp).toEqual({ sentTo: answers.account.email });
  });
});

describe('check your answers', () => {
  it('when every question is answered, then each answer is listed with a Change link that returns to check your answers', async () => {
    const { agent, answers } = await answeredEverything();
    const page = await agent.get('/sign-up/check-answers');
    const $ = $of(page.text);
    expect($('.govuk-summary-list').length).toBe(4);
    expect($('[data-qa="summary-organisation"]').text()).toContain(answers.organisation.name);
    expect($('[data-qa="summary-organisation"]').text()).toContain('LE10 1AA');
    expect($('[data-qa="summary-pledges"]').text()).toContain('Education, employment and training');
    expect($('[data-qa="summary-account"]').text()).not.toContain(PASSWORD);
    const changes = $('[data-qa^="change-"]').map((_i, el) => $(el).attr('href')).get();
    expect(new Set(changes)).toEqual(new Set(['/sign-up/organisation', '/sign-up/address', '/sign-up/contact', '/sign-up/pledges', '/sign-up/account']));

    // Change the contact: the page shows the answer kept, and saving goes back to check your answers.
    const contact = await agent.get($('[data-qa="change-contact-email"]').attr('href')!);
    expect($of(contact.text)('[data-qa="contact-email"]').val()).toBe(answers.contact.email);
    expect($of(contact.text)('[data-qa="back"]').attr('href')).toBe('/sign-up/check-answers');
    const newEmail = `${unique('changed')}@example.test`;
    expect(await answer(agent, 'contact', { ...answers.contact, email: newEmail })).toBe('/sign-up/check-answers');
    expect($of((await agent.get('/sign-up/check-answers')).text)('[data-qa="summary-contact"]').text()).toContain(newEmail);
  });

  it('when a question is still unanswered, then check your answers sends them to it', async () => {
    const agent = browser(app);
    await answer(agent, 'organisation', answersFor('x@example.test').organisation);
    expect((await agent.get('/sign-up/check-answers')).headers.location).toBe('/sign-up/address');
  });

  it('when check your answers is posted without its CSRF token, then nothing is registered', async () => {
    const { agent, answers } = await answeredEverything();
    await agent.get('/sign-up/check-answers');
    expect((await agent.post('/sign-up/check-answers').type('form').send({})).status).toBe(403);
    expect(await OrganisationModel.countDocuments({ name: answers.organisation.name })).toBe(0);
  });

  it('when the Companies House number is already registered, then the answers come back with the reason', async () => {
    const first = await answeredEverything();
    await submitForm(first.agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    const agent = browser(app);
    const answers = answersFor(`${unique('second')}@example.test`);
    for (const question of ['organisation', 'address', 'contact', 'pledges', 'account'] as const) {
      await answer(agent, question, question === 'organisation' ? { ...answers.organisation, companiesHouseNumber: first.answers.organisation.companiesHouseNumber } : answers[question]);
    }
    const sent = await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    expect(sent.headers.location).toBe('/sign-up/check-answers');
    expect(errorSummaryOf((await agent.get('/sign-up/check-answers')).text)).toEqual([expect.stringContaining('already registered')]);
  });
});

describe('signing up, confirming the email and waiting for approval', () => {
  it('when the answers are sent, then the organisation is pending with its pledges, the link is emailed, and after confirming and signing in the employer sees the pending page', async () => {
    const email = `${unique('owner')}@example.test`;
    const { agent, answers } = await answeredEverything(email);
    const sent = await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    expect(sent.headers.location).toBe('/sign-up/confirmation');
    const confirmation = $of((await agent.get('/sign-up/confirmation')).text);
    expect(confirmation('[data-qa="sign-up-panel"]').text()).toContain('Check your email');
    expect(confirmation('[data-qa="sent-to"]').text()).toContain(email);

    const organisation = await OrganisationModel.findOne({ name: answers.organisation.name }).lean();
    expect(organisation).toMatchObject({
      status: 'pending_approval', sector: 'catering_and_hospitality', size: 'small', districtId: expect.anything(), charityNumber: null,
      address: { line1: '2 Market Street', line2: null, town: 'Hinckley', postcode: 'LE10 1AA' },
      contact: { name: 'Jo Baker', email: answers.contact.email, phone: '01455 000000' },
      covenant: { signedOn: '2026-06-15', pledgedOutcomeAreas: ['education_employment_training', 'finance'] },
    });
    expect(organisation?.companiesHouseNumber).toBe(answers.organisation.companiesHouseNumber.padStart(8, '0'));
    expect(await UserModel.findOne({ email }).lean()).toMatchObject({ name: 'Sam Baker', role: 'employer', emailVerifiedAt: null });

    await sendMail();
    const mail = mailsTo(email).at(-1)!;
    expect(mail.subject).toBe('Confirm your email address for Care Leaver Offers');
    const link = linksIn(mail.text).find((path) => path.startsWith('/verify-email?token='))!;
    const verifier = browser(app);
    const verifyPage = await verifier.get(link);
    const token = $of(verifyPage.text)('input[name="token"]').val();
    expect((await verifier.post('/verify-email').type('form').send({ _csrf: csrfOf(verifyPage.text), token })).headers.location).toBe('/sign-in');
    expect($of((await verifier.get('/sign-in')).text)('[data-qa="confirmation"]').text()).toContain('The council will check and approve your organisation');

    const employer = browser(app);
    const signIn = await submitForm(employer, '/sign-in', '/sign-in', { email, password: PASSWORD });
    expect(signIn.headers.location).toBe('/offers');
    expect((await employer.get('/offers')).headers.location).toBe('/organisation/pending');
    expect((await employer.get(`/opportunities/${String(organisation!._id)}`)).headers.location).toBe('/organisation/pending');
    const pending = await employer.get('/organisation/pending');
    expect(pending.status).toBe(200);
    expect($of(pending.text)('[data-qa="organisation-pending"]').text()).toBe('Waiting for the council to approve your organisation');
    expect(pending.text).toContain('3 working days');
    expect(pending.text).toContain('signing the Care Leaver Covenant on 15 June 2026');
    const navigation = $of(pending.text)('[data-qa="service-navigation"] a').map((_i, el) => $of(pending.text)(el).attr('href')).get();
    expect(navigation).toEqual(expect.arrayContaining(['/offers', '/received-referrals', '/incentives', '/organisation/people', '/reminders']));

    // Approved: an email says what to do next and links to Your offers; the pending page then leads there.
    const approved = await app.http().post(`/organisations/${String(organisation!._id)}/approve`).set('authorization', admin.auth);
    expect(approved.status).toBe(200);
    await sendMail();
    const approval = mailsTo(email).find((message) => message.subject === 'Your organisation is approved on Care Leaver Offers')!;
    expect(approval.text).toContain('post your first offer');
    expect(linksIn(approval.text)).toEqual(['/offers']);
    expect((await employer.get('/organisation/pending')).headers.location).toBe('/offers');
    expect((await employer.get('/offers')).headers.location).not.toBe('/organisation/pending');
  });

  it('when the confirmation link has expired, then the link page, sign-in and the confirmation page lead to a new link, which confirms the address', async () => {
    const email = `${unique('late')}@example.test`;
    const { agent } = await answeredEverything(email);
    await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    expect($of((await agent.get('/sign-up/confirmation')).text)('[data-qa="get-new-link"]').attr('href')).toBe('/verify-email/new');
    await sendMail();
    const firstLink = linksIn(mailsTo(email).at(-1)!.text).find((path) => path.startsWith('/verify-email?token='))!;
    const startedAt = app.clock.now();
    try {
      app.clock.set(new Date(startedAt.getTime() + 73 * 3_600_000));
      const opened = browser(app);
      const linkPage = await opened.get(firstLink);
      const expired = await opened.post('/verify-email').type('form').send({ _csrf: csrfOf(linkPage.text), token: $of(linkPage.text)('input[name="token"]').val() });
      expect(expired.status).toBe(400);
      expect($of(expired.text)('[data-qa="get-new-link"]').attr('href')).toBe('/verify-email/new');

      const signIn = browser(app);
      expect((await submitForm(signIn, '/sign-in', '/sign-in', { email, password: PASSWORD })).headers.location).toBe('/sign-in');
      expect($of((await signIn.get('/sign-in')).text)('[data-qa="get-new-link"]').attr('href')).toBe('/verify-email/new');

      // Wrong or empty addresses get an error summary; an address that never signed up gets the same answer and no email.
      const asker = browser(app);
      expect((await submitForm(asker, '/verify-email/new', '/verify-email/new', { email: 'not an address' })).headers.location).toBe('/verify-email/new');
      expect(errorSummaryOf((await asker.get('/verify-email/new')).text)).toEqual(['Enter an email address in the correct format, like name@example.com']);
      expect((await asker.post('/verify-email/new').type('form').send({ email })).status).toBe(403); // no CSRF token
      const stranger = `${unique('nobody')}@example.test`;
      const answerForStranger = await submitForm(asker, '/verify-email/new', '/verify-email/new', { email: stranger });
      const answerForOwner = await submitForm(asker, '/verify-email/new', '/verify-email/new', { email });
      expect([answerForStranger.status, answerForOwner.status]).toEqual([200, 200]);
      expect($of(answerForStranger.text)('main').text()).toBe($of(answerForOwner.text)('main').text());
      await sendMail();
      expect(mailsTo(stranger)).toEqual([]);
      const newLink = linksIn(mailsTo(email).at(-1)!.text).find((path) => path.startsWith('/verify-email?token='))!;
      expect(newLink).not.toBe(firstLink);
      const verifier = browser(app);
      const verifyPage = await verifier.get(newLink);
      expect((await verifier.post('/verify-email').type('form').send({ _csrf: csrfOf(verifyPage.text), token: $of(verifyPage.text)('input[name="token"]').val() })).headers.location).toBe('/sign-in');
      expect((await submitForm(browser(app), '/sign-in', '/sign-in', { email, password: PASSWORD })).headers.location).toBe('/offers');
    } finally {
      app.clock.set(startedAt);
    }
  });

  it('when someone signs up with an address that already has an account, then the same confirmation shows, nothing is registered and the owner is told', async () => {
    const owner = await givenUser(app, 'personal_adviser');
    const { agent, answers } = await answeredEverything(owner.email);
    expect((await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {})).headers.location).toBe('/sign-up/confirmation');
    expect(await OrganisationModel.countDocuments({ name: answers.organisation.name })).toBe(0);
    expect(await MailOutboxModel.countDocuments({ to: owner.email, kind: 'account_exists' })).toBe(1);
  });
});

describe('a suspended organisation', () => {
  it('when its employer signs in with the right password, then a page says it is suspended and whom to contact, and they are told by email', async () => {
    const email = `${unique('owner')}@example.test`;
    const { agent, answers } = await answeredEverything(email);
    await submitForm(agent, '/sign-up/check-answers', '/sign-up/check-answers', {});
    const organisation = (await OrganisationModel.findOne({ name: answers.organisation.name }).lean())!;
    await UserModel.updateOne({ email }, { $set: { emailVerifiedAt: app.clock.now() } });
    expect((await app.http().post(`/organisations/${String(organisation._id)}/approve`).set('authorization', admin.auth)).status).toBe(200);
    const suspended = await app.http().post(`/organisations/${String(organisation._id)}/suspend`).set('authorization', admin.auth).send({ reason: 'Offers did not follow the Covenant.' });
    expect(suspended.status).toBe(200);

    const employer = browser(app);
    const signIn = await submitForm(employer, '/sign-in', '/sign-in', { email, password: PASSWORD });
    expect(signIn.headers.location).toBe('/organisation/suspended');
    const page = $of((await employer.get('/organisation/suspended')).text);
    expect(page('[data-qa="organisation-suspended"]').text()).toBe('Your organisation is suspended');
    expect(page('main').text()).toContain('Contact the council\'s leaving care team');
    // Shown once after the right password, never to someone who just opens the address.
    expect((await browser(app).get('/organisation/suspended')).headers.location).toBe('/sign-in');

    await sendMail();
    const mail = mailsTo(email).find((message) => message.subject === 'Your organisation is suspended on Care Leaver Offers')!;
    expect(mail.text).toContain('Offers did not follow the Covenant.');
    const reinstated = await app.http().post(`/organisations/${String(organisation._id)}/approve`).set('authorization', admin.auth);
    expect(reinstated.status).toBe(200);
    await sendMail();
    const back = mailsTo(email).find((message) => message.subject === 'Your organisation can use Care Leaver Offers again')!;
    expect(linksIn(back.text)).toEqual(['/offers']);
  });
});
