import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { travelTo } from '../factories/housing.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { browserTestsEnabled, expectNoSidewaysScroll, launchChromium, newPage, signIn, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
let app: TestApp;
let browser: Browser;
let manager: GivenUser;

beforeAll(async () => {
  if (!enabled) return;
  app = await startTestApp({ now: '2026-06-02T09:00:00Z', config: { SESSION_TTL_HOURS: '720' } });
  const districtId = (await givenDistrict({ name: 'Charnwood' })).id;
  manager = await givenUser(app, 'manager', { team: 'journey-team' });
  const adviser = await givenUser(app, 'personal_adviser', { team: 'journey-team', name: 'Pat Adviser' });
  const offer = await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, places: 20, remote: true, closingDate: '2026-12-31', startDate: '2027-01-15', approvedAt: new Date('2026-04-10T09:00:00Z') });
  // Twelve care leavers referred on 2 June: ten meet the employer (June and July), seven try the work, six start.
  for (let index = 0; index < 12; index += 1) {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2006-02-10', activityCode: index < 8 ? 'F5' : 'G5', accommodationCode: 'U1', lastContactDate: '2026-06-01' });
    const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: offer.id });
    const moves = [];
    if (index < 10) moves.push({ stage: 'informal_meeting', eventDate: index < 6 ? '2026-06-10' : '2026-07-08' });
    if (index < 7) moves.push({ stage: 'work_trial', eventDate: '2026-07-15' }, { stage: 'offered', eventDate: '2026-07-20' });
    if (index < 6) moves.push({ stage: 'started', eventDate: '2026-08-03' });
    if (moves.length) await givenReferralMovedThrough(app, adviser, referral.id, moves);
  }
  await travelTo(app, '2026-09-15T09:00:00Z', manager);
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe.skipIf(!enabled)("the board's figures", () => {
  it('when a manager opens the figures, changes the period and downloads a table, then the charts, tables and CSV are for that period', async () => {
    const page = await newPage(browser, app.server.url, { acceptDownloads: true });
    await signIn(page, manager.email);
    await page.waitForURL('**/team');
    await page.click('[data-qa="nav-figures"]');
    await page.waitForURL('**/figures');
    await visited(page, 'figures');
    expect(await page.locator('svg[data-qa="funnel-chart"]').getAttribute('role')).toBe('img');
    expect(await page.locator('svg[data-qa="trend-chart"] title').textContent()).toBe('Trend by month');

    await page.fill('[data-qa="from-day"]', '1');
    await page.fill('[data-qa="from-month"]', '6');
    await page.fill('[data-qa="from-year"]', '2026');
    await page.fill('[data-qa="to-day"]', '31');
    await page.fill('[data-qa="to-month"]', '8');
    await page.fill('[data-qa="to-year"]', '2026');
    await page.click('[data-qa="show-figures"]');
    await page.waitForURL('**/figures?from-day=1**');
    await visited(page, 'figures-summer');
    await expectNoSidewaysScroll(page, 'figures-summer');
    expect(await page.locator('[data-qa="figures-scope"]').textContent()).toBe('1 June 2026 to 31 August 2026, team journey-team, all districts');
    expect((await page.locator('[data-qa="table-referral-funnel"] [data-qa="referred:reached"]').textContent())?.trim()).toBe('12');
    expect((await page.locator('[data-qa="table-referral-funnel"] [data-qa="started:reached"]').textContent())?.trim()).toBe('6');
    expect(await page.locator('svg[data-qa="funnel-chart"] desc').textContent()).toContain('Started: 6');
    // All 12 referrals were in June: shown beside the period's 12, it would tell that July's and August's are 0.
    expect((await page.locator('[data-qa="table-monthly-trend"] [data-qa="2026-06:referred"]').textContent())?.trim()).toBe('hidden');
    expect((await page.locator('[data-qa="table-monthly-trend"] [data-qa="all:referred"]').textContent())?.trim()).toBe('12');
    expect(await page.locator('svg[data-qa="trend-chart"]').textContent()).not.toMatch(/\b12\b/);
    // The charts alone, at phone and desktop width, to check their text stays legible.
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const chart of ['funnel-chart', 'trend-chart']) await page.locator(`svg[data-qa="${chart}"]`).screenshot({ path: `var/screenshots/${chart}-${width}.png` });
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-qa="csv-referral-funnel"]')]);
    expect(download.suggestedFilename()).toBe('referral-funnel-2026-06-01-to-2026-08-31.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('Step,Reached,Conversion from the step before,Median days from the step before');
    // 6 of the 7 offered started (offered 20 July, started 3 August: 14 days). The 7 offered are hidden: all 7 who
    // had a work trial were offered, and "none stopped" is a count of 0; so is the conversion built on them. They
    // are 5 or more, so they read "hidden", not "fewer than 5".
    expect(csv).toContain('Offered,hidden,hidden,5');
    expect(csv).toContain('Started,6,hidden,14');
    expect(csv).toContain('Definition,"Referrals made in the period');

    await page.click('[data-qa="board-report-link"]');
    await page.waitForURL('**/figures/board-report**');
    await visited(page, 'board-report');
    await expectNoSidewaysScroll(page, 'board-report');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-template__header').isHidden()).toBe(true);
    expect(await page.locator('[data-qa="board-area-housing"]').evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).breakBefore)).toBe('page');
    await page.pdf({ path: 'var/screenshots/board-report.pdf', format: 'A4' });
    await page.context().close();
  }, 240_000);

  it('when an admin sets the year\'s ring-fenced target from the figures, then the table measures places filled against it', async () => {
    const admin = await givenUser(app, 'admin');
    const page = await newPage(browser, app.server.url);
    await signIn(page, admin.email);
    await page.click('[data-qa="nav-figures"]');
    await page.waitForURL('**/figures');
    await page.click('[data-qa="set-target"]');
    await page.waitForURL('**/figures/targets');
    await visited(page, 'targets');
    await expectNoSidewaysScroll(page, 'targets');
    await page.check('[data-qa="year-2026"]');
    await page.fill('[data-qa="target-places"]', '8');
    await page.click('[data-qa="save-target"]');
    await expect.poll(() => page.locator('[data-qa="confirmation"]').textContent()).toContain('Target for April 2026 to March 2027 saved: 8');
    await visited(page, 'targets-saved');
    await page.click('[data-qa="back"]');
    await page.waitForURL('**/figures');
    expect((await page.locator('[data-qa="table-ring-fenced-places"] [data-qa="2026:target"]').textContent())?.trim()).toBe('8');
    await page.context().close();
  }, 240_000);
});
