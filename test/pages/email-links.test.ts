import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { givenDistrict, givenUser, givenYoungPerson, TEST_PASSWORD } from '../factories/index.js';
import { registrationBody } from '../factories/employers.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { $of, browser, csrfOf, signedInBrowser, submitForm } from './browser-agent.js';

// http, so the session cookie is not Secure and supertest sends it back over plain http.
const BASE = 'http://offers.council.example';
let smtp: TestSmtpServer;
let app: TestApp;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE } });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const linksIn = (text: string) => [...text.matchAll(/http:\/\/offers\.council\.example(\/[^\s"<>]*)/g)].map((match) => match[1]!);
const mailsTo = (email: string) => smtp.messages.filter((mail) => mail.envelopeTo.includes(email));
let slot = 0;
/** Runs the sender once, each time in a slot of its own (a job slot runs once). */
async function sendMail() {
  slot += 1;
  await runJob(app, 'send-mail', { at: new Date(app.clock.now().getTime() + slot * 60_000).toISOString() });
}

describe('links in reminder emails', () => {
  it('when a PA opens any link in their urgent emails and daily digest, then each lands on a working page after signing in', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    // Leaving custody near 18 (urgent, emailed at once), a review overdue, a birthday ahead: links to the young person and the reminders page.
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, dateOfBirth: '2008-08-01', inCustody: true, expectedReleaseDate: '2026-07-20' });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-06-01' });
    await runJob(app, 'reminder-scan', '2026-06-15');
    await runJob(app, 'daily-digest', { at: '2026-06-15T06:00:00.000Z' });
    await sendMail();
    const links = [...new Set(mailsTo(pa.email).flatMap((mail) => linksIn(mail.text)))];
    expect(links).toEqual(expect.arrayContaining(['/reminders']));
    expect(links.filter((link) => link.startsWith('/young-people/')).length).toBeGreaterThanOrEqual(2);

    const agent = browser(app);
    const first = await agent.get(links[0]!);
    expect(first.headers.location).toBe('/sign-in');
    await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: TEST_PASSWORD });
    for (const link of links) {
      const page = await agent.get(link).redirects(2);
      expect(page.status, link).toBe(200);
      expect(page.headers['content-type'], link).toMatch(/text\/html/);
      expect($of(page.text)('h1').text(), link).not.toMatch(/Sign in|Page not found/);
    }
  });
});

describe('forgotten password', () => {
  it('when someone asks for a reset link, then it is emailed through the outbox, sets a new password once, and signs out old sessions', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const oldSession = await signedInBrowser(app, pa);
    const agent = browser(app);
    const asked = await submitForm(agent, '/forgot-password', '/forgot-password', { email: pa.email.toUpperCase() });
    expect($of(asked.text)('[data-qa="reset-link-sent"]').length).toBe(1);
    expect(await MailOutboxModel.countDocuments({ to: pa.email, kind: 'account' })).toBe(1);
    await sendMail();
    const mail = mailsTo(pa.email).find((message) => message.subject === 'Reset your password for Care Leaver Offers');
    expect(mail?.subject).not.toContain(pa.name);
    const link = linksIn(mail!.text).find((path) => path.startsWith('/reset-password?token='))!;

    const form = await agent.get(link);
    expect($of(form.text)('h1').text()).toBe('Choose a new password');
    const token = $of(form.text)('input[name="token"]').val() as string;
    const newPassword = 'a much longer new password';
    const changed = await agent.post('/reset-password').type('form').send({ _csrf: csrfOf(form.text), token, password: newPassword, confirmPassword: newPassword });
    expect(changed.headers.location).toBe('/sign-in');
    expect($of((await oldSession.get('/caseload')).text)('[data-qa="signed-out"]').length).toBe(1);
    const signIn = await submitForm(browser(app), '/sign-in', '/sign-in', { email: pa.email, password: newPassword });
    expect(signIn.headers.location).toBe('/caseload');

    const again = await agent.get(link);
    expect($of(again.text)('[data-qa="link-expired"]').length).toBe(1);
  });

  it('when the address has no account, then the same page shows and nothing is emailed', async () => {
    const before = await MailOutboxModel.countDocuments({ kind: 'account' });
    const response = await submitForm(browser(app), '/forgot-password', '/forgot-password', { email: 'nobody-here@example.test' });
    expect($of(response.text)('[data-qa="reset-link-sent"]').length).toBe(1);
    expect(await MailOutboxModel.countDocuments({ kind: 'account' })).toBe(before);
  });

  it('when the link is older than an hour, then it has expired', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    await submitForm(browser(app), '/forgot-password', '/forgot-password', { email: pa.email });
    await sendMail();
    const mail = mailsTo(pa.email).find((message) => message.subject.startsWith('Reset your password'))!;
    const link = linksIn(mail.text).find((path) => path.startsWith('/reset-password'))!;
    app.clock.advanceMs(61 * 60_000);
    try {
      expect($of((await browser(app).get(link)).text)('[data-qa="link-expired"]').length).toBe(1);
    } finally {
      app.clock.advanceMs(-61 * 60_000);
    }
  });
});

