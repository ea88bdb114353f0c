import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { NotificationModel } from '../../src/notifications/notification.model.js';
import { ReferralModel } from '../../src/referrals/referrals.model.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, mailsTo, type GivenOrganisation } from '../factories/employers.js';
import { givenHousingOfficer } from '../factories/housing.js';
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

  it('when a young person is under 16, then they cannot be invited: no link on the PA page, which says from when, and the invite page says why', async () => {
    const young = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, firstName: 'Tomi', dateOfBirth: '2011-01-10', careStatus: 'in_care', legalCategory: 'eligible' });
    const pa = await signedInBrowser(app, adviser);
    const page = $of((await pa.get(`/young-people/${young.id}`)).text);
    expect(page('[data-qa="invite-young-person"]')).toHaveLength(0);
    expect(page('[data-qa="too-young-to-invite"]').text()).toContain('You can invite Tomi from 10 January 2027.');
    const invitePage = await pa.get(`/young-people/${young.id}/invite`);
    expect(invitePage.status).toBe(200);
    expect($of(invitePage.text)('h1').text()).toBe('Tomi cannot be invited yet');
    expect($of(invitePage.text)('[data-qa="invitable-from"]').text()).toContain('10 January 2027');
  });

  it('when a PA posts an invitation for an under-16 anyway (a kept or tampered form), then nothing is sent and they land on a page that says why, not "page not found"', async () => {
    const young = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, firstName: 'Tomi', dateOfBirth: '2010-06-16', careStatus: 'in_care', legalCategory: 'eligible' });
    const pa = await signedInBrowser(app, adviser);
    const csrf = csrfOf((await pa.get(`/young-people/${young.id}`)).text);
    const posted = await pa.post(`/young-people/${young.id}/invite`).type('form').send({ _csrf: csrf, email: 'tomi.too.young@example.test' });
    expect(posted.status).toBe(303);
    const landed = await pa.get(posted.headers.location!);
    expect(landed.status).toBe(200);
    expect($of(landed.text)('h1').text()).toBe('Tomi cannot be invited yet');
    expect($of(landed.text)('[data-qa="invitable-from"]').text()).toContain('You can invite Tomi from 16 June 2026, when they turn 16.');
    expect(await mailsTo(app, 'tomi.too.young@example.test')).toEqual([]);
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
    const home = $of((await amaraBrowser.get('/me')).text);
    expect(home('[data-qa="opening"]').text()).not.toContain('Night shift stock apprentice');
    expect(home('[data-qa="hidden-openings"]').text()).toContain('Night shift stock apprentice');
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="not-for-me-openings"]').text()).toContain('I cannot work nights');
    expect(pa('[data-qa="own-changes"]').text()).toMatch(/Said Night shift stock apprentice, [^:]+ is not for them: "I cannot work nights"\./);
  });

  it('when they change their mind about a "not for me", then "Show it again" puts it back in their list, off the PA\'s not-for-me list, and into their timeline; nobody else\'s can be taken back', async () => {
    const other = await givenOpenOpportunity({ title: 'Warehouse weekend apprentice', districtId: district.id });
    await submitForm(amaraBrowser, `/me/openings/${other.id}/not-for-me`, `/me/openings/${other.id}/not-for-me`, { reason: '' });
    const hiddenList = $of((await amaraBrowser.get('/me')).text);
    expect(hiddenList('[data-qa="hidden-openings"]').text()).toContain('Warehouse weekend apprentice');
    const openingPage = $of((await amaraBrowser.get(`/me/openings/${other.id}`)).text);
    expect(openingPage('[data-qa="said-not-for-me"]').text()).toContain('You said this one is not for you');

    const csrf = hiddenList('input[name="_csrf"]').first().val() as string;
    expect((await amaraBrowser.post(`/me/openings/${other.id}/show-again`).type('form').send({ _csrf: csrf })).status).toBe(303);
    const home = $of((await amaraBrowser.get('/me')).text);
    expect(home('[data-qa="hidden-openings"]').text()).not.toContain('Warehouse weekend apprentice');
    expect(home('[data-qa="opening"]').text()).toContain('Warehouse weekend apprentice');
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="not-for-me-openings"]').text()).not.toContain('Warehouse weekend apprentice');
    expect(pa('[data-qa="own-changes"]').text()).toMatch(/Took back "not for me" on Warehouse weekend apprentice/);
    // Again, or for an opening they never hid: not found, nothing changes.
    expect((await amaraBrowser.post(`/me/openings/${other.id}/show-again`).type('form').send({ _csrf: csrf })).status).toBe(404);
    expect((await amaraBrowser.post(`/me/openings/${ringFenced.id}/show-again`).type('form').send({ _csrf: csrf })).status).toBe(404);
    // Without the form's CSRF token: refused.
    await submitForm(amaraBrowser, `/me/openings/${other.id}/not-for-me`, `/me/openings/${other.id}/not-for-me`, { reason: '' });
    expect((await amaraBrowser.post(`/me/openings/${other.id}/show-again`).type('form').send({})).status).toBe(403);
    expect($of((await amaraBrowser.get('/me')).text)('[data-qa="hidden-openings"]').text()).toContain('Warehouse weekend apprentice');
  });
});

