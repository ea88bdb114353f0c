import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOpenEmployerOffer, givenOrganisation, mailsTo } from '../factories/employers.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenReferral } from '../factories/referrals.js';
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

/** An approved organisation with an open offer, and a PA who referred a 17-year-old (anonymous profile) to it, all through the API. */
async function givenReferralToOffer(): Promise<{ employer: GivenUser; pa: GivenUser; referral: { id: string; referralCode: string }; firstName: string }> {
  const admin = await givenUser(app, 'admin');
  const district = await givenDistrict();
  const organisation = await givenOrganisation(app, admin, district.id);
  const offer = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Junior developer apprentice', places: 2 });
  const pa = await givenUser(app, 'personal_adviser');
  const firstName = `Marigold${Math.floor(Math.random() * 1e6)}`;
  const person = await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName, dateOfBirth: '2009-01-10', employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: true });
  const referral = await givenReferral(app, pa, { youngPersonId: person.id, opportunityId: offer.id });
  return { employer: organisation.employer, pa, referral, firstName };
}

/** The path of the link in the "New referral" email the employer received (read from the mail folder). */
async function emailedReferralPath(email: string, referralCode: string): Promise<string> {
  const mail = (await mailsTo(app, email)).find((message) => message.subject === `New referral ${referralCode} to your offer`);
  const link = /https?:\/\/\S+(\/received-referrals\/[0-9a-f]{24})/.exec(mail?.text ?? '')?.[1];
  if (!link) throw new Error('no referral link in the email');
  return link;
}

async function recordOutcome(page: Page, outcome: string, date: [string, string, string], screenshotName: string): Promise<void> {
  await page.check(`[data-qa="outcome-${outcome}"]`);
  await page.fill('input[name="date-day"]', date[0]);
  await page.fill('input[name="date-month"]', date[1]);
  await page.fill('input[name="date-year"]', date[2]);
  await page.click('[data-qa="save-outcome"]');
  await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toContain('recorded for referral');
  await visited(page, screenshotName);
}

describe.skipIf(!enabled)('an employer follows a referral from the email to a start', () => {
  it('when the employer opens the emailed link, records a meeting, a work trial, an offer and a start, then each step shows and the PA sees them all', async () => {
    const { employer, pa, referral, firstName } = await givenReferralToOffer();
    const path = await emailedReferralPath(employer.email, referral.referralCode);

    const page = await newPage(browser, app.server.url);
    await page.goto(path);
    await page.waitForURL('**/sign-in');
    await signIn(page, employer.email);
    await page.waitForURL(`**${path}`);
    await visited(page, 'employer-referral');
    expect(await page.locator('[data-qa="referral-code"]').textContent()).toContain(referral.referralCode);
    expect(await page.locator('[data-qa="sharing-level"]').textContent()).toContain('anonymous profile');
    expect(await page.content()).not.toContain(firstName);

    // A work trial with no date: the error summary says so, and the page is still accessible.
    await page.check('[data-qa="outcome-work_trial_arranged"]');
    await page.click('[data-qa="save-outcome"]');
    await expect.poll(() => page.locator('[data-qa="error-summary"]').textContent()).toContain('Enter the date the work trial starts');
    await visited(page, 'employer-referral-error');

    await recordOutcome(page, 'informal_meeting_held', ['15', '6', '2026'], 'employer-referral-meeting');
    await recordOutcome(page, 'work_trial_arranged', ['22', '6', '2026'], 'employer-referral-work-trial');
    await recordOutcome(page, 'offer_made', ['29', '6', '2026'], 'employer-referral-offer');
    await recordOutcome(page, 'started', ['6', '7', '2026'], 'employer-referral-started');
    expect(await page.locator('[data-qa="referral-stage"]').textContent()).toContain('Started');
    const timeline = (await page.locator('[data-qa="referral-timeline"]').textContent())!.replace(/\s+/g, ' ');
    for (const step of ['Informal meeting on 15 June 2026', 'Work trial on 22 June 2026', 'Offered on 29 June 2026', 'Started on 6 July 2026']) expect(timeline).toContain(step);

    await page.click('[data-qa="nav-received-referrals"]');
    await page.waitForURL('**/received-referrals');
    await visited(page, 'employer-received-referrals');
    expect(await page.locator('[data-qa="referral-link"]').first().textContent()).toContain(referral.referralCode);

    await page.click('[data-qa="nav-incentives"]');
    await page.waitForURL('**/incentives');
    await visited(page, 'employer-incentives');
    expect(await page.locator('[data-qa="incentive-status"]').first().textContent()).toContain('Due');
    await page.click('[data-qa="mark-claimed"]');
    await expect.poll(() => page.locator('[data-qa="incentive-status"]').first().textContent()).toContain('Claimed');
    await visited(page, 'employer-incentives-claimed');
    await page.context().close();

    // The PA's referral page shows every step the employer recorded.
    const paPage = await newPage(browser, app.server.url);
    await paPage.goto(`/referrals/${referral.id}`);
    await paPage.waitForURL('**/sign-in');
    await signIn(paPage, pa.email);
    await paPage.waitForURL('**/young-people/*');
    const paTimeline = (await paPage.locator(`#referral-${referral.id} [data-qa="referral-timeline"]`).textContent())!.replace(/\s+/g, ' ');
    for (const step of ['Informal meeting on 15 June 2026', 'Work trial on 22 June 2026', 'Offered on 29 June 2026', 'Started on 6 July 2026']) expect(paTimeline).toContain(step);
    await visited(paPage, 'pa-referral-after-employer-steps');
    await paPage.context().close();
  }, 600_000);

  it('when JavaScript is off, then the employer can still open the emailed link and record a meeting held', async () => {
    const { employer, referral } = await givenReferralToOffer();
    const path = await emailedReferralPath(employer.email, referral.referralCode);
    const page = await newPage(browser, app.server.url, { javaScriptEnabled: false });
    await page.goto(path);
    await page.waitForURL('**/sign-in');
    await signIn(page, employer.email);
    await page.waitForURL(`**${path}`);
    await recordOutcome(page, 'informal_meeting_held', ['15', '6', '2026'], 'nojs-employer-referral-meeting');
    expect(await page.locator('[data-qa="referral-stage"]').textContent()).toContain('Informal meeting');
    await page.context().close();
  }, 300_000);
});
