import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenCareLeaver, givenHousingOfficer, morningOf } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, launchChromium, newPage, signIn, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
const TODAY = '2026-06-02';
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  app = await startTestApp({ now: morningOf(TODAY) });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A district whose list has a young person leaving custody near 18 and two who can already apply. */
async function givenDistrictList(): Promise<{ officer: GivenUser; custodyName: string; districtName: string }> {
  const adviser = await givenUser(app, 'personal_adviser');
  const districtName = `Charnwood ${Math.floor(Math.random() * 1e5)}`;
  const district = await givenDistrict({ name: districtName, withinCouncilArea: false });
  const officer = await givenHousingOfficer(app, [district.id]);
  const custodyName = `Rowan${Math.floor(Math.random() * 1e6)}`;
  await givenCareLeaver(app, adviser, { homeDistrictId: district.id, dateOfBirth: '2007-03-10' });
  await givenCareLeaver(app, adviser, { homeDistrictId: district.id, dateOfBirth: '2008-01-10' });
  // Leaves custody on 4 July 2026, four weeks before turning 18: first on the list, whatever the others' waits.
  await givenCareLeaver(app, adviser, { homeDistrictId: district.id, firstName: custodyName, dateOfBirth: '2008-08-01', careStatus: 'in_care', legalCategory: 'eligible', inCustody: true, expectedReleaseDate: '2026-07-04' });
  return { officer, custodyName, districtName };
}

async function recordSubmitted(page: Page, prefix: string): Promise<void> {
  await page.check('[data-qa="status-application_submitted"]');
  await page.fill('[data-qa="application_submitted-submittedDate-day"]', '1');
  await page.fill('[data-qa="application_submitted-submittedDate-month"]', '6');
  await page.fill('[data-qa="application_submitted-submittedDate-year"]', '2026');
  // Under 18 on that date: a guarantor or trustee is needed with the submission.
  await page.click('[data-qa="save-status"]');
  await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('guarantor or trustee');
  await visited(page, `${prefix}housing-application-error`);
  await page.check('[data-qa="application_submitted-guarantorKind-trustee"]');
  await page.fill('[data-qa="application_submitted-guarantorDetails"]', 'The council as corporate parent, through the leaving care team');
  await page.click('[data-qa="save-status"]');
  await expect.poll(() => page.locator('[data-qa="status"]').textContent()).toContain('Application submitted');
  expect(await page.locator('[data-qa="history-step"]').first().textContent()).toContain('1 June 2026');
  await visited(page, `${prefix}housing-application-submitted`);
}

async function officerJourney(page: Page, prefix: string): Promise<void> {
  const { officer, custodyName, districtName } = await givenDistrictList();
  await signIn(page, officer.email);
  await page.waitForURL('**/housing');
  await visited(page, `${prefix}housing-home`);
  await page.click(`[data-qa="district-link"]:has-text("${districtName}")`);
  await page.waitForURL('**/early-applications');
  await visited(page, `${prefix}early-applications`);
  const first = page.locator('[data-qa="early-application"]').first();
  expect(await first.locator('[data-qa="young-person-link"]').textContent()).toContain(custodyName);
  expect(await first.locator('[data-qa="urgent-tag"]').textContent()).toContain('Urgent: leaving custody');
  expect(await first.locator('[data-qa="reasons"]').textContent()).toContain('Leaves custody on 4 July 2026, 4 weeks before turning 18');
  await first.locator('[data-qa="young-person-link"]').click();
  await page.waitForURL('**/housing/young-people/*');
  await visited(page, `${prefix}housing-young-person`);
  await page.click('[data-qa="start-application"]');
  await page.waitForURL('**/housing-applications/*');
  await visited(page, `${prefix}housing-application`);
  await recordSubmitted(page, prefix);
}

describe.skipIf(!enabled)('a housing officer starts the search for a home early', () => {
  it('when an officer signs in, then they see the custody case first, open it, and record the application as submitted', async () => {
    const page = await newPage(browser, app.server.url);
    await officerJourney(page, '');
    await page.context().close();
  }, 180_000);

  it('when JavaScript is off, then the same journey works (every reveal open, each field still its own)', async () => {
    const page = await newPage(browser, app.server.url, { javaScriptEnabled: false });
    await officerJourney(page, 'nojs-');
    await page.context().close();
  }, 180_000);
});
