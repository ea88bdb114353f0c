import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { logIn, offerBody, registrationBody } from '../factories/employers.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, launchChromium, newPage, signIn, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
let smtp: TestSmtpServer;
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://clo.example.test', MAIL_MAX_ATTEMPTS: '1' } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

const sendMail = () => runJob(app, 'send-mail', '2026-06-15');

/** An organisation registers and verifies its email through the API, reading the link from the loopback SMTP server. */
async function registeredOrganisation(districtId: string): Promise<{ id: string; name: string; employer: GivenUser }> {
  const body = registrationBody(districtId);
  const registered = await app.http().post('/organisations/register').send(body);
  expect(registered.status).toBe(201);
  await sendMail();
  const mail = smtp.messages.filter((each) => each.envelopeTo.includes(body.user.email)).at(-1);
  const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  return { id: registered.body.organisation.id, name: body.organisation.name, employer: await logIn(app, body.user.email) };
}

const confirmation = (page: Page) => page.locator('[data-qa="confirmation"]').textContent();

async function approveTheOrganisation(page: Page, name: string, prefix: string) {
  await page.click(`[data-qa="review-organisation"]:has-text("${name}")`);
  await visited(page, `${prefix}approval-organisation`);
  await page.click('[data-qa="approve-organisation"]');
  await expect.poll(() => confirmation(page)).toContain(`${name} is approved`);
  await visited(page, `${prefix}approvals-after-organisation`);
}

async function sendBackThenApprove(page: Page, employer: GivenUser, prefix: string) {
  const created = await app.http().post('/opportunities').set('authorization', employer.auth).send(offerBody({ weeklyHours: 30, title: unique('Office apprentice') }));
  expect((await app.http().post(`/opportunities/${created.body.id}/submit`).set('authorization', employer.auth)).status).toBe(200);
  const title = created.body.title as string;
  await page.goto('/approvals');
  await page.click(`[data-qa="review-offer"]:has-text("${title}")`);
  await visited(page, `${prefix}approval-offer`);
  await page.click('[data-qa="send-back"]'); // no reason yet
  await expect.poll(() => page.locator('[data-qa="error-summary"]').textContent()).toContain('Enter what the employer needs to change');
  await visited(page, `${prefix}approval-offer-error`);
  await page.fill('[data-qa="send-back-reason"]', 'Apprentices work at least 30 hours: please make it 37 hours a week.');
  await page.check('[data-qa="send-back-field-hours-and-duration"]');
  await page.click('[data-qa="send-back"]');
  await expect.poll(() => confirmation(page)).toContain('sent back to the employer');
  expect((await app.http().get(`/opportunities/${created.body.id}`).set('authorization', employer.auth)).body.sentBackFields).toEqual(['weeklyHours', 'durationMonths']);

  // The employer fixes it through the API and submits it again.
  expect((await app.http().patch(`/opportunities/${created.body.id}`).set('authorization', employer.auth).send({ weeklyHours: 37 })).status).toBe(200);
  expect((await app.http().post(`/opportunities/${created.body.id}/submit`).set('authorization', employer.auth)).status).toBe(200);
  await page.goto('/approvals');
  await page.click(`[data-qa="review-offer"]:has-text("${title}")`);
  expect(await page.locator('[data-qa="changed-fields"]').textContent()).toContain('Hours a week');
  expect(await page.locator('[data-qa="offer-field-weeklyHours"] [data-qa="was"]').textContent()).toBe('Was: 30');
  await visited(page, `${prefix}approval-offer-changed`);
  await page.click('[data-qa="approve-offer"]');
  await expect.poll(() => confirmation(page)).toContain(`${title} is approved and open`);
  expect((await app.http().get(`/opportunities/${created.body.id}`).set('authorization', employer.auth)).body.status).toBe('open');
}

async function suspendAndReinstate(page: Page, name: string, prefix: string) {
  await page.click('[data-qa="nav-organisations"]');
  await visited(page, `${prefix}organisations`);
  await page.click(`[data-qa="organisation-link"]:has-text("${name}")`);
  await visited(page, `${prefix}organisation`);
  await page.click('[data-qa="suspend-organisation"]');
  expect(await page.locator('[data-qa="what-suspension-does"]').textContent()).toContain('signed out and cannot sign in');
  await visited(page, `${prefix}organisation-suspend`);
  await page.fill('[data-qa="suspend-reason"]', 'Safeguarding concern under review');
  await page.click('[data-qa="confirm-suspend"]');
  await expect.poll(() => page.locator('[data-qa="organisation-status"]').textContent()).toContain('Suspended');
  await visited(page, `${prefix}organisation-suspended`);
  await page.click('[data-qa="reinstate-organisation"]');
  await visited(page, `${prefix}organisation-reinstate`);
  await page.click('[data-qa="confirm-reinstate"]');
  await expect.poll(() => page.locator('[data-qa="organisation-status"]').textContent()).toContain('Approved');
}

