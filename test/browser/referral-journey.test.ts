import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, focusedTextContains, launchChromium, newPage, signIn, tabTo, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  app = await startTestApp();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A PA whose caseload has one young person reaching 17½ (flagged for housing) and one who is not, and two open openings. */
async function givenCaseload(): Promise<{ pa: GivenUser; name: string; topMatch: string }> {
  const district = await givenDistrict();
  const pa = await givenUser(app, 'personal_adviser');
  const name = `Kacey${Math.floor(Math.random() * 1e6)}`;
  await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: name, dateOfBirth: '2008-11-10', interests: ['digital'] });
  await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Younger', dateOfBirth: '2009-09-01' });
  const top = await givenOpenOpportunity({ districtId: district.id, title: 'IT Support Apprentice', sector: 'digital', ringFenced: true, kind: 'ring_fenced_apprenticeship' });
  await givenOpenOpportunity({ districtId: district.id, title: 'Catering Apprentice', sector: 'catering_and_hospitality' });
  return { pa, name, topMatch: top.title };
}

async function referAndMoveToInformalMeeting(page: Page, name: string, topMatch: string, prefix: string) {
  await page.selectOption('[data-qa="flag-filter"]', 'housing');
  await page.click('[data-qa="apply-filter"]');
  await visited(page, `${prefix}caseload-housing`);
  await page.click(`[data-qa="young-person-link"]:has-text("${name}")`);
  await visited(page, `${prefix}young-person`);
  const firstMatch = page.locator('[data-qa="match"]').first();
  expect(await firstMatch.textContent()).toContain(topMatch);
  await firstMatch.locator('[data-qa="refer"]').click();
  await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toMatch(/Referred/);
  await visited(page, `${prefix}referred`);
  const referral = page.locator('[data-qa="referral"]').first();
  await referral.locator('input[value="informal_meeting"]').check();
  await referral.locator('input[name="eventDate-day"]').fill('22');
  await referral.locator('input[name="eventDate-month"]').fill('6');
  await referral.locator('input[name="eventDate-year"]').fill('2026');
  await referral.locator('[data-qa="save-stage"]').click();
  await expect.poll(() => page.locator('[data-qa="referral-stage"]').first().textContent()).toContain('Informal meeting');
  expect(await page.locator('[data-qa="referral-timeline"]').first().textContent()).toContain('Informal meeting on 22 June 2026');
  await visited(page, `${prefix}informal-meeting`);
}

describe.skipIf(!enabled)('a personal adviser refers a young person flagged for housing', () => {
  it('when a PA signs in, finds the young person, refers them to the top match and records the informal meeting, then every page is accessible', async () => {
    const { pa, name, topMatch } = await givenCaseload();
    const page = await newPage(browser, app.server.url);
    await signIn(page, pa.email);
    await page.waitForURL('**/caseload');
    await visited(page, 'caseload');
    // govuk-frontend's script ran under the Content Security Policy (it marks the body as supported).
    expect(await page.evaluate<boolean>(`document.body.classList.contains('govuk-frontend-supported')`)).toBe(true);
    await referAndMoveToInformalMeeting(page, name, topMatch, '');
    await page.context().close();
  }, 180_000);

  it('when JavaScript is off, then the same journey works', async () => {
    const { pa, name, topMatch } = await givenCaseload();
    const page = await newPage(browser, app.server.url, { javaScriptEnabled: false });
    await signIn(page, pa.email);
    await page.waitForURL('**/caseload');
    await referAndMoveToInformalMeeting(page, name, topMatch, 'nojs-');
    await page.context().close();
  }, 180_000);

  it('when the PA uses only the keyboard, then they can sign in, refer and record the meeting', async () => {
    const { pa, name } = await givenCaseload();
    const page = await newPage(browser, app.server.url);
    await page.goto('/sign-in');
    await tabTo(page, '[data-qa="email"]');
    await page.keyboard.type(pa.email);
    await tabTo(page, '[data-qa="password"]');
    await page.keyboard.type('correct horse battery staple');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/caseload');
    await tabTo(page, `[data-qa="young-person-link"]`);
    // Tab on to the young person by name (rows are in deadline order).
    while (!(await focusedTextContains(page, name))) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/young-people/*');
    await tabTo(page, '[data-qa="refer"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toMatch(/Referred/);
    await tabTo(page, 'input[value="informal_meeting"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="eventDate-day"]');
    await page.keyboard.type('22');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2026');
    await tabTo(page, '[data-qa="save-stage"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-qa="referral-stage"]').first().textContent()).toContain('Informal meeting');
    await page.context().close();
  }, 180_000);
});
