import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, unique } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, expectNoSidewaysScroll, launchChromium, newPage, signIn, visited } from './browser-support.js';

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

describe.skipIf(!enabled)('adding a young person', () => {
  it('when a PA adds a young person with a mistake, then the error summary shows it, and once corrected the young person is saved', async () => {
    const district = await givenDistrict({ name: `Charnwood ${unique('d')}` });
    const pa = await givenUser(app, 'personal_adviser');
    const page = await newPage(browser, app.server.url);
    await signIn(page, pa.email);
    await page.waitForURL('**/caseload');
    await page.click('[data-qa="nav-add-young-person"]');
    await visited(page, 'add-young-person');
    await page.fill('[data-qa="firstName"]', 'Amara');
    await page.fill('[data-qa="lastName"]', 'Okafor');
    await page.fill('[data-qa="dateOfBirth-day"]', '31');
    await page.fill('[data-qa="dateOfBirth-month"]', '2');
    await page.fill('[data-qa="dateOfBirth-year"]', '2008');
    await page.check('input[name="careStatus"][value="care_leaver"]');
    await page.check('input[name="legalCategory"][value="relevant"]');
    await page.selectOption('[data-qa="homeDistrictId"]', { label: district.name });
    await page.check('input[name="interests"][value="digital"]');
    await page.fill('[data-qa="qualification-subject"]', 'Maths');
    await page.selectOption('[data-qa="qualification-level"]', '2');
    await page.check('[data-qa="employerSharing-name_and_contact"]');
    await page.check('[data-qa="employerMayKnowCareLeaver-yes"]');
    await page.check('[data-qa="shareWithHousing-yes"]');
    await page.click('[data-qa="save-young-person"]');

    await expect.poll(() => page.locator('[data-qa="error-summary"]').textContent()).toContain('Date of birth must be a real date');
    // govuk-frontend moves focus to the error summary, so a screen reader announces it.
    await expect.poll(() => page.evaluate<boolean>(`document.activeElement?.closest('.govuk-error-summary') !== null`)).toBe(true);
    await visited(page, 'add-young-person-error');
    expect(await page.inputValue('[data-qa="firstName"]')).toBe('Amara');
    await page.click('[data-qa="error-summary"] a');
    await page.fill('[data-qa="dateOfBirth-day"]', '28');
    await page.click('[data-qa="save-young-person"]');
    await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toContain('Amara Okafor has been added');
    expect(await page.locator('[data-qa="profile"]').textContent()).toContain('28 February 2008');
    await page.context().close();
  }, 180_000);
});

describe.skipIf(!enabled)('a manager reallocates', () => {
  it('when a manager moves a young person to another PA, then the old PA then gets the not-found page', async () => {
    const district = await givenDistrict();
    const team = unique('team');
    const oldPa = await givenUser(app, 'personal_adviser', { team, name: 'Amira Khan' });
    const newPa = await givenUser(app, 'personal_adviser', { team, name: 'Ben Walters' });
    const manager = await givenUser(app, 'manager', { team });
    const youngPerson = await givenYoungPerson(app, oldPa, { homeDistrictId: district.id, firstName: 'Reece', pathwayPlanReviewDate: '2026-06-01' });
    await runJob(app, 'reminder-scan', '2026-06-15');

    const paPage = await newPage(browser, app.server.url);
    await signIn(paPage, oldPa.email);
    await paPage.waitForURL('**/caseload');
    await paPage.click('[data-qa="nav-reminders"]');
    await visited(paPage, 'reminders');

    const page = await newPage(browser, app.server.url);
    await signIn(page, manager.email);
    await page.waitForURL('**/team');
    await visited(page, 'team');
    await page.click(`[data-qa="adviser-caseload"]:has-text("Amira Khan")`);
    await visited(page, 'adviser-caseload');
    await page.click('[data-qa="young-person-link"]:has-text("Reece")');
    await page.selectOption('[data-qa="reallocate-to"]', { label: 'Ben Walters' });
    await page.click('[data-qa="reallocate"]');
    await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toContain('Reallocated to Ben Walters');
    await visited(page, 'reallocated');
    await page.click('[data-qa="audit-link"]');
    await visited(page, 'audit');
    await expectNoSidewaysScroll(page, 'audit');
    await page.context().close();

    await paPage.goto(`/young-people/${youngPerson.id}`);
    expect(await paPage.locator('h1').textContent()).toBe('Page not found');
    await visited(paPage, 'not-found');
    await paPage.click('[data-qa="sign-out"]');
    expect(await paPage.locator('[data-qa="signed-out"]').textContent()).toContain('You have been signed out');
    await visited(paPage, 'signed-out');
    await paPage.context().close();
    void newPa;
  }, 180_000);
});
