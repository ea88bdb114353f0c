import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalWait } from '../../src/approvals/approval-wait.js';
import { OrganisationModel } from '../../src/employers/organisations.model.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, errorSummaryOf, signedInBrowser, type BrowserAgent } from './browser-agent.js';
import { csrfTokenOf, tableRows } from './council-helpers.js';

// Monday 15 June 2026, 10:00 in London.
const NOW = '2026-06-15T09:00:00.000Z';
let app: TestApp;
let admin: GivenUser;
let manager: GivenUser;
let districtId: string;
let organisation: GivenOrganisation;

beforeAll(async () => {
  app = await startTestApp({ now: NOW });
  admin = await givenUser(app, 'admin');
  manager = await givenUser(app, 'manager');
  districtId = (await givenDistrict()).id;
  organisation = await givenOrganisation(app, admin, districtId);
});
afterAll(async () => app.close());

async function pendingOffer(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody(overrides));
  expect(created.status).toBe(201);
  expect((await app.http().post(`/opportunities/${created.body.id}/submit`).set('authorization', organisation.employer.auth)).status).toBe(200);
  return created.body.id as string;
}

const offerStatus = async (id: string) => (await app.http().get(`/opportunities/${id}`).set('authorization', admin.auth)).body as { status: string; sentBackReason: string | null; title: string };
const post = async (agent: BrowserAgent, path: string, fields: Record<string, string> = {}) => agent.post(path).type('form').send({ _csrf: await csrfTokenOf(agent), ...fields });
const rowNamed = (html: string, table: string, name: string) => tableRows(html, table).find((row) => row['0']?.startsWith(name));