describe('employer email links', () => {
  it('when an employer opens the verification link, then a page asks them to confirm with a button, and confirming lets them sign in', async () => {
    const district = await givenDistrict();
    const body = registrationBody(district.id);
    expect((await app.http().post('/organisations/register').send(body)).status).toBe(201);
    await sendMail();
    const mail = mailsTo(body.user.email as string).at(-1)!;
    const link = linksIn(mail.text).find((path) => path.startsWith('/verify-email?token='))!;
    const agent = browser(app);
    const page = await agent.get(link);
    expect($of(page.text)('[data-qa="confirm-email"]').length).toBe(1);
    const token = $of(page.text)('input[name="token"]').val();
    const confirmed = await agent.post('/verify-email').type('form').send({ _csrf: csrfOf(page.text), token });
    expect(confirmed.headers.location).toBe('/sign-in');
    const signIn = await submitForm(browser(app), '/sign-in', '/sign-in', { email: body.user.email as string, password: TEST_PASSWORD });
    expect(signIn.headers.location).toBe('/offers');
  });
});

describe('My reminders', () => {
  it('when a PA marks a reminder read, then it leaves the unread list and stays listed as read', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-06-01' });
    await runJob(app, 'reminder-scan', '2026-06-15');
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get('/reminders');
    const $ = $of(page.text);
    expect($('[data-qa="reminder"]').length).toBe(1);
    expect($('[data-qa="reminder-link"]').attr('href')).toMatch(/^\/young-people\/[0-9a-f]{24}$/);
    const action = $('[data-qa="reminder"] form').attr('action')!;
    expect((await agent.post(action).type('form').send({ _csrf: csrfOf(page.text) })).status).toBe(303);
    const after = $of((await agent.get('/reminders')).text);
    expect(after('[data-qa="no-unread"]').length).toBe(1);
    expect(after('[data-qa="read-reminders"] li').length).toBe(1);
  });
});

describe('links in housing officers\' and employers\' reminders', () => {
  it('when a housing officer opens their district\'s early-applications link, then the page lists who agreed to share, and another district is not found', async () => {
    const district = await givenDistrict();
    const otherDistrict = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const officer = await givenUser(app, 'housing_officer', { districtIds: [district.id] });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Sharing', dateOfBirth: '2008-11-10', shareWithHousing: true });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Private', dateOfBirth: '2008-11-10', shareWithHousing: false });
    const agent = await signedInBrowser(app, officer);
    const page = await agent.get(`/districts/${district.id}/early-applications`);
    expect(page.status).toBe(200);
    expect($of(page.text)('[data-qa="early-application"]').text()).toContain('Sharing');
    expect(page.text).not.toContain('Private');
    expect((await agent.get(`/districts/${otherDistrict.id}/early-applications`)).status).toBe(404);
  });
});
