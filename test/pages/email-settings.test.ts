import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOpenEmployerOffer, givenOrganisation, mailsTo } from '../factories/employers.js';
import { givenDistrict, givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf, errorSummaryOf, signedInBrowser, submitForm } from './browser-agent.js';

let app: TestApp;
let admin: GivenUser;
let districtId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await givenUser(app, 'admin');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const preferencesOf = async (user: GivenUser) => Object.fromEntries(((await app.http().get('/notifications/preferences').set('authorization', user.auth)).body.items as { kind: string; delivery: string; chosen: boolean }[]).map((item) => [item.kind, item.chosen ? item.delivery : 'default']));

describe('choosing how you hear about reminders and updates', () => {
  it('when an employer opens the page from an update email, then it lists only the updates an employer gets, and a choice saved there is kept', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    await givenOpenEmployerOffer(app, organisation, admin, { title: 'Warehouse assistant' });
    const approvedMail = (await mailsTo(app, organisation.employer.email)).find((mail) => mail.subject.includes('was approved'))!;
    const settingsLink = /http:\/\/[^\s]+(\/reminders\/settings)/.exec(approvedMail.text)?.[1];
    expect(settingsLink).toBe('/reminders/settings');

    const agent = browser(app);
    expect((await agent.get(settingsLink!)).status).toBe(303); // sign in first, then back here
    const signedIn = await submitForm(agent, '/sign-in', '/sign-in', { email: organisation.employer.email, password: TEST_PASSWORD });
    expect(signedIn.headers.location).toBe('/reminders/settings');
    const page = await agent.get('/reminders/settings');
    const $ = $of(page.text);
    const kinds = $('[data-qa^="setting-"]').map((_i, group) => $(group).attr('data-qa')!.replace('setting-', '')).get();
    expect(kinds.sort()).toEqual(['offer_approved', 'offer_closed', 'offer_closes_without_referrals', 'offer_sent_back', 'referral_received', 'referral_withdrawn'].sort());
    expect($('[data-qa="referral_received-at_once"]').attr('checked')).toBeDefined();

    const saved = await agent.post('/reminders/settings').type('form').send({ _csrf: csrfOf(page.text), referral_received: 'digest', offer_approved: 'never' });
    expect(saved.headers.location).toBe('/reminders');
    expect(await preferencesOf(organisation.employer)).toMatchObject({ referral_received: 'digest', offer_approved: 'never' });
    // Back to the usual: stored as no choice, so the default applies again.
    const back = await agent.get('/reminders/settings');
    await agent.post('/reminders/settings').type('form').send({ _csrf: csrfOf(back.text), referral_received: 'at_once', offer_approved: 'never' });
    expect(await preferencesOf(organisation.employer)).toMatchObject({ referral_received: 'default', offer_approved: 'never' });
    expect($of((await agent.get('/reminders/settings')).text)('[data-qa="offer_approved-never"]').attr('checked')).toBeDefined();
  });

  it('when a PA tries to turn off an urgent safeguarding reminder, then there is no such choice, posting it anyway is refused with an error summary, and nothing changes', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get('/reminders/settings');
    const $ = $of(page.text);
    expect($('[data-qa="custody_release_near_18-never"]').length).toBe(0);
    expect($('[data-qa="opening_closes_in_7_days-never"]').length).toBe(1);
    expect($('[data-qa="setting-referral_received"]').length).toBe(0); // an employer's update, not a PA's
    const refused = await agent.post('/reminders/settings').type('form').send({ _csrf: csrfOf(page.text), custody_release_near_18: 'never', opening_closes_in_7_days: 'never' });
    expect(refused.headers.location).toBe('/reminders/settings');
    const again = await agent.get('/reminders/settings');
    expect(errorSummaryOf(again.text)).toEqual(['Someone leaves custody near their 18th birthday: choose one of the answers given']);
    expect($of(again.text)('.govuk-error-summary a').attr('href')).toBe('#custody_release_near_18');
    expect(await preferencesOf(pa)).toMatchObject({ custody_release_near_18: 'default', opening_closes_in_7_days: 'default' });
  });

  it('when the form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    expect((await agent.post('/reminders/settings').type('form').send({ opening_closes_in_7_days: 'never' })).status).toBe(403);
    expect(await preferencesOf(pa)).toMatchObject({ opening_closes_in_7_days: 'default' });
    expect($of((await agent.get('/reminders')).text)('[data-qa="email-settings"]').attr('href')).toBe('/reminders/settings');
  });
});
