import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOpenEmployerOffer, givenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, unique } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, launchChromium, newPage, signIn, visited } from './browser-support.js';

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

/** Presses "Save and continue" on a question page and waits for the next page. */
async function saveAndContinue(page: Page, name: string): Promise<void> {
  await visited(page, `offer-question-${name}`);
  await Promise.all([page.waitForNavigation(), page.click('[data-qa="save-and-continue"]')]);
}

async function fillDate(page: Page, name: string, day: string, month: string, year: string): Promise<void> {
  await page.fill(`[data-qa="${name}-day"]`, day);
  await page.fill(`[data-qa="${name}-month"]`, month);
  await page.fill(`[data-qa="${name}-year"]`, year);
}

describe.skipIf(!enabled)('an employer\'s apprenticeship, from first question to open', () => {
  it('when an approved employer writes an apprenticeship, has it sent back, fixes it and has it approved, then it is open on their dashboard; and they close another early', async () => {
    const admin = await givenUser(app, 'admin');
    const district = await givenDistrict({ name: `Charnwood ${unique('d')}` });
    const organisation = await givenOrganisation(app, admin, district.id);
    const page = await newPage(browser, app.server.url);
    await signIn(page, organisation.employer.email);
    await page.waitForURL('**/offers');
    await visited(page, 'offers-dashboard-empty');

    await page.click('[data-qa="create-offer"]');
    await visited(page, 'offer-new');
    await page.check('input[name="kind"][value="apprenticeship"]');
    await page.fill('[data-qa="title"]', 'Junior developer apprentice');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="start-offer"]')]);

    await page.fill('[data-qa="description"]', 'Learn to build and run web services with a friendly team, on the job and at college.');
    await page.fill('[data-qa="whatYouWillDo"]', 'Pair with a developer on small changes and help run the service.');
    await page.fill('[data-qa="skills"]', 'Curiosity\nTeam work');
    await saveAndContinue(page, 'description');
    await page.check('input[name="sector"][value="digital"]');
    await saveAndContinue(page, 'sector');
    await page.check('input[name="areas"][value="education_employment_training"]');
    await saveAndContinue(page, 'areas');
    await page.check('[data-qa="where-district"]');
    await page.selectOption('[data-qa="districtId"]', { label: district.name });
    await saveAndContinue(page, 'location');
    await fillDate(page, 'closingDate', '31', '7', '2026');
    await fillDate(page, 'startDate', '1', '9', '2026');
    await saveAndContinue(page, 'dates');
    await page.check('input[name="level"][value="3"]');
    await saveAndContinue(page, 'apprenticeship');
    await page.fill('[data-qa="weeklyHours"]', '40');
    await page.fill('[data-qa="durationMonths"]', '18');
    await saveAndContinue(page, 'hours-and-duration');

    // A wage below the apprentice minimum wage is refused on the wage page, with the rule's reason.
    await page.check('input[name="wageType"][value="fixed"]');
    await page.fill('[data-qa="yearlyWage"]', '15000');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="save-and-continue"]')]);
    await expect.poll(() => page.locator('[data-qa="error-summary"]').textContent()).toContain('below the apprentice minimum wage');
    await visited(page, 'offer-question-wage-error');
    await page.fill('[data-qa="yearlyWage"]', '18500');
    await saveAndContinue(page, 'wage');

    await page.fill('[data-qa="qualification-subject"]', 'Maths');
    await page.selectOption('[data-qa="qualification-level"]', '2');
    await page.check('[data-qa="importance-essential"]');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="add-qualification"]')]);
    expect(await page.locator('[data-qa="qualification-list"]').textContent()).toContain('Maths');
    await saveAndContinue(page, 'qualifications');
    await page.fill('[data-qa="places"]', '2');
    await saveAndContinue(page, 'places');
    await page.check('input[name="sharingNeeded"][value="anonymous_profile"]');
    await saveAndContinue(page, 'sharing');

    await page.waitForURL('**/check-answers');
    await visited(page, 'offer-check-answers');
    expect(await page.locator('[data-qa="check-answers"]').textContent()).toContain('40 hours a week');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="submit-for-approval"]')]);
    expect(await page.locator('[data-qa="opportunity-status"]').textContent()).toContain('Waiting for approval');
    await visited(page, 'offer-submitted');
    const id = /\/opportunities\/([0-9a-f]{24})$/.exec(page.url())![1]!;

    // Council staff send it back through the API (their review page is another engineer's).
    const sentBack = await app.http().post(`/opportunities/${id}/send-back`).set('authorization', admin.auth).send({ reason: 'Our apprentices work 37.5 hours a week: please change the weekly hours.', fields: ['weeklyHours'] });
    expect(sentBack.status).toBe(200);
    await page.goto('/offers');
    expect(await page.locator('[data-qa="count-sent_back"]').textContent()).toBe('1');
    await page.click('[data-qa="sent-back-offer"]');
    expect(await page.locator('[data-qa="sent-back-reason"]').textContent()).toContain('37.5 hours');
    await visited(page, 'offer-sent-back');
    // The part the council named links straight to its question, and back to check your answers after.
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="named-weeklyHours"]')]);
    expect(page.url()).toContain(`/opportunities/${id}/edit/hours-and-duration?check=1`);
    await page.fill('[data-qa="weeklyHours"]', '37.5');
    await saveAndContinue(page, 'hours-fix');
    await page.waitForURL('**/check-answers');
    expect(await page.locator('[data-qa="check-answers"]').textContent()).toContain('37.5 hours a week');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="submit-for-approval"]')]);
    expect(await page.locator('[data-qa="opportunity-status"]').textContent()).toContain('Waiting for approval');

    expect((await app.http().post(`/opportunities/${id}/approve`).set('authorization', admin.auth)).status).toBe(200);
    await page.click('[data-qa="nav-offers"]');
    await page.waitForURL('**/offers');
    expect(await page.locator('[data-qa="count-open"]').textContent()).toBe('1');
    expect(await page.locator('[data-qa="all-offers"]').textContent()).toContain('Open');
    await visited(page, 'offers-dashboard');

    // Another offer, open already, is closed early from its page.
    const other = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Summer work experience apprentice' });
    await page.goto(`/opportunities/${other.id}`);
    await visited(page, 'offer-open');
    await page.click('[data-qa="close-early"]');
    await visited(page, 'offer-close');
    await Promise.all([page.waitForNavigation(), page.click('[data-qa="confirm-close"]')]);
    expect(await page.locator('[data-qa="opportunity-status"]').textContent()).toContain('Closed');
    expect(await page.locator('[data-qa="confirmation"]').textContent()).toContain('The offer is closed');
    await visited(page, 'offer-closed');
    await page.context().close();
  }, 900_000);
});
