import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { NotificationModel } from '../../src/notifications/notification.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, mailsTo, type GivenOrganisation } from '../factories/employers.js';
import { earlyApplicationsOfDistrict, givenHousingOfficer, itemFor } from '../factories/housing.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';
import { inviteThroughPages, joinWith, YOUNG_PERSON_PASSWORD } from './young-person-support.js';

// Several sign-ins (scrypt) per test on a shared machine.
vi.setConfig({ testTimeout: 120_000 });

const NOTES = 'Placement broke down at Oakfield House';
const REFERRAL_NOTE = 'Anxious about interviews, prepare her';

let app: TestApp;
let district: { id: string; name: string };
let adviser: GivenUser;
let manager: GivenUser;
let organisation: GivenOrganisation;
let amara: { id: string };
let amaraBrowser: BrowserAgent;
let ringFenced: { id: string; title: string };
let offer: { id: string; title: string };
let referralId: string;

beforeAll(async () => {
  app = await startTestApp();
  district = await givenDistrict();
  adviser = await givenUser(app, 'personal_adviser', { name: 'Priya Adviser' });
  manager = await givenUser(app, 'manager');
  organisation = await givenOrganisation(app, manager, district.id);
  // 17 and a half on 1 June 2026: past the application age, so on the district's early-application list.
  amara = await givenYoungPerson(app, adviser, {
    homeDistrictId: district.id, firstName: 'Amara', lastName: 'Okafor', dateOfBirth: '2008-12-01', email: 'amara.own@example.test', phone: '07700 900123',
    careHistoryNotes: NOTES, activityCode: 'F2', inCustody: true, expectedReleaseDate: '2026-10-13', employerSharing: 'name_and_contact',
  });
  ringFenced = await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Council digital apprentice', districtId: district.id, requiredQualifications: [{ subject: 'Maths', level: 2 }] });
  offer = await givenOpenEmployerOffer(app, organisation, manager, { title: 'Web support apprentice', sharingNeeded: 'anonymous_profile' }) as { id: string; title: string };
  referralId = (await givenReferral(app, adviser, { youngPersonId: amara.id, opportunityId: offer.id, note: REFERRAL_NOTE })).id;
  ({ agent: amaraBrowser } = await joinWith(app, await inviteThroughPages(app, adviser, amara.id, 'amara.own@example.test')));
});
afterAll(async () => app.close());

describe('invitation links', () => {
  it('when a PA invites and the young person sets a password, then they land on their home signed in, and can sign in again with it', async () => {
    const home = await amaraBrowser.get('/me');
    expect(home.status).toBe(200);
    expect($of(home.text)('[data-qa="me-heading"]').text()).toBe('Hello Amara');
    const again = await submitForm(browser(app), '/sign-in', '/sign-in', { email: 'amara.own@example.test', password: YOUNG_PERSON_PASSWORD });
    expect(again.headers.location).toBe('/me');
  });

  it('when the invitation email is read, then its subject names nobody and its link is /join', async () => {
    const [mail] = await mailsTo(app, 'amara.own@example.test');
    expect(mail!.subject).toBe('You are invited to see your offers');
    expect(mail!.text).toMatch(/\/join\?token=/);
  });

  it('when a link is used twice, then the second time says it does not work', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, email: null });
    const token = await inviteThroughPages(app, adviser, person.id, 'used.link@example.test');
    expect((await joinWith(app, token)).response.status).toBe(303);
    const second = await browser(app).get(`/join?token=${token}`);
    expect(second.status).toBe(404);
    expect($of(second.text)('[data-qa="link-does-not-work"]').text()).toBe('This link does not work');
  });

  it('when a link is older than 7 days by the clock, then it does not work; an hour before, it still did', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    const token = await inviteThroughPages(app, adviser, person.id, 'late.link@example.test');
    const start = app.clock.now();
    try {
      app.clock.set(new Date(start.getTime() + 7 * 86_400_000 - 3_600_000).toISOString());
      const agent = browser(app);
      const form = await agent.get(`/join?token=${token}`);
      expect(form.status).toBe(200);
      app.clock.set(new Date(start.getTime() + 7 * 86_400_000 + 1000).toISOString());
      expect((await browser(app).get(`/join?token=${token}`)).text).toContain('This link does not work');
      const late = await agent.post('/join').type('form').send({ _csrf: csrfOf(form.text), token, password: YOUNG_PERSON_PASSWORD, confirmPassword: YOUNG_PERSON_PASSWORD });
      expect(late.status).toBe(404);
      expect(late.text).toContain('This link does not work');
    } finally {
      app.clock.set(start.toISOString());
    }
  });

  it('when a link is opened by someone signed in as another young person, then it does not work for them and the link stays usable', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    const token = await inviteThroughPages(app, adviser, person.id, 'right.person@example.test');
    const wrong = await amaraBrowser.get(`/join?token=${token}`);
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('This link does not work');
    const home = await amaraBrowser.get('/me');
    const posted = await amaraBrowser.post('/join').type('form').send({ _csrf: csrfOf(home.text), token, password: YOUNG_PERSON_PASSWORD, confirmPassword: YOUNG_PERSON_PASSWORD });
    expect(posted.status).toBe(404);
    expect((await joinWith(app, token)).response.status).toBe(303);
  });

  it('when a young person is under 16, then they cannot be invited: no link on the PA page and the invite page is not found', async () => {
    const young = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, dateOfBirth: '2011-01-10', careStatus: 'in_care', legalCategory: 'eligible' });
    const pa = await signedInBrowser(app, adviser);
    const page = $of((await pa.get(`/young-people/${young.id}`)).text);
    expect(page('[data-qa="invite-young-person"]')).toHaveLength(0);
    expect(page('[data-qa="too-young-to-invite"]').text()).toContain('from age 16');
    expect((await pa.get(`/young-people/${young.id}/invite`)).status).toBe(404);
  });
});