describe('the approvals queue', () => {
  it('when organisations and offers wait, then each is listed oldest first with working days waited against the 3-day target', async () => {
    const older = await givenOrganisation(app, admin, districtId, { approved: false });
    const newer = await givenOrganisation(app, admin, districtId, { approved: false });
    // Wednesday 10 June: Thu, Fri, Mon = 3 working days, still within target. Tuesday 9 June: 4, over.
    await OrganisationModel.updateOne({ _id: older.id }, { $set: { statusChangedAt: new Date('2026-06-09T10:00:00Z') } });
    await OrganisationModel.updateOne({ _id: newer.id }, { $set: { statusChangedAt: new Date('2026-06-10T10:00:00Z') } });
    const today = await pendingOffer();
    const todayTitle = (await offerStatus(today)).title;

    const page = await (await signedInBrowser(app, admin)).get('/approvals');
    expect(page.status).toBe(200);
    const organisations = tableRows(page.text, 'organisations-waiting');
    const names = organisations.map((row) => row['0']);
    expect(names.indexOf(older.name)).toBeLessThan(names.indexOf(newer.name));
    expect(rowNamed(page.text, 'organisations-waiting', older.name)).toMatchObject({ 'working-days': '4 working days', 'over-target': 'Over target' });
    expect(rowNamed(page.text, 'organisations-waiting', newer.name)).toMatchObject({ 'working-days': '3 working days', 'within-target': 'Within target' });
    expect(rowNamed(page.text, 'offers-waiting', todayTitle)).toMatchObject({ 'working-days': '0 working days', 'within-target': 'Within target' });
    expect($of(page.text)(`a[href="/approvals/organisations/${older.id}"]`).length).toBe(1);
    expect($of(page.text)(`a[href="/approvals/offers/${today}"]`).length).toBe(1);
  });

  it('when something waited over a weekend, then Saturday and Sunday do not count', async () => {
    const friday = await givenOrganisation(app, admin, districtId, { approved: false });
    const saturday = await givenOrganisation(app, admin, districtId, { approved: false });
    await OrganisationModel.updateOne({ _id: friday.id }, { $set: { statusChangedAt: new Date('2026-06-12T15:00:00Z') } });
    await OrganisationModel.updateOne({ _id: saturday.id }, { $set: { statusChangedAt: new Date('2026-06-13T15:00:00Z') } });
    const page = await (await signedInBrowser(app, manager)).get('/approvals');
    expect(rowNamed(page.text, 'organisations-waiting', friday.name)?.['working-days']).toBe('1 working day');
    expect(rowNamed(page.text, 'organisations-waiting', saturday.name)?.['working-days']).toBe('1 working day');
  });

  it('when something waited over a bank holiday, then the holiday does not count, so 4 calendar working days are still within target', async () => {
    const offer = await pendingOffer();
    const title = (await offerStatus(offer)).title;
    // Submitted Wednesday 20 May 2026; Monday 25 May is the spring bank holiday; today Tuesday 26 May.
    await OpportunityModel.updateOne({ _id: offer }, { $set: { submittedAt: new Date('2026-05-20T11:00:00Z') } });
    app.clock.set('2026-05-26T09:00:00Z');
    try {
      const page = await (await signedInBrowser(app, admin)).get('/approvals');
      expect(rowNamed(page.text, 'offers-waiting', title)).toMatchObject({ 'working-days': '3 working days', 'within-target': 'Within target' });
      app.clock.set('2026-05-27T09:00:00Z');
      const nextDay = await (await signedInBrowser(app, admin)).get('/approvals');
      expect(rowNamed(nextDay.text, 'offers-waiting', title)).toMatchObject({ 'working-days': '4 working days', 'over-target': 'Over target' });
    } finally {
      app.clock.set(NOW);
    }
  });

  it('when working days are counted, then the boundaries are the day itself (0), a weekend and a bank holiday', () => {
    expect(approvalWait(new Date('2026-06-15T08:00:00Z'), new Date(NOW))).toEqual({ waitingSince: '2026-06-15', workingDaysWaited: 0, withinTarget: true });
    // 23:30 on Friday 12 June in London is still Friday (BST), so Monday is 1 working day later.
    expect(approvalWait(new Date('2026-06-12T22:30:00Z'), new Date(NOW)).workingDaysWaited).toBe(1);
    expect(approvalWait(new Date('2026-06-10T08:00:00Z'), new Date(NOW))).toMatchObject({ workingDaysWaited: 3, withinTarget: true });
    expect(approvalWait(new Date('2026-06-09T08:00:00Z'), new Date(NOW))).toMatchObject({ workingDaysWaited: 4, withinTarget: false });
    // Christmas 2026: Friday 25 and Monday 28 December (Boxing Day's substitute) are bank holidays.
    expect(approvalWait(new Date('2026-12-23T10:00:00Z'), new Date('2026-12-30T10:00:00Z')).workingDaysWaited).toBe(3);
  });
});

describe('reviewing an organisation', () => {
  it('when an admin opens a waiting organisation and approves it, then its details and pledges are shown and it is approved', async () => {
    const waiting = await givenOrganisation(app, admin, districtId, { approved: false });
    const agent = await signedInBrowser(app, admin);
    const page = await agent.get(`/approvals/organisations/${waiting.id}`);
    expect(page.status).toBe(200);
    expect($of(page.text)('[data-qa="organisation-name"]').text()).toBe(waiting.name);
    expect($of(page.text)('[data-qa="pledges"] li').map((_i, li) => $of(page.text)(li).text()).get()).toEqual(['Education, employment and training', 'Finance']);
    // The size in the words the organisation chose from, not its code ("Small").
    expect($of(page.text)('[data-qa="organisation-details"]').text()).toContain('10 to 49 people');
    const approved = await post(agent, `/approvals/organisations/${waiting.id}`);
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe('/approvals');
    expect($of((await agent.get('/approvals')).text)('[data-qa="confirmation"]').text()).toContain(`${waiting.name} is approved`);
    expect((await app.http().get(`/organisations/${waiting.id}`).set('authorization', admin.auth)).body.status).toBe('approved');
    // Approving twice is refused with a reason, not an error page.
    const again = await post(agent, `/approvals/organisations/${waiting.id}`);
    expect(again.headers.location).toBe(`/approvals/organisations/${waiting.id}`);
    expect(errorSummaryOf((await agent.get(again.headers.location as string)).text)[0]).toContain('approved');
  });
});