describe('what they share takes effect at once', () => {
  it("when they change employers from name to anonymous to nothing, then the employer's referral page and list follow on the next request, and their own page says the employer cannot see it", async () => {
    const employer = await signedInBrowser(app, organisation.employer);
    const employerPage = () => employer.get(`/received-referrals/${referralId}`);
    const employerList = async () => (await employer.get('/received-referrals')).text;
    expect((await employerPage()).text).toContain('Okafor');
    expect(await employerList()).toContain('Okafor');
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'anonymous_profile', shareWithHousing: 'yes' });
    const anonymous = await employerPage();
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).not.toContain('Okafor');
    expect(anonymous.text).not.toContain('amara.own@example.test');
    expect(await employerList()).not.toContain('Okafor');
    expect($of((await amaraBrowser.get('/me')).text)('[data-qa="referral-words"]').text()).toContain('The employer will look at it');
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'nothing', shareWithHousing: 'yes' });
    expect((await employerPage()).status).toBe(404);
    expect(await employerList()).not.toContain((await ReferralModel.findById(referralId).lean())!.referralCode);
    const home = $of((await amaraBrowser.get('/me')).text);
    expect(home('[data-qa="referral-words"]').text()).toContain('The employer cannot see this now, because you chose to share nothing with employers.');
    expect(home('[data-qa="sharing-nothing-note"]').text()).toContain('You share nothing with employers, so we only show openings that do not need it');
    const pa = $of((await (await signedInBrowser(app, adviser)).get(`/young-people/${amara.id}`)).text);
    expect(pa('[data-qa="own-changes"]').text()).toContain('Changed what they share: employers now see nothing (was an anonymous profile).');
    expect(pa('[data-qa="own-changes"]').text()).toContain('Changed what they share: employers now see an anonymous profile (was their name and contact details).');
    const told = await NotificationModel.find({ recipientUserId: adviser.id, rule: 'young_person_sharing_changed' }).lean();
    expect(told.length).toBe(2);
    const audits = await AuditEntryModel.find({ youngPersonIds: amara.id, actorRole: 'young_person', action: 'update', via: 'POST /me/sharing' }).lean();
    expect(audits.map((entry) => entry.fields)).toEqual([['employerSharing'], ['employerSharing']]);
  });

  it("when they stop sharing with housing, then the housing officer's early-application page and their housing view lose them at once, and My housing says so", async () => {
    const officer = await signedInBrowser(app, await givenHousingOfficer(app, [district.id]));
    const listPage = async () => (await officer.get(`/districts/${district.id}/early-applications`)).text;
    expect(await listPage()).toContain('Okafor');
    expect((await officer.get(`/housing/young-people/${amara.id}`)).status).toBe(200);
    await submitForm(amaraBrowser, '/me/sharing', '/me/sharing', { employerSharing: 'nothing', shareWithHousing: 'no' });
    expect(await listPage()).not.toContain('Okafor');
    expect((await officer.get(`/housing/young-people/${amara.id}`)).status).toBe(404);
    const page = $of((await amaraBrowser.get('/me/sharing')).text);
    expect(page('[data-qa="sharing-changed-at"]').text()).toContain('15 June 2026');
    expect($of((await amaraBrowser.get('/me/housing')).text)('[data-qa="not-sharing-with-housing"]').text()).toContain('Housing officers cannot see your details now');
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
    // Still a near miss, and it says why: the one they added waits for their PA's check (not "go and get it").
    expect(stillNear.find('[data-qa="needs"]').text()).toContain('Level 2 maths: you told us you have this. It counts once your personal adviser has checked it.');
    const pa = await signedInBrowser(app, adviser);
    const paPage = $of((await pa.get(`/young-people/${person.id}`)).text);
    expect(paPage('[data-qa="own-changes"]').text()).toContain('Added a qualification, not yet checked: Level 2 Maths (grade 6).');
    expect(paPage('[data-qa="near-miss"]').text()).toContain('they added one that would do: check it below to count it');
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
    expect(pa('[data-qa="own-changes"]').text()).toMatch(/Changed about me\. Areas of work they like: digital; creative and design \(was: [^)]*\)\. Travel: up to 30 km \(was \d+ km\)\./);
    expect(pa('[data-qa="profile"]').text()).toContain('30 km');
  });
});