describe('what a young person sees, and what they never see', () => {
  it('when they open their home, then they see their PA and the ring-fenced opening in their words, and nothing their PA wrote, no codes and no scores', async () => {
    const page = await amaraBrowser.get('/me');
    const $ = $of(page.text);
    expect($('[data-qa="adviser"]').text()).toContain('Priya Adviser');
    const card = $('[data-qa="opening"]').filter((_i, el) => $(el).text().includes('Council digital apprentice'));
    expect(card.find('[data-qa="why"]').text()).toContain('This place is kept for young people in care or leaving care');
    for (const secret of [NOTES, REFERRAL_NOTE, 'Full time in other education', 'F2', '13 October 2026', 'custody', 'points', 'score', 'Former relevant', 'R-']) {
      expect(page.text).not.toContain(secret);
    }
    expect($('[data-qa="who-to-contact"]').text()).toContain('Priya Adviser');
  });

  it('when they open every page of theirs, then each is audited as a read of their record and names whom to contact', async () => {
    for (const path of ['/me', '/me/about', '/me/sharing', '/me/housing', '/me/alerts', `/me/openings/${ringFenced.id}`]) {
      const page = await amaraBrowser.get(path);
      expect(page.status, path).toBe(200);
      expect($of(page.text)('[data-qa="who-to-contact"]').text(), path).toContain('Priya Adviser');
      expect(page.text, path).not.toContain(NOTES);
    }
    const reads = await AuditEntryModel.find({ youngPersonIds: amara.id, actorRole: 'young_person', action: 'read' }).lean();
    expect(new Set(reads.map((entry) => entry.via))).toEqual(new Set(['GET /me', 'GET /me/about', 'GET /me/sharing', 'GET /me/housing', 'GET /me/alerts', 'GET /me/openings/:id']));
  });

  it("when they ask for another young person's page, an opening not in their list, staff pages or the JSON API, then it is not there for them", async () => {
    const other = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    const elsewhere = await givenOpenOpportunity({ title: 'Far away job', districtId: (await givenDistrict({ latitude: 55.95, longitude: -3.19 })).id });
    for (const path of [`/young-people/${other.id}`, `/young-people/${amara.id}`, `/me/openings/${elsewhere.id}`, `/me/openings/${elsewhere.id}/not-for-me`, '/caseload', '/reminders', `/referrals/${referralId}`]) {
      expect((await amaraBrowser.get(path)).status, path).toBe(404);
    }
    const token = (await app.http().post('/auth/login').send({ email: 'amara.own@example.test', password: YOUNG_PERSON_PASSWORD })).body.token as string;
    expect((await app.http().get(`/young-people/${amara.id}`).set('authorization', `Bearer ${token}`)).status).toBe(403);
    expect((await app.http().get('/notifications/mine').set('authorization', `Bearer ${token}`)).status).toBe(403);
  });
});

