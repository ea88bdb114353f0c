import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganisationModel } from '../../src/employers/organisations.model.js';
import { givenDistrict, givenUser, TEST_PASSWORD, unique, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { browserTestsEnabled, launchChromium, newPage, signIn, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
// Links in emails name the public address; the journey opens their paths on the test server.
const BASE = 'http://offers.council.example';
let smtp: TestSmtpServer;
let app: TestApp;
let browser: Browser;
let admin: GivenUser;
let district: { id: string; name: string };

beforeAll(async () => {
  if (!enabled) return;
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE } });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict({ name: unique('Hinckley and Bosworth') });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

let slot = 0;
/** The verification link emailed to `email`, as it arrived at the loopback SMTP server (the sender job run once). */
async function emailedLinkPath(email: string, linkPath: string): Promise<string> {
  slot += 1;
  await runJob(app, 'send-mail', { at: new Date(app.clock.now().getTime() + slot * 60_000).toISOString() });
  const mail = smtp.messages.filter((message) => message.envelopeTo.includes(email)).at(-1);
  const match = mail && new RegExp(`${BASE}(${linkPath}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${linkPath} link emailed to ${email}`);
  return match[1];
}

/** From the start page to "check your email", one question page at a time, with a Change from check your answers. */
async function signUp(page: Page, prefix: string, organisationName: string, email: string): Promise<void> {
  await page.goto('/');
  await visited(page, `${prefix}start`);
  await page.click('[data-qa="start-sign-up-link"]');
  await visited(page, `${prefix}sign-up-start`);
  await page.click('[data-qa="start-sign-up"]');
  await page.waitForURL('**/sign-up/organisation');

  // Sent empty first: the error summary is on the page and accessible.
  await page.click('[data-qa="continue"]');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the name of your organisation');
  await visited(page, `${prefix}sign-up-organisation-errors`);
  await page.fill('[data-qa="organisation-name"]', organisationName);
  await page.check('[data-qa="kind-company"]');
  await page.fill('[data-qa="companies-house-number"]', String(Math.floor(Math.random() * 1e7)));
  await page.check('[data-qa="size-small"]');
  await page.selectOption('[data-qa="sector"]', 'catering_and_hospitality');
  await visited(page, `${prefix}sign-up-organisation`);
  await page.click('[data-qa="continue"]');

  await page.waitForURL('**/sign-up/address');
  await page.fill('[data-qa="address-line1"]', '2 Market Street');
  await page.fill('[data-qa="address-town"]', 'Hinckley');
  await page.fill('[data-qa="address-postcode"]', 'LE10 1AA');
  await page.selectOption('[data-qa="district"]', { label: district.name });
  await visited(page, `${prefix}sign-up-address`);
  await page.click('[data-qa="continue"]');

  await page.waitForURL('**/sign-up/contact');
  await page.fill('[data-qa="contact-name"]', 'Jo Baker');
  await page.fill('[data-qa="contact-email"]', `${unique('contact')}@example.test`);
  await visited(page, `${prefix}sign-up-contact`);
  await page.click('[data-qa="continue"]');

  await page.waitForURL('**/sign-up/pledges');
  await page.check('[data-qa="pledge-education_employment_training"]');
  await page.check('[data-qa="pledge-finance"]');
  await visited(page, `${prefix}sign-up-pledges`);
  await page.click('[data-qa="continue"]');

  await page.waitForURL('**/sign-up/account');
  // The contact's name and email are offered as the account's; this account is someone else's.
  expect(await page.inputValue('[data-qa="account-name"]')).toBe('Jo Baker');
  await page.fill('[data-qa="account-name"]', 'Sam Baker');
  await page.fill('[data-qa="account-email"]', email);
  await page.fill('[data-qa="account-password"]', TEST_PASSWORD);
  await visited(page, `${prefix}sign-up-account`);
  await page.click('[data-qa="continue"]');

  await page.waitForURL('**/sign-up/check-answers');
  await visited(page, `${prefix}sign-up-check-answers`);
  await page.click('[data-qa="change-contact-phone"]');
  await page.waitForURL('**/sign-up/contact');
  await page.fill('[data-qa="contact-phone"]', '01455 000000');
  await page.click('[data-qa="continue"]');
  await page.waitForURL('**/sign-up/check-answers');
  expect(await page.locator('[data-qa="summary-contact"]').textContent()).toContain('01455 000000');
  expect(await page.locator('[data-qa="summary-organisation"]').textContent()).toContain(organisationName);
  await page.click('[data-qa="submit-sign-up"]');

  await page.waitForURL('**/sign-up/confirmation');
  expect(await page.locator('[data-qa="sign-up-panel"]').textContent()).toContain('Check your email');
  await visited(page, `${prefix}sign-up-confirmation`);
}

async function confirmEmailSignInAndWait(page: Page, prefix: string, email: string): Promise<void> {
  await page.goto(await emailedLinkPath(email, '/verify-email'));
  await visited(page, `${prefix}verify-email`);
  await page.click('[data-qa="confirm-email"]');
  await page.waitForURL('**/sign-in');
  expect(await page.locator('[data-qa="confirmation"]').textContent()).toContain('The council will check and approve your organisation');
  await signIn(page, email);
  await page.waitForURL('**/organisation/pending');
  expect(await page.locator('[data-qa="organisation-pending"]').textContent()).toBe('Waiting for the council to approve your organisation');
  await visited(page, `${prefix}organisation-pending`);

  // Colleagues can be invited while waiting.
  await page.click('[data-qa="nav-people"]');
  await page.waitForURL('**/organisation/people');
  await visited(page, `${prefix}people`);
  await page.click('[data-qa="invite-colleague"]');
  await page.click('[data-qa="send-invitation"]');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your colleague');
  await visited(page, `${prefix}invite-colleague-errors`);
  const colleague = `${unique('colleague')}@example.test`;
  await page.fill('[data-qa="colleague-email"]', colleague);
  await page.click('[data-qa="send-invitation"]');
  await page.waitForURL('**/organisation/people');
  expect(await page.locator('[data-qa="invitation-email"]').textContent()).toBe(colleague);
  await visited(page, `${prefix}people-invited`);
}

/** Approved by council staff (through the API: the approvals pages are built elsewhere), then sign in again. */
async function approveAndSignInAgain(page: Page, prefix: string, organisationName: string, email: string): Promise<void> {
  const organisation = await OrganisationModel.findOne({ name: organisationName }).lean();
  const approved = await app.http().post(`/organisations/${String(organisation!._id)}/approve`).set('authorization', admin.auth);
  expect(approved.status).toBe(200);
  await page.click('[data-qa="sign-out"]');
  await signIn(page, email);
  await page.waitForURL('**/offers');
  await visited(page, `${prefix}employer-home`);
}

describe.skipIf(!enabled)('an organisation signs the Covenant', () => {
  it('when an organisation signs up, confirms its email, waits for approval and is approved, then every page on the way is accessible', async () => {
    const name = unique('Hinckley Bakery');
    const email = `${unique('owner')}@example.test`;
    const page = await newPage(browser, app.server.url);
    await signUp(page, '', name, email);
    await confirmEmailSignInAndWait(page, '', email);
    await approveAndSignInAgain(page, '', name, email);
    await page.context().close();
  }, 600_000);

  it('when JavaScript is off, then the same journey works', async () => {
    const name = unique('Market Harborough Garage');
    const email = `${unique('owner')}@example.test`;
    const page = await newPage(browser, app.server.url, { javaScriptEnabled: false });
    await signUp(page, 'nojs-', name, email);
    await confirmEmailSignInAndWait(page, 'nojs-', email);
    await approveAndSignInAgain(page, 'nojs-', name, email);
    await page.context().close();
  }, 600_000);
});