describe('words that are true for them', () => {
  it('when an offer is national or a benefit rather than done from home, then it does not say "from home", and its page says where', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'] });
    const national = await givenOpenOpportunity({ kind: 'benefit', title: 'Driving lessons anywhere', sector: null, national: true, sharingNeeded: 'none' });
    const nationalJob = await givenOpenOpportunity({ kind: 'job', title: 'Job anywhere in England', national: true });
    const fromHome = await givenOpenOpportunity({ kind: 'mentoring', title: 'Mentor on video calls', remote: true });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'true.words@example.test'));
    const home = $of((await agent.get('/me')).text);
    const why = (title: string) => home('[data-qa="opening"]').filter((_i, el) => home(el).text().includes(title)).find('[data-qa="why"]').text();
    expect(why(national.title)).toContain('You can get this wherever you live.');
    expect(why(national.title)).not.toContain('from home');
    expect(why(nationalJob.title)).toContain('It is open to people all over the country, wherever you live.');
    expect(why(fromHome.title)).toContain('You can do it from home.');
    const where = async (id: string) => $of((await agent.get(`/me/openings/${id}`)).text)('[data-qa="opening-facts"]').text();
    expect(await where(national.id)).toContain('Wherever you live');
    expect(await where(nationalJob.id)).toContain('Anywhere in the country');
    expect(await where(fromHome.id)).toContain('From home');
  });

  it("when they want to live in a district with its own application age, then My housing gives each district's date: 17 and a half by default, the district's own age there", async () => {
    const ownAge = await givenDistrict({ applicationAgeYears: 17, applicationAgeMonths: 0 });
    const home = await givenDistrict();
    // Born 20 August 2009: 17 on 20 August 2026, 17 and a half on 20 February 2027 (the clock says 15 June 2026).
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home.id, preferredDistrictIds: [ownAge.id, home.id], dateOfBirth: '2009-08-20', careStatus: 'in_care', legalCategory: 'eligible' });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'housing.dates@example.test'));
    const page = $of((await agent.get('/me/housing')).text);
    const card = (name: string) => page('[data-qa="housing-district"]').filter((_i, el) => page(el).find('h2').text().trim() === name).text().replace(/\s+/g, ' ');
    expect(card(ownAge.name)).toContain('From 20 August 2026, when you are 17.');
    expect(card(home.name)).toContain('From 20 February 2027, when you are 17 and a half.');
    expect(card(home.name)).toContain(`housing@${home.code}.test`);
    expect(page.text()).not.toContain('care leavers can');
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
    expect($of(after.text)('[data-qa="signed-out"]').text()).toBe('You have been signed out');
    expect(after.text).not.toContain('me-heading');
    expect((await app.http().get(`/young-people/${person.id}`).set('authorization', `Bearer ${token}`)).status).toBe(401);
    const again = await submitForm(browser(app), '/sign-in', '/sign-in', { email: 'switched.off@example.test', password: YOUNG_PERSON_PASSWORD });
    expect(again.headers.location).toBe('/sign-in');
  });

  it('when the PA switches access off while a page of theirs is open, then its next click, a form or a link, says they have been signed out and nothing changes', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'], maxTravelKm: 10 });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'open.page@example.test'));
    const openPage = await agent.get('/me/about');
    const pa = await signedInBrowser(app, adviser);
    expect((await submitForm(pa, `/young-people/${person.id}`, `/young-people/${person.id}/access`, {})).status).toBe(303);
    const saved = await agent.post('/me/about').type('form').send({ _csrf: csrfOf(openPage.text), interests: 'digital', maxTravelKm: '30' });
    expect($of(saved.text)('[data-qa="signed-out"]').text()).toBe('You have been signed out');
    expect($of(saved.text)('[data-qa="sign-in-again"]').attr('href')).toBe('/sign-in');
    expect((await YoungPersonModel.findById(person.id).lean())!.maxTravelKm).toBe(10);
    // Told once; from then on the browser is simply signed out, so any page sends it to sign in.
    const clicked = await agent.get('/me/sharing');
    expect(clicked.status).toBe(303);
    expect(clicked.headers.location).toBe('/sign-in');
  });

  it('when a switched-off young person signs in with the right password, then they are told their access is off and to talk to their PA; a wrong password says only "incorrect"', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'told.why@example.test'));
    const pa = await signedInBrowser(app, adviser);
    await submitForm(pa, `/young-people/${person.id}`, `/young-people/${person.id}/access`, {});
    const right = browser(app);
    await submitForm(right, '/sign-in', '/sign-in', { email: 'told.why@example.test', password: YOUNG_PERSON_PASSWORD });
    expect(errorSummaryOf((await right.get('/sign-in')).text)).toEqual(['Your personal adviser has switched off your access to these pages, so you cannot sign in. If you think this is wrong, talk to your personal adviser.']);
    const wrong = browser(app);
    await submitForm(wrong, '/sign-in', '/sign-in', { email: 'told.why@example.test', password: 'not the password at all' });
    expect(errorSummaryOf((await wrong.get('/sign-in')).text)).toEqual(['Email or password is incorrect, or the account is locked.']);
  });
});
