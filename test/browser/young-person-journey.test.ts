import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson } from '../factories/index.js';
import { logIn, registrationBody } from '../factories/employers.js';
import type { GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { runJob } from '../factories/reminders.js';
import { browserTestsEnabled, launchChromium, newPage, signIn, visited } from './browser-support.js';

const enabled = browserTestsEnabled();
const PHONE = { viewport: { width: 375, height: 800 } };
let app: TestApp;
let smtp: TestSmtpServer;
let browser: Browser;

beforeAll(async () => {
  if (!enabled) return;
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

let mailSlot = 0;
/** The sender runs once per slot; each call takes a new slot. */
async function sendMail() {
  mailSlot += 1;
  await runJob(app, 'send-mail', { at: new Date(app.clock.now().getTime() + mailSlot * 60_000).toISOString() });
}

/** The last link to `linkPath` that arrived for `to` at the loopback SMTP server, as a path. */
async function linkArrived(to: string, linkPath: string): Promise<string> {
  await sendMail();
  const pattern = new RegExp(`(${linkPath}\\?token=[A-Za-z0-9_-]+)`);
  await expect.poll(() => smtp.messages.filter((m) => m.envelopeTo.includes(to)).some((m) => pattern.test(m.text)), { timeout: 20_000 }).toBe(true);
  const mail = smtp.messages.filter((m) => m.envelopeTo.includes(to) && pattern.test(m.text)).at(-1)!;
  return pattern.exec(mail.text)![1]!;
}

/** An approved organisation whose first user verified their email from the mail that arrived. */
async function approvedOrganisation(manager: GivenUser, districtId: string): Promise<{ id: string; employer: GivenUser }> {
  const body = registrationBody(districtId);
  const registered = await app.http().post('/organisations/register').send(body);
  const token = (await linkArrived(body.user.email, '/verify-email')).split('token=')[1];
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  const id = registered.body.organisation.id as string;
  expect((await app.http().post(`/organisations/${id}/approve`).set('authorization', manager.auth)).status).toBe(200);
  return { id, employer: await logIn(app, body.user.email) };
}

/** The /join link in the invitation as it arrived at the loopback SMTP server, as a path on this server. */
async function invitationLink(to: string): Promise<string> {
  return linkArrived(to, '/join');
}

describe.skipIf(!enabled)("a young person's own pages on a phone", () => {
  it('when a PA invites, the young person joins, says they are interested in a ring-fenced apprenticeship, the PA refers, and they share less, then the employer sees less at once', async () => {
    const district = await givenDistrict();
    const manager = await givenUser(app, 'manager');
    const pa = await givenUser(app, 'personal_adviser', { name: 'Sam Adviser' });
    const organisation = await approvedOrganisation(manager, district.id);
    const person = await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Tayo', lastName: 'Mensah', dateOfBirth: '2007-05-20', email: 'tayo.mensah.personal@example.test', employerSharing: 'name_and_contact' });
    await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Digital apprentice with the council', providerName: 'County Council IT', districtId: district.id, organisationId: organisation.id, requiredQualifications: [{ subject: 'Maths', level: 2 }] });

    // The PA invites, on a phone.
    const adviser: Page = await newPage(browser, app.server.url, PHONE);
    await signIn(adviser, pa.email);
    await adviser.goto(`/young-people/${person.id}#own-account`);
    await visited(adviser, 'yp-pa-young-person');
    await adviser.click('[data-qa="invite-young-person"]');
    await visited(adviser, 'yp-pa-invite');
    await adviser.fill('[data-qa="invite-email"]', 'tayo.mensah.personal@example.test');
    await adviser.click('[data-qa="send-invitation"]');
    await expect.poll(() => adviser.locator('[data-qa="confirmation"]').textContent()).toContain('Invitation sent');

    // The young person accepts from the emailed link.
    const link = await invitationLink('tayo.mensah.personal@example.test');
    const tayo: Page = await newPage(browser, app.server.url, PHONE);
    await tayo.goto(link);
    await visited(tayo, 'yp-join');
    await tayo.fill('[data-qa="password"]', 'purple tigers eat toast');
    await tayo.fill('[data-qa="confirm-password"]', 'purple tigers eat toast');
    await tayo.click('[data-qa="join"]');
    await expect.poll(() => tayo.locator('[data-qa="me-heading"]').textContent()).toBe('Hello Tayo');
    await visited(tayo, 'yp-home');
    const opening = tayo.locator('[data-qa="opening"]', { hasText: 'Digital apprentice with the council' });
    expect(await opening.locator('[data-qa="why"]').textContent()).toContain('kept for young people in care');
    await opening.locator('[data-qa="opening-link"]').click();
    await visited(tayo, 'yp-opening');
    await tayo.click('[data-qa="interested"]');
    await expect.poll(() => tayo.locator('[data-qa="confirmation"]').textContent()).toContain('We have told Sam Adviser');
    await visited(tayo, 'yp-home-interested');

    // The PA sees it and refers.
    await adviser.goto(`/young-people/${person.id}`);
    expect(await adviser.locator('[data-qa="interested-openings"]').textContent()).toContain('Digital apprentice with the council');
    await adviser.locator('[data-qa="match"]', { hasText: 'Digital apprentice with the council' }).locator('[data-qa="refer"]').click();
    await expect.poll(() => adviser.locator('[data-qa="confirmation"]').textContent()).toMatch(/Referred/);
    await visited(adviser, 'yp-pa-referred');
    const referralId = (await adviser.locator('[data-qa="referral"]').first().getAttribute('id'))!.replace('referral-', '');

    // The employer follows the referral on their own page, at desk width.
    const employer: Page = await newPage(browser, app.server.url);
    await signIn(employer, organisation.employer.email);
    await employer.goto(`/received-referrals/${referralId}`);
    await visited(employer, 'yp-employer-named');
    expect(await employer.locator('main').textContent()).toContain('Tayo Mensah');

    // The young person sees where it stands, then shares less.
    await tayo.goto('/me');
    expect(await tayo.locator('[data-qa="referrals"]').textContent()).toContain('Your personal adviser put you forward');
    // At phone width the navigation folds behind its "Menu" button.
    await tayo.click('.govuk-service-navigation__toggle');
    await tayo.click('[data-qa="nav-me-sharing"]');
    await visited(tayo, 'yp-sharing');
    // The examples hold their email address, the longest word on the page: it wraps instead of scrolling sideways.
    expect(await tayo.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await tayo.check('input[name="employerSharing"][value="anonymous_profile"]');
    await visited(tayo, 'yp-sharing-anonymous-example');
    await tayo.click('[data-qa="save-sharing"]');
    await expect.poll(() => tayo.locator('[data-qa="confirmation"]').textContent()).toContain('works straight away');
    // The employer's open page, reloaded: the name and contact have gone, the referral code stays.
    await employer.reload();
    await visited(employer, 'yp-employer-anonymous');
    const anonymous = (await employer.locator('main').textContent())!;
    expect(anonymous).not.toContain('Mensah');
    expect(anonymous).not.toContain('tayo.mensah.personal@example.test');
    expect(anonymous).toContain('anonymous profile');

    for (const [path, name] of [['/me/about', 'yp-about'], ['/me/housing', 'yp-housing'], ['/me/alerts', 'yp-alerts']] as const) {
      await tayo.goto(path);
      await visited(tayo, name);
    }

    // The PA switches access off while Tayo's page is open: the next click on it says so and leads to sign in.
    await adviser.goto(`/young-people/${person.id}#own-account`);
    await adviser.click('[data-qa="switch-access-off"]');
    await expect.poll(() => adviser.locator('[data-qa="confirmation"]').textContent()).toContain('Access switched off');
    await tayo.check('input[name="frequency"][value="never"]');
    await tayo.click('[data-qa="save-alerts"]');
    await expect.poll(() => tayo.locator('[data-qa="signed-out"]').textContent()).toBe('You have been signed out');
    await visited(tayo, 'yp-signed-out-after-switch-off');
    await tayo.click('[data-qa="sign-in-again"]');
    await expect.poll(() => tayo.url()).toContain('/sign-in');
  }, 400_000);
});