describe('reviewing an offer', () => {
  it('when the reviewer sends an offer back without a reason, then an error summary asks for one and nothing changes', async () => {
    const offer = await pendingOffer();
    const agent = await signedInBrowser(app, admin);
    const refused = await post(agent, `/approvals/offers/${offer}/send-back`, { reason: ' ' });
    expect(refused.headers.location).toBe(`/approvals/offers/${offer}`);
    const page = await agent.get(`/approvals/offers/${offer}`);
    expect(errorSummaryOf(page.text)).toEqual(['Enter what the employer needs to change']);
    expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#reason');
    expect((await offerStatus(offer)).status).toBe('pending_approval');
  });

  it('when an offer is sent back and the employer changes it, then the reviewer sees what changed and what it was, and approves it', async () => {
    const offer = await pendingOffer({ weeklyHours: 30 });
    const { title } = await offerStatus(offer);
    const agent = await signedInBrowser(app, manager); // managers approve too, as the API allows
    const review = await agent.get(`/approvals/offers/${offer}`);
    const $ = $of(review.text);
    expect($('[data-qa="offer-field-title"] [data-qa="value"]').text()).toBe(title);
    expect($('[data-qa="offer-status"]').text().trim()).toBe('Waiting for approval'); // as the employer sees it
    expect($('[data-qa="offer-field-weeklyHours"] [data-qa="value"]').text()).toBe('30');
    expect($('[data-qa="offer-field-yearlyWagePence"]').length).toBe(1);
    // Codes in words: who can apply, the wage and what the young person must share.
    expect($('[data-qa="offer-field-eligibleCareStatus"] [data-qa="value"]').text()).toBe('Children in care and care leavers');
    expect($('[data-qa="offer-field-wageType"] [data-qa="value"]').text()).toBe('National Minimum Wage for apprentices');
    expect($('[data-qa="offer-field-sharingNeeded"] [data-qa="value"]').text()).toBe('An anonymous profile: a referral code, their interests and qualifications');
    expect($('[data-qa="changed-since-send-back"]').length).toBe(0);

    const sentBack = await post(agent, `/approvals/offers/${offer}/send-back`, { reason: 'Say how many hours a week, and raise them to 37.' });
    expect(sentBack.headers.location).toBe('/approvals');
    expect(await offerStatus(offer)).toMatchObject({ status: 'draft', sentBackReason: 'Say how many hours a week, and raise them to 37.' });

    // The employer fixes it through the API and submits again.
    expect((await app.http().patch(`/opportunities/${offer}`).set('authorization', organisation.employer.auth).send({ weeklyHours: 37 })).status).toBe(200);
    expect((await app.http().post(`/opportunities/${offer}/submit`).set('authorization', organisation.employer.auth)).status).toBe(200);

    const queue = await agent.get('/approvals');
    expect(rowNamed(queue.text, 'offers-waiting', title)?.resubmitted).toBe('Sent back before, changed since');
    const again = $of((await agent.get(`/approvals/offers/${offer}`)).text);
    expect(again('[data-qa="changed-fields"] li').map((_i, li) => again(li).text()).get()).toEqual(['Hours a week']);
    expect(again('[data-qa="offer-field-weeklyHours"] [data-qa="changed-tag"]').text().trim()).toBe('Changed');
    expect(again('[data-qa="offer-field-weeklyHours"] [data-qa="value"]').text()).toBe('37');
    expect(again('[data-qa="offer-field-weeklyHours"] [data-qa="was"]').text()).toBe('Was: 30');
    expect(again('[data-qa="offer-field-title"] [data-qa="changed-tag"]').length).toBe(0);
    // Resubmitting cleared the employer's banner, not the council's history: the reason it was sent back stays.
    expect(again('[data-qa="past-send-back"]').length).toBe(1);
    expect(again('[data-qa="past-send-back-reason"]').text()).toBe('Say how many hours a week, and raise them to 37.');
    expect(again('[data-qa="past-send-back"]').text()).toContain('15 June 2026');

    const approved = await post(agent, `/approvals/offers/${offer}/approve`);
    expect(approved.headers.location).toBe('/approvals');
    expect((await offerStatus(offer)).status).toBe('open');
  });

  it('when the reviewer names the parts to change, then the employer sees them under the reason, each linking to its question, marked once changed', async () => {
    const offer = await pendingOffer({ weeklyHours: 30 });
    const agent = await signedInBrowser(app, admin);
    const review = $of((await agent.get(`/approvals/offers/${offer}`)).text);
    // One box per question page of an apprenticeship (13), not one per field (22): short enough for a phone.
    expect(review('[data-qa="send-back-fields"] input[type=checkbox]').map((_i, box) => review(box).attr('value')).get()).toEqual([
      'kind', 'title', 'description', 'sector', 'areas', 'location', 'dates', 'apprenticeship', 'hours-and-duration', 'wage', 'qualifications', 'places', 'sharing',
    ]);
    expect(review('[data-qa="send-back-field-providerName"]').length).toBe(0); // not something the employer answers
    const sentBack = await post(agent, `/approvals/offers/${offer}/send-back`, { reason: 'Raise the hours to 37 and say what the wage is.', fields: ['hours-and-duration', 'wage'] } as unknown as Record<string, string>);
    expect(sentBack.headers.location).toBe('/approvals');
    expect((await app.http().get(`/opportunities/${offer}`).set('authorization', admin.auth)).body.sentBackFields).toEqual(['weeklyHours', 'durationMonths', 'wageType', 'yearlyWagePence']);

    // The council's own view while it waits for the employer: its reason as given, once, with the parts named.
    const waiting = $of((await agent.get(`/approvals/offers/${offer}`)).text);
    expect(waiting('[data-qa="past-send-back-reason"]').text()).toBe('Raise the hours to 37 and say what the wage is.');
    expect(waiting('[data-qa="past-send-back-parts"]').text()).toBe('Parts to change: Hours and how long it lasts, Wage');

    const employer = await signedInBrowser(app, organisation.employer);
    let page = $of((await employer.get(`/opportunities/${offer}`)).text);
    expect(page('[data-qa="fields-named-by-council"] li').map((_i, li) => page(li).text().trim()).get()).toEqual(['Hours and how long it lasts', 'Wage']);
    expect(page('[data-qa="named-weeklyHours"]').attr('href')).toBe(`/opportunities/${offer}/edit/hours-and-duration?check=1#weeklyHours`);
    expect(page('[data-qa="named-wageType"]').attr('href')).toBe(`/opportunities/${offer}/edit/wage?check=1#wageType`);

    expect((await app.http().patch(`/opportunities/${offer}`).set('authorization', organisation.employer.auth).send({ weeklyHours: 37 })).status).toBe(200);
    page = $of((await employer.get(`/opportunities/${offer}`)).text);
    expect(page('[data-qa="fields-named-by-council"] li').map((_i, li) => page(li).text().trim()).get()).toEqual(['Hours and how long it lasts (changed)', 'Wage']);

    // Submitting again clears the employer's banner; the council's history of send-backs stays.
    expect((await app.http().post(`/opportunities/${offer}/submit`).set('authorization', organisation.employer.auth)).status).toBe(200);
    expect((await app.http().get(`/opportunities/${offer}`).set('authorization', admin.auth)).body).toMatchObject({ sentBackReason: null, sentBackFields: [] });
    const resubmitted = $of((await agent.get(`/approvals/offers/${offer}`)).text);
    expect(resubmitted('[data-qa="past-send-back-reason"]').text()).toBe('Raise the hours to 37 and say what the wage is.');
  });

  it('when an offer is sent back twice and resubmitted unchanged, then the reviewer sees both reasons, newest first, and that nothing changed', async () => {
    const offer = await pendingOffer();
    const agent = await signedInBrowser(app, admin);
    for (const reason of ['First: say where it is.', 'Second: still say where it is.']) {
      expect((await post(agent, `/approvals/offers/${offer}/send-back`, { reason })).headers.location).toBe('/approvals');
      expect((await app.http().post(`/opportunities/${offer}/submit`).set('authorization', organisation.employer.auth)).status).toBe(200);
    }
    const review = $of((await agent.get(`/approvals/offers/${offer}`)).text);
    expect(review('[data-qa="past-send-back-reason"]').map((_i, reason) => review(reason).text()).get()).toEqual(['Second: still say where it is.', 'First: say where it is.']);
    expect(review('[data-qa="unchanged-since-send-back"]').text()).toContain('Nothing has changed since it was last sent back');
  });

  it('when the offer is a benefit, then the parts to name are only the questions a benefit has', async () => {
    const offer = await pendingOffer({ kind: 'benefit', benefitType: 'Travel card', level: null, wageType: null, yearlyWagePence: null, weeklyHours: null, durationMonths: null, startDate: null });
    const review = $of((await (await signedInBrowser(app, admin)).get(`/approvals/offers/${offer}`)).text);
    const boxes = review('[data-qa="send-back-fields"] input[type=checkbox]').map((_i, box) => review(box).attr('value')).get();
    expect(boxes).not.toContain('wage');
    expect(boxes).not.toContain('apprenticeship');
    expect(boxes).toContain('description');
  });

  it('when a part that is not on the offer is named, then it is refused with an error summary and nothing changes', async () => {
    const offer = await pendingOffer();
    const agent = await signedInBrowser(app, admin);
    const refused = await post(agent, `/approvals/offers/${offer}/send-back`, { reason: 'Change the secret field.', fields: 'passwordHash' });
    expect(refused.headers.location).toBe(`/approvals/offers/${offer}`);
    const page = await agent.get(`/approvals/offers/${offer}`);
    expect(errorSummaryOf(page.text)).toEqual(['Choose the parts of the offer from the list']);
    expect($of(page.text)('#reason').val()).toBe('Change the secret field.');
    expect((await offerStatus(offer)).status).toBe('pending_approval');
    expect((await app.http().post(`/opportunities/${offer}/send-back`).set('authorization', admin.auth).send({ reason: 'Via the API', fields: ['status'] })).status).toBe(400);
  });

  it('when a form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const offer = await pendingOffer();
    const waiting = await givenOrganisation(app, admin, districtId, { approved: false });
    const agent = await signedInBrowser(app, admin);
    expect((await agent.post(`/approvals/offers/${offer}/approve`).type('form').send({})).status).toBe(403);
    expect((await agent.post(`/approvals/offers/${offer}/send-back`).type('form').send({ reason: 'No token here' })).status).toBe(403);
    expect((await agent.post(`/approvals/organisations/${waiting.id}`).type('form').send({ _csrf: 'not-the-token' })).status).toBe(403);
    expect((await offerStatus(offer)).status).toBe('pending_approval');
    expect((await app.http().get(`/organisations/${waiting.id}`).set('authorization', admin.auth)).body.status).toBe('pending_approval');
  });
});