describe('interest and "not for me"', () => {
  it('when they say they are interested, then their PA is told in the service and by email and sees it on the young person page', async () => {
    const home = await amaraBrowser.get('/me');
    const csrf = $of(home.text)('input[name="_csrf"]').first().val() as string;
    expect((await amaraBrowser.post(`/me/openings/${ringFenced.id}/interested`).type('form').send({ _csrf: csrf })).status).toBe(303);
    const notice = await NotificationModel.findOne({ recipientUserId: adviser.id, rule: 'young_person_interested' }).lean();
    expect(notice?.text).toBe('Amara said they are interested in Council digital apprentice. You decide whether to refer them: see their page.');
    expect((await mailsTo(app, adviser.email)).map((mail) => mail.subject)).toContain('A young person on your caseload is interested in an opening');
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="interested-openings"]').text()).toContain('Council digital apprentice');
  });

  it('when they say an opening is not for them with a reason, then it leaves their list and the PA sees the reason', async () => {
    const other = await givenOpenOpportunity({ title: 'Night shift stock apprentice', districtId: district.id });
    expect((await amaraBrowser.get('/me')).text).toContain('Night shift stock apprentice');
    const done = await submitForm(amaraBrowser, `/me/openings/${other.id}/not-for-me`, `/me/openings/${other.id}/not-for-me`, { reason: 'I cannot work nights' });
    expect(done.status).toBe(303);
    expect((await amaraBrowser.get('/me')).text).not.toContain('Night shift stock apprentice');
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="not-for-me-openings"]').text()).toContain('I cannot work nights');
  });
});

describe('what they share takes effect at once', () => {
  it("when they change employers from name to anonymous to nothing, then the employer's referral view follows on the next request", async () => {
    const employerView = () => app.http().get(`/employer/referrals/${referralId}`).set('authorization', organisation.employer.auth);
    expect((await employerView()).body.youngPerson.lastName).toBe('Okafor');
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'anonymous_profile', shareWithHousing: 'yes' });
    const anonymous = await employerView();
    expect(anonymous.body.youngPerson.sharing).toBe('anonymous_profile');
    expect(JSON.stringify(anonymous.body)).not.toContain('Okafor');
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'nothing', shareWithHousing: 'yes' });
    expect((await employerView()).status).toBe(404);
    const told = await NotificationModel.find({ recipientUserId: adviser.id, rule: 'young_person_sharing_changed' }).lean();
    expect(told.length).toBe(2);
    const audits = await AuditEntryModel.find({ youngPersonIds: amara.id, actorRole: 'young_person', action: 'update', via: 'POST /me/sharing' }).lean();
    expect(audits.map((entry) => entry.fields)).toEqual([['employerSharing'], ['employerSharing']]);
  });

  it("when they stop sharing with housing, then the housing officer's early-application list loses them at once", async () => {
    const officer = await givenHousingOfficer(app, [district.id]);
    expect(itemFor((await earlyApplicationsOfDistrict(app, officer, district.id)).body, amara.id)).toBeDefined();
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'nothing', shareWithHousing: 'no' });
    expect(itemFor((await earlyApplicationsOfDistrict(app, officer, district.id)).body, amara.id)).toBeUndefined();
    const page = $of((await amaraBrowser.get('/me/sharing')).text);
    expect(page('[data-qa="sharing-changed-at"]').text()).toContain('15 June 2026');
  });
});

