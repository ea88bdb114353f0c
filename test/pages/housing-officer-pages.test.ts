import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { givenCareLeaver, givenHousingOfficer, morningOf, startApplication } from '../factories/housing.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { $of, browser, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';

// 2 June 2026. Charnwood's list: someone leaving custody near 18 (urgent, first), someone who wants to live
// there and can already apply, someone there only through a local connection, and one who does not share.
const TODAY = '2026-06-02';
const BASE = 'http://offers.council.example';

let smtp: TestSmtpServer;
let app: TestApp;
let adviser: GivenUser;
let officer: GivenUser;
let otherOfficer: GivenUser;
let charnwood: { id: string; name: string };
let elsewhere: string;
const people = {} as Record<'custody' | 'wants' | 'localOnly' | 'notSharing', { id: string; firstName: string; lastName: string }>;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: morningOf(TODAY), config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: BASE } });
  adviser = await givenUser(app, 'personal_adviser');
  charnwood = await givenDistrict({ name: 'Charnwood', withinCouncilArea: true });
  elsewhere = (await givenDistrict({ withinCouncilArea: true })).id;
  officer = await givenHousingOfficer(app, [charnwood.id]);
  otherOfficer = await givenHousingOfficer(app, [(await givenDistrict({ withinCouncilArea: false })).id]);
  const person = async (overrides: Record<string, unknown>) => {
    const created = await givenCareLeaver(app, adviser, { homeDistrictId: elsewhere, shareWithHousing: true, ...overrides });
    return { id: created.id, firstName: String(created.firstName), lastName: String(created.lastName) };
  };
  people.wants = await person({ preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-01-10' }); // 17½ on 10 July 2025
  people.localOnly = await person({ dateOfBirth: '2006-04-15' });
  // Leaving custody on 4 July 2026, 4 weeks before their 18th birthday; care history and codes the officer must never see.
  people.custody = await person({
    preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-08-01', careStatus: 'in_care', legalCategory: 'eligible', inCustody: true, expectedReleaseDate: '2026-07-04',
    accommodationCode: 'V2', activityCode: 'G5', careHistoryNotes: 'Zanzibar-placement-history', interests: ['construction_and_the_built_environment'], phone: '07700 900123',
  });
  people.notSharing = await person({ preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-01-12', shareWithHousing: false });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const listPath = () => `/districts/${charnwood.id}/early-applications`;
const rowsOf = (html: string) => $of(html)('[data-qa="early-application"]').map((_i, row) => $of(html)(row).find('[data-qa="young-person-link"]').text().trim()).get();
const nameOf = (who: { firstName: string; lastName: string }) => `${who.firstName} ${who.lastName}`;

describe("a housing officer's early-application list", () => {
  it('when a housing officer signs in, then their home lists their districts with how many can apply soon and how many are urgent', async () => {
    const agent = browser(app);
    const signIn = await submitForm(agent, '/sign-in', '/sign-in', { email: officer.email, password: TEST_PASSWORD });
    expect(signIn.headers.location).toBe('/housing');
    const home = await agent.get('/housing');
    expect(home.status).toBe(200);
    const $ = $of(home.text);
    expect($('[data-qa="district-link"]').text()).toBe('Charnwood');
    expect($('[data-qa="urgent-count"]').text().trim()).toBe('3');
    expect($('[data-qa="nav-housing"]').length).toBe(1);
  });

  it('when the list is opened, then the custody case is first with what makes it urgent in words, and those who do not share are absent', async () => {
    const agent = await signedInBrowser(app, officer);
    const page = await agent.get(listPath());
    expect(page.status).toBe(200);
    const rows = rowsOf(page.text);
    expect(rows[0]).toBe(nameOf(people.custody));
    expect(rows).toEqual(expect.arrayContaining([nameOf(people.wants), nameOf(people.localOnly)]));
    expect(rows).not.toContain(nameOf(people.notSharing));
    const $ = $of(page.text);
    const first = $('[data-qa="early-application"]').first();
    expect(first.find('[data-qa="urgent-tag"]').text().trim()).toBe('Urgent: leaving custody');
    expect(first.find('[data-qa="reasons"] li').first().text()).toBe('Leaves custody on 4 July 2026, 4 weeks before turning 18');
  });

  it('when filtered to "local connection only" or "wants to live here", then only that group shows, and the filter is a link without personal data', async () => {
    const agent = await signedInBrowser(app, officer);
    const local = await agent.get(`${listPath()}?connection=local-connection-only`);
    expect(rowsOf(local.text)).toEqual([nameOf(people.localOnly)]);
    expect($of(local.text)('[data-qa="filter-current"]').text()).toBe('Local connection only');
    const wants = await agent.get(`${listPath()}?connection=wants-to-live-here`);
    expect(rowsOf(wants.text)).toEqual([nameOf(people.custody), nameOf(people.wants)]);
  });

  it("when another district's officer, a PA or an unknown id asks, then it is the not-found page", async () => {
    const other = await signedInBrowser(app, otherOfficer);
    expect((await other.get(listPath())).status).toBe(404);
    expect((await other.get(`/housing/young-people/${people.custody.id}`)).status).toBe(404);
    const pa = await signedInBrowser(app, adviser);
    expect((await pa.get('/housing')).status).toBe(404);
    expect((await pa.get(`/housing/young-people/${people.custody.id}`)).status).toBe(404);
    const mine = await signedInBrowser(app, officer);
    expect((await mine.get(`/housing/young-people/${people.notSharing.id}`)).status).toBe(404);
    expect((await mine.get('/housing-applications/not-an-id')).status).toBe(404);
  });
});

describe("the officer's reminders", () => {
  it('when the reminder scan finds someone leaving custody near 18, then the officer\'s reminders page links to the district\'s list, which opens', async () => {
    await runJob(app, 'reminder-scan', TODAY);
    const agent = await signedInBrowser(app, officer);
    const page = await agent.get('/reminders');
    const links = $of(page.text)('[data-qa="reminder-link"]').map((_i, el) => $of(page.text)(el).attr('href')).get();
    expect(links).toContain(listPath());
    const list = await agent.get(listPath());
    expect(rowsOf(list.text)[0]).toBe(nameOf(people.custody));
  });
});

describe("a young person's housing view", () => {
  it('when the officer opens it, then only the allow-listed fields show: no care history, codes, interests or care status', async () => {
    const agent = await signedInBrowser(app, officer);
    const page = await agent.get(`/housing/young-people/${people.custody.id}`);
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    expect($('[data-qa="young-person-name"]').text()).toBe(nameOf(people.custody));
    expect($('[data-qa="custody"]').text()).toContain('Leaving custody on 4 July 2026');
    expect($('[data-qa="housing-view"]').text()).toContain('07700 900123');
    expect($('[data-qa="housing-view"]').text()).toContain('Emergency accommodation (not suitable)');
    const text = $('main').text();
    for (const secret of ['Zanzibar-placement-history', 'G5', 'Not in education', 'Construction', 'construction_and', 'In care', 'in_care', 'Eligible child', 'eligible']) expect(text, secret).not.toContain(secret);
    const audit = await app.http().get(`/young-people/${people.custody.id}/audit`).set('authorization', (await givenUser(app, 'admin')).auth);
    expect(JSON.stringify(audit.body)).toContain('GET /housing/young-people/:id');
  });
});

describe('tracking and moving on an application', () => {
  let agent: BrowserAgent;
  let applicationPath: string;

  it('when the officer starts tracking from the housing view, then the application page opens with its first step in the history', async () => {
    agent = await signedInBrowser(app, officer);
    const started = await submitForm(agent, `/housing/young-people/${people.wants.id}`, `/housing/young-people/${people.wants.id}/applications`, { districtId: charnwood.id });
    expect(started.status).toBe(303);
    applicationPath = started.headers.location!;
    expect(applicationPath).toMatch(/^\/housing-applications\/[0-9a-f]{24}$/);
    const page = await agent.get(applicationPath);
    const $ = $of(page.text);
    expect($('[data-qa="status"]').text().trim()).toBe('Not started');
    expect($('[data-qa="history-step"]').length).toBe(1);
    // Only the statuses the table allows next.
    expect($('input[name="status"]').map((_i, el) => $(el).val()).get()).toEqual(['eligible_to_apply', 'application_submitted', 'closed']);
  });

  it('when nothing is chosen, or a step is missing its facts, then a GOV.UK error summary links to each field and nothing changes', async () => {
    const none = await submitForm(agent, applicationPath, `${applicationPath}/status`, {});
    expect(none.status).toBe(303);
    expect(errorSummaryOf((await agent.get(applicationPath)).text)).toEqual(['Choose what has happened']);
    await submitForm(agent, applicationPath, `${applicationPath}/status`, { status: 'application_submitted' });
    const page = await agent.get(applicationPath);
    expect(errorSummaryOf(page.text)).toEqual(['Enter the date the application was submitted']);
    expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#application_submitted-submittedDate-day');
    expect($of(page.text)('[data-qa="status"]').text().trim()).toBe('Not started');
  });

  it('when a rule refuses the step (a date in the future), then its message shows beside the date', async () => {
    await submitForm(agent, applicationPath, `${applicationPath}/status`, { status: 'application_submitted', 'application_submitted-submittedDate-day': '9', 'application_submitted-submittedDate-month': '6', 'application_submitted-submittedDate-year': '2026' });
    const page = await agent.get(applicationPath);
    expect(errorSummaryOf(page.text)).toEqual(['Date the application was submitted must not be in the future: record a step once it has happened']);
    expect($of(page.text)('#application_submitted-submittedDate-day').val()).toBe('9');
  });

  it('when the form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const refused = await agent.post(`${applicationPath}/status`).type('form').send({ status: 'closed', 'closed-reason': 'Moved away' });
    expect(refused.status).toBe(403);
    expect($of((await agent.get(applicationPath)).text)('[data-qa="status"]').text().trim()).toBe('Not started');
  });

  it('when the officer records the application as submitted, then the history shows the dated step and the PA is told in the service and by email', async () => {
    const saved = await submitForm(agent, applicationPath, `${applicationPath}/status`, { status: 'application_submitted', 'application_submitted-submittedDate-day': '1', 'application_submitted-submittedDate-month': '6', 'application_submitted-submittedDate-year': '2026' });
    expect(saved.headers.location).toBe(applicationPath);
    const page = await agent.get(applicationPath);
    const $ = $of(page.text);
    expect($('[data-qa="confirmation"]').text()).toContain('Application updated: application submitted.');
    expect($('[data-qa="status"]').text().trim()).toBe('Application submitted');
    expect($('[data-qa="history-step"]').first().text()).toContain('1 June 2026');
    expect($('[data-qa="facts"]').text()).toContain('Submitted');

    const mine = await app.http().get('/notifications/mine').set('authorization', adviser.auth);
    const told = (mine.body.items ?? mine.body).find((item: { link: string }) => item.link === applicationPath);
    expect(told?.text).toBe(`${people.wants.firstName}'s housing application with Charnwood was recorded as submitted (Monday 1 June 2026).`);

    await runJob(app, 'daily-digest', { at: `${TODAY}T18:00:00.000Z` });
    await runJob(app, 'send-mail', { at: `${TODAY}T18:05:00.000Z` });
    const mail = smtp.messages.find((message) => message.envelopeTo.includes(adviser.email) && message.text.includes(applicationPath));
    expect(mail, 'the PA gets an email linking to the application').toBeDefined();
    expect(mail!.subject).not.toContain(people.wants.firstName);
    expect(mail!.subject).not.toContain(people.wants.lastName);
  });

  it("when the PA opens the link from their email, then the application page works for them, with the way back to the young person's page", async () => {
    const pa = await signedInBrowser(app, adviser);
    const page = await pa.get(applicationPath);
    expect(page.status).toBe(200);
    expect($of(page.text)('[data-qa="back"]').attr('href')).toBe(`/young-people/${people.wants.id}#housing`);
    const ypPage = await pa.get(`/young-people/${people.wants.id}`);
    expect($of(ypPage.text)('[data-qa="housing-application-link"]').attr('href')).toBe(applicationPath);
    expect((await (await signedInBrowser(app, otherOfficer)).get(applicationPath)).status).toBe(404);
  });

  it('when an application is tracked but not made, then its entry links to it; once submitted, the young person leaves the early list', async () => {
    const tracked = await startApplication(app, adviser, people.custody.id, charnwood.id);
    const page = await agent.get(`${listPath()}?connection=wants-to-live-here`);
    const $ = $of(page.text);
    const rowOf = (who: { firstName: string }) => $('[data-qa="early-application"]').filter((_i, el) => $(el).text().includes(who.firstName));
    expect(rowOf(people.custody).find('[data-qa="application-link"]').attr('href')).toBe(`/housing-applications/${tracked.id}`);
    expect(rowOf(people.custody).find('[data-qa="application-link"]').text()).toContain('Not started');
    expect(rowOf(people.wants).length).toBe(0);
  });
});

describe('consent to share with housing withdrawn', () => {
  it("when a young person stops sharing with housing, then at once the officer's list, their housing view, their reminders and the next digest no longer name them", async () => {
    const withdrawing = await givenCareLeaver(app, adviser, {
      homeDistrictId: elsewhere, preferredDistrictIds: [charnwood.id], shareWithHousing: true, firstName: 'Wrenna', dateOfBirth: '2008-07-20', careStatus: 'in_care', legalCategory: 'eligible', inCustody: true, expectedReleaseDate: '2026-07-10',
    });
    await runJob(app, 'reminder-scan', TODAY);
    await runJob(app, 'send-mail', { at: `${TODAY}T19:00:00.000Z` }); // the urgent email, sent while they shared
    const agent = await signedInBrowser(app, officer);
    expect((await agent.get('/reminders')).text).toContain('Wrenna');
    expect(rowsOf((await agent.get(listPath())).text)).toContain(`Wrenna ${String(withdrawing.lastName)}`);

    expect((await app.http().patch(`/young-people/${withdrawing.id}`).set('authorization', adviser.auth).send({ shareWithHousing: false })).status).toBe(200);
    expect(rowsOf((await agent.get(listPath())).text)).not.toContain(`Wrenna ${String(withdrawing.lastName)}`);
    expect((await agent.get(`/housing/young-people/${withdrawing.id}`)).status).toBe(404);
    const reminders = await agent.get('/reminders');
    expect(reminders.status).toBe(200);
    expect(reminders.text).not.toContain('Wrenna');
    const reminderApi = await app.http().get('/notifications/mine').set('authorization', officer.auth);
    expect(JSON.stringify(reminderApi.body)).not.toContain('Wrenna');

    const before = smtp.messages.length;
    await runJob(app, 'daily-digest', { at: '2026-06-03T06:00:00.000Z' });
    await runJob(app, 'send-mail', { at: '2026-06-03T06:05:00.000Z' });
    const toOfficer = smtp.messages.slice(before).filter((message) => message.envelopeTo.includes(officer.email));
    expect(toOfficer.map((message) => message.text).join('\n')).not.toContain('Wrenna');
  });
});