describe('who may use the approval pages', () => {
  it('when an employer, a PA or a housing officer opens or posts to any approval page, then they get the not-found page and nothing changes', async () => {
    const offer = await pendingOffer();
    const waiting = await givenOrganisation(app, admin, districtId, { approved: false });
    const outsiders = [organisation.employer, await givenUser(app, 'personal_adviser'), await givenUser(app, 'housing_officer', { districtIds: [districtId] })];
    for (const outsider of outsiders) {
      const agent = await signedInBrowser(app, outsider);
      for (const path of ['/approvals', `/approvals/organisations/${waiting.id}`, `/approvals/offers/${offer}`]) {
        const page = await agent.get(path);
        expect(page.status, `${outsider.role} GET ${path}`).toBe(404);
        expect(page.text).not.toContain(waiting.name);
      }
      for (const path of [`/approvals/organisations/${waiting.id}`, `/approvals/offers/${offer}/approve`, `/approvals/offers/${offer}/send-back`]) {
        expect((await post(agent, path, { reason: 'Not mine to send back' })).status, `${outsider.role} POST ${path}`).toBe(404);
      }
    }
    expect((await offerStatus(offer)).status).toBe('pending_approval');
    expect((await app.http().get(`/organisations/${waiting.id}`).set('authorization', admin.auth)).body.status).toBe('pending_approval');
  });
});