describe('about me and qualifications', () => {
  it('when they add a qualification, then it shows as not yet checked and counts for a ring-fenced place only once their PA checks it', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, qualifications: [], interests: ['digital'] });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'adds.quals@example.test'));
    const before = $of((await agent.get('/me')).text);
    expect(before('[data-qa="needs"]').text()).toContain('Level 2 maths: your personal adviser can help you get this.');
    expect((await submitForm(agent, '/me/about', '/me/about/qualifications', { type: 'gcse', subject: 'Maths', grade: '6', level: '' })).status).toBe(303);
    const about = $of((await agent.get('/me/about')).text);
    expect(about('[data-qa="my-qualifications"]').text()).toContain('Not yet checked');
    const unchecked = $of((await agent.get('/me')).text);
    const stillNear = unchecked('[data-qa="opening"]').filter((_i, el) => unchecked(el).text().includes('Council digital apprentice'));
    expect(stillNear.find('[data-qa="needs"]').text()).toContain('Level 2 maths');
    const pa = await signedInBrowser(app, adviser);
    expect((await submitForm(pa, `/young-people/${person.id}`, `/young-people/${person.id}/qualifications/0/check`, {})).status).toBe(303);
    const after = $of((await agent.get('/me')).text);
    const card = after('[data-qa="opening"]').filter((_i, el) => after(el).text().includes('Council digital apprentice'));
    expect(card.find('[data-qa="needs"]')).toHaveLength(0);
    expect(card.find('[data-qa="interested"]')).toHaveLength(1);
  });

  it('when they hold the English an opening asks for but not the maths, then the near miss says only what they would need, not "You have the qualifications it asks for"', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'], qualifications: [{ type: 'gcse', subject: 'English Language', grade: '5' }, { type: 'gcse', subject: 'Mathematics', grade: '3' }] });
    const both = await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Council IT support apprentice', districtId: district.id, requiredQualifications: [{ subject: 'Maths', level: 2 }, { subject: 'English', level: 2 }] });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'near.miss@example.test'));
    const home = $of((await agent.get('/me')).text);
    const card = home('[data-qa="opening"]').filter((_i, el) => home(el).text().includes(both.title));
    expect(card).toHaveLength(1);
    expect(card.find('[data-qa="needs"]').text()).toContain('Level 2 maths: your personal adviser can help you get this.');
    expect(card.find('[data-qa="why"]').text()).not.toContain('You have the qualifications it asks for');
    expect(card.find('[data-qa="why"]').text()).toContain('You said you like digital.');
    // The employer wrote no place: the opening's own page says at least which district it is in.
    const opening = $of((await agent.get(`/me/openings/${both.id}`)).text);
    expect(opening('.govuk-summary-list').text()).toContain(`In ${district.name}`);
  });

  it('when they send an area of work that is not on the list, then the error is about the areas of work, not about travel', async () => {
    const response = await submitForm(amaraBrowser, '/me/about', '/me/about', { interests: 'juggling', maxTravelKm: '10' });
    expect(response.status).toBe(303);
    const page = await amaraBrowser.get('/me/about');
    expect(errorSummaryOf(page.text)).toEqual(['Choose the kinds of work you like from the list']);
    expect($of(page.text)('#interests').length).toBe(1);
    expect($of(page.text)('label').text()).toContain('Up to 2 km (about 1 mile)');
  });

  it('when they change their areas of work and travel, then the record changes and the PA sees the change', async () => {
    expect((await submitForm(amaraBrowser, '/me/about', '/me/about', { interests: ['digital', 'creative_and_design'], maxTravelKm: '30' })).status).toBe(303);
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="own-changes"]').text()).toContain('areas of work, how far they travel');
    expect(pa('[data-qa="profile"]').text()).toContain('30 km');
  });
});

describe('switching access off', () => {
  it('when the PA switches access off, then the browser session and API tokens end at once', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'switched.off@example.test'));
    const token = (await app.http().post('/auth/login').send({ email: 'switched.off@example.test', password: YOUNG_PERSON_PASSWORD })).body.token as string;
    expect((await app.http().get('/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(403);
    expect((await agent.get('/me')).status).toBe(200);
    const pa = await signedInBrowser(app, adviser);
    expect((await submitForm(pa, `/young-people/${person.id}`, `/young-people/${person.id}/access`, {})).status).toBe(303);
    const after = await agent.get('/me');
    expect(after.status).not.toBe(200);
    expect((await app.http().get(`/young-people/${person.id}`).set('authorization', `Bearer ${token}`)).status).toBe(401);
    const again = await submitForm(browser(app), '/sign-in', '/sign-in', { email: 'switched.off@example.test', password: YOUNG_PERSON_PASSWORD });
    expect(again.headers.location).toBe('/sign-in');
  });
});