async function createAdviserWhoseEmailFailsThenRetry(page: Page, prefix: string) {
  await sendMail(); // what is already due goes now, so the refusal hits the new account's email
  await page.click('[data-qa="nav-users"]');
  await visited(page, `${prefix}users`);
  await page.click('[data-qa="create-account"]');
  await visited(page, `${prefix}users-new`);
  const email = `${unique('new-adviser')}@council.example.test`;
  await page.fill('[data-qa="name"]', 'Robin New-Adviser');
  await page.fill('[data-qa="email"]', email);
  await page.check('input[name="role"][value="personal_adviser"]');
  await page.fill('[data-qa="team"]', 'north-team');
  await page.click('[data-qa="create"]');
  await expect.poll(() => confirmation(page)).toContain('Account created for Robin New-Adviser');
  await visited(page, `${prefix}user`);

  smtp.refuseNext(1, 550); // the mail server refuses the link for good
  await sendMail();
  await page.click('[data-qa="nav-failed-emails"]');
  const row = page.locator('[data-qa="emails"] tbody tr', { hasText: email });
  expect(await row.locator('[data-qa="last-error"]').textContent()).toMatch(/^550/);
  await visited(page, `${prefix}failed-emails`);
  await row.locator('[data-qa="retry"]').click();
  await expect.poll(() => confirmation(page)).toContain('queued to be sent again');
  await sendMail();
  await expect.poll(() => smtp.messages.some((mail) => mail.envelopeTo.includes(email) && mail.text.includes('/reset-password?token='))).toBe(true);
  await page.click('[data-qa="status-sent"]');
  expect(await page.locator('[data-qa="emails"]').textContent()).toContain(email);
  await visited(page, `${prefix}sent-emails`);
}

describe.skipIf(!enabled)('council staff run the service', () => {
  it('when an admin approves a waiting organisation, sends its offer back with a reason and approves the fix, then every page is accessible', async () => {
    const admin = await givenUser(app, 'admin');
    const organisation = await registeredOrganisation((await givenDistrict()).id);
    const page = await newPage(browser, app.server.url);
    await signIn(page, admin.email);
    await page.waitForURL('**/approvals');
    await visited(page, 'approvals');
    await approveTheOrganisation(page, organisation.name, '');
    await sendBackThenApprove(page, organisation.employer, '');
    await page.context().close();
  }, 600_000);

  it('when an admin suspends and reinstates an organisation through the confirmation pages, then every page is accessible', async () => {
    const admin = await givenUser(app, 'admin');
    const organisation = await registeredOrganisation((await givenDistrict()).id);
    expect((await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', admin.auth)).status).toBe(200);
    const page = await newPage(browser, app.server.url);
    await signIn(page, admin.email);
    await page.waitForURL('**/approvals');
    await suspendAndReinstate(page, organisation.name, '');
    await page.context().close();
  }, 600_000);

  it('when an admin creates a PA whose link email fails, retries it and it is delivered, and changes a district, then every page is accessible', async () => {
    const admin = await givenUser(app, 'admin');
    const district = await givenDistrict();
    const page = await newPage(browser, app.server.url);
    await signIn(page, admin.email);
    await page.waitForURL('**/approvals');
    await createAdviserWhoseEmailFailsThenRetry(page, '');
    await page.click('[data-qa="nav-districts"]');
    await visited(page, 'districts');
    await page.click(`tr:has-text("${district.name}") [data-qa="change-settings"]`);
    await visited(page, 'district-settings');
    await page.fill('[data-qa="lookahead-weeks"]', '10');
    await page.click('[data-qa="save-settings"]');
    await expect.poll(() => confirmation(page)).toContain(`Housing settings for ${district.name} saved.`);
    await page.context().close();
  }, 600_000);

  it('when JavaScript is off, then the approvals and suspension work the same', async () => {
    const admin = await givenUser(app, 'admin');
    const organisation = await registeredOrganisation((await givenDistrict()).id);
    const page = await newPage(browser, app.server.url, { javaScriptEnabled: false });
    await signIn(page, admin.email);
    await page.waitForURL('**/approvals');
    await approveTheOrganisation(page, organisation.name, 'nojs-');
    await sendBackThenApprove(page, organisation.employer, 'nojs-');
    await suspendAndReinstate(page, organisation.name, 'nojs-');
    await page.context().close();
  }, 600_000);
});
