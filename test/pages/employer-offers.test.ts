import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, csrfOf, errorSummaryOf, signedInBrowser, type BrowserAgent } from './browser-agent.js';

let app: TestApp;
let admin: GivenUser;
let district: { id: string; name: string };
beforeAll(async () => {
  app = await startTestApp(); // Monday 15 June 2026, 10:00 in London
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => app.close());

const api = (user: GivenUser) => ({
  post: (path: string, body?: object) => app.http().post(path).set('authorization', user.auth).send(body),
});

async function draftOf(organisation: GivenOrganisation, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api(organisation.employer).post('/opportunities', offerBody(overrides));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function sentBack(organisation: GivenOrganisation, reason: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await draftOf(organisation, overrides);
  expect((await api(organisation.employer).post(`/opportunities/${id}/submit`)).status).toBe(200);
  expect((await api(admin).post(`/opportunities/${id}/send-back`, { reason })).status).toBe(200);
  return id;
}

/** Opens a page and posts its form, as a person pressing the button would. */
async function press(agent: BrowserAgent, pagePath: string, postPath: string, fields: Record<string, string> = {}) {
  const page = await agent.get(pagePath);
  expect(page.status).toBe(200);
  return agent.post(postPath).type('form').send({ _csrf: csrfOf(page.text), ...fields });
}

describe('the employer\'s dashboard', () => {
  it('when an organisation has offers in every state on a known day, then the counts and the three lists are right and each offer links to its page', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const pa = await givenUser(app, 'personal_adviser');
    await draftOf(organisation, { title: 'Plain draft' });
    const back = await sentBack(organisation, 'Say what the hours are.', { title: 'Sent back one' });
    const waiting = await draftOf(organisation, { title: 'Waiting one' });
    await api(organisation.employer).post(`/opportunities/${waiting}/submit`);
    const soonQuiet = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Soon and quiet', closingDate: '2026-06-29', startDate: '2026-09-01' });
    const soonBusy = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Soon and busy', closingDate: '2026-06-22', startDate: '2026-09-01' });
    await givenOpenEmployerOffer(app, organisation, admin, { title: 'Later', closingDate: '2026-06-30', startDate: '2026-09-01' });
    const closed = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Closed one' });
    await api(organisation.employer).post(`/opportunities/${closed.id}/close`);
    const youngPerson = await givenYoungPerson(app, pa, { homeDistrictId: district.id });
    await givenReferral(app, pa, { youngPersonId: youngPerson.id, opportunityId: soonBusy.id });
    await givenOpenEmployerOffer(app, await givenOrganisation(app, admin, district.id), admin, { title: 'Someone else\'s', closingDate: '2026-06-25', startDate: '2026-09-01' });

    const agent = await signedInBrowser(app, organisation.employer);
    const page = await agent.get('/offers');
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    const count = (status: string) => $(`[data-qa="count-${status}"]`).text().trim();
    expect(['draft', 'sent_back', 'pending_approval', 'open', 'closed', 'filled', 'withdrawn'].map(count)).toEqual(['1', '1', '1', '3', '1', '0', '0']);
    const titles = (qa: string) => $(`[data-qa="${qa}-offer"]`).map((_i, a) => $(a).text().trim()).get();
    expect(titles('closing-soon')).toEqual(['Soon and busy', 'Soon and quiet']);
    expect(titles('closing-soon-no-referrals')).toEqual(['Soon and quiet']);
    expect(titles('sent-back')).toEqual(['Sent back one']);
    expect($('[data-qa="sent-back-offer"]').attr('href')).toBe(`/opportunities/${back}`);
    expect($('[data-qa="closing-soon-no-referrals-offer"]').attr('href')).toBe(`/opportunities/${soonQuiet.id}`);
    expect($('[data-qa="offer-link"]').length).toBe(7);
    expect(page.text).not.toContain('Someone else');
  });

  it('when offers were withdrawn or filled, then they are counted too, so the counts add up to every offer', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const withdrawn = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Withdrawn one' });
    expect((await api(organisation.employer).post(`/opportunities/${withdrawn.id}/withdraw`)).status).toBe(200);
    const filled = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Filled one' });
    await OpportunityModel.updateOne({ _id: filled.id }, { $set: { status: 'filled' } }); // as the last start does
    const agent = await signedInBrowser(app, organisation.employer);
    const $ = $of((await agent.get('/offers')).text);
    const counts = $('[data-qa^="count-"]').map((_i, cell) => [[$(cell).attr('data-qa'), $(cell).text().trim()]]).get() as unknown as [string, string][];
    expect(Object.fromEntries(counts)).toMatchObject({ 'count-withdrawn': '1', 'count-filled': '1', 'count-open': '0' });
    expect(counts.reduce((sum, [, count]) => sum + Number(count), 0)).toBe($('[data-qa="offer-link"]').length);
  });

  it('when the day moves on, then "closing soon" follows the injected clock: 14 days ahead and not the 15th', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    await givenOpenEmployerOffer(app, organisation, admin, { title: 'Fourteen days', closingDate: '2026-06-29', startDate: '2026-09-01' });
    await givenOpenEmployerOffer(app, organisation, admin, { title: 'Fifteen days', closingDate: '2026-06-30', startDate: '2026-09-01' });
    const agent = await signedInBrowser(app, organisation.employer);
    const $ = $of((await agent.get('/offers')).text);
    expect($('[data-qa="closing-soon-offer"]').map((_i, a) => $(a).text().trim()).get()).toEqual(['Fourteen days']);
  });

  it('when an employer of an organisation waiting for approval opens any offer page, then they are sent to /organisation/pending', async () => {
    const pending = await givenOrganisation(app, admin, district.id, { approved: false });
    const agent = await signedInBrowser(app, pending.employer);
    for (const path of ['/offers', '/offers/new']) {
      const response = await agent.get(path);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/organisation/pending');
    }
  });
});

describe('an offer\'s page', () => {
  it('when the council sent an offer back, then the banner gives the reason and what needs changing, each linking to its question page, and what was changed since', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const id = await sentBack(organisation, 'The weekly hours are too long for an apprentice.', { weeklyHours: 40 });
    // A rule the offer breaks now (this draft's closing date is too close to submit again) and a field changed since.
    await app.http().patch(`/opportunities/${id}`).set('authorization', organisation.employer.auth).send({ places: 3, closingDate: '2026-06-20' });
    const agent = await signedInBrowser(app, organisation.employer);
    const page = await agent.get(`/opportunities/${id}`);
    const $ = $of(page.text);
    expect($('[data-qa="opportunity-status"]').text().trim()).toBe('Sent back: needs changes');
    expect($('[data-qa="sent-back-reason"]').text().trim()).toBe('The weekly hours are too long for an apprentice.');
    expect($('[data-qa="fix-closingDate"]').attr('href')).toBe(`/opportunities/${id}/edit/dates?check=1#closingDate-day`);
    expect($('[data-qa="fix-closingDate"]').text()).toContain('Closing date must be at least 7 days after submission');
    expect($('[data-qa="changed-since-send-back"] a').map((_i, a) => $(a).text().trim()).get()).toEqual(['Places', 'Closing date']);
    expect($('[data-qa="changed-places"]').attr('href')).toBe(`/opportunities/${id}/edit/places?check=1#places`);
    expect($('[data-qa="check-and-submit"]').attr('href')).toBe(`/opportunities/${id}/check-answers`);
    expect($('[data-qa="referrals-to-offer"]').attr('href')).toBe(`/received-referrals?opportunityId=${id}`);
  });

  it('when the employer closes an open offer early from its confirmation page, then it is closed and the page says so', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin);
    const agent = await signedInBrowser(app, organisation.employer);
    expect($of((await agent.get(`/opportunities/${offer.id}`)).text)('[data-qa="close-early"]').attr('href')).toBe(`/opportunities/${offer.id}/close`);
    const closed = await press(agent, `/opportunities/${offer.id}/close`, `/opportunities/${offer.id}/close`);
    expect(closed.headers.location).toBe(`/opportunities/${offer.id}`);
    expect((await OpportunityModel.findById(offer.id).lean())?.status).toBe('closed');
    const $ = $of((await agent.get(`/opportunities/${offer.id}`)).text);
    expect($('[data-qa="opportunity-status"]').text().trim()).toBe('Closed');
    expect($('[data-qa="clone"]').attr('href')).toBe(`/opportunities/${offer.id}/clone`);
  });

  it('when the employer extends the closing date, then an earlier date is refused with an error summary and a later one is saved', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin); // closes 31 July 2026
    const agent = await signedInBrowser(app, organisation.employer);
    const path = `/opportunities/${offer.id}/extend`;
    expect($of((await agent.get(path)).text)('#closingDate-hint').text().trim()).toBe('It closes on 31 July 2026. Give a later date, for example 14 8 2026.');
    expect((await press(agent, path, path, { 'closingDate-day': '20', 'closingDate-month': '7', 'closingDate-year': '2026' })).headers.location).toBe(path);
    const page = await agent.get(path);
    expect(errorSummaryOf(page.text)).toEqual(['The new closing date must be after the current one, 31 July 2026; to close early, close the offer.']);
    expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#closingDate-day');
    expect((await press(agent, path, path, { 'closingDate-day': '31', 'closingDate-month': '2', 'closingDate-year': '2026' })).headers.location).toBe(path);
    expect(errorSummaryOf((await agent.get(path)).text)).toEqual(['Closing date must be a real date, like 31 8 2026']);
    expect((await press(agent, path, path, { 'closingDate-day': '14', 'closingDate-month': '8', 'closingDate-year': '2026' })).headers.location).toBe(`/opportunities/${offer.id}`);
    expect((await OpportunityModel.findById(offer.id).lean())?.closingDate).toBe('2026-08-14');
  });

  it('when the employer clones a closed offer, then a new draft with its answers opens at check your answers', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin, { title: 'Last year\'s apprenticeship' });
    await api(organisation.employer).post(`/opportunities/${offer.id}/close`);
    const agent = await signedInBrowser(app, organisation.employer);
    const cloned = await press(agent, `/opportunities/${offer.id}/clone`, `/opportunities/${offer.id}/clone`);
    const match = /^\/opportunities\/([0-9a-f]{24})\/check-answers$/.exec(cloned.headers.location as string);
    expect(match).not.toBeNull();
    const copy = await OpportunityModel.findById(match![1]).lean();
    expect([copy?.title, copy?.status, copy?.weeklyHours]).toEqual(['Last year\'s apprenticeship', 'draft', 37.5]);
    expect((await agent.get(cloned.headers.location as string)).text).toContain('Last year&#39;s apprenticeship');
  });

  it('when the employer deletes a draft, then it is gone and they are back on the dashboard; a waiting offer can be taken back to draft', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const agent = await signedInBrowser(app, organisation.employer);
    const draft = await draftOf(organisation);
    expect((await press(agent, `/opportunities/${draft}/delete`, `/opportunities/${draft}/delete`)).headers.location).toBe('/offers');
    expect(await OpportunityModel.countDocuments({ _id: draft })).toBe(0);
    const waiting = await draftOf(organisation);
    await api(organisation.employer).post(`/opportunities/${waiting}/submit`);
    expect((await press(agent, `/opportunities/${waiting}/take-back`, `/opportunities/${waiting}/take-back`)).headers.location).toBe(`/opportunities/${waiting}/check-answers`);
    expect((await OpportunityModel.findById(waiting).lean())?.status).toBe('draft');
  });

  it('when a confirmation page is opened for an action the offer\'s status does not allow, then the employer is taken to the offer instead', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const agent = await signedInBrowser(app, organisation.employer);
    const open = await givenOpenEmployerOffer(app, organisation, admin);
    const draft = await draftOf(organisation);
    for (const [id, action] of [[open.id, 'delete'], [open.id, 'take-back'], [draft, 'close'], [draft, 'extend'], [draft, 'take-back']] as const) {
      const page = await agent.get(`/opportunities/${id}/${action}`);
      expect(page.status, `${action} on ${id}`).toBe(303);
      expect(page.headers.location).toBe(`/opportunities/${id}`);
    }
    for (const [id, action] of [[open.id, 'close'], [open.id, 'extend'], [draft, 'delete']] as const) {
      expect((await agent.get(`/opportunities/${id}/${action}`)).status, `${action} on ${id}`).toBe(200);
    }
  });

  it('when council staff open an offer, then it is read-only with a link to its review; a PA sees an open offer read-only', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin);
    const manager = await givenUser(app, 'manager');
    const staff = await signedInBrowser(app, manager);
    const $ = $of((await staff.get(`/opportunities/${offer.id}`)).text);
    expect($('[data-qa="review-offer"]').attr('href')).toBe(`/approvals/offers/${offer.id}`);
    expect($('[data-qa="offer-actions"]').length).toBe(0);
    const pa = await signedInBrowser(app, await givenUser(app, 'personal_adviser'));
    const paPage = $of((await pa.get(`/opportunities/${offer.id}`)).text);
    expect(paPage('[data-qa="opportunity-title"]').text()).toBe(offer.title);
    expect(paPage('[data-qa="offer-actions"]').length).toBe(0);
    expect(paPage('[data-qa="review-offer"]').length).toBe(0);
  });

  it('when another organisation\'s employer opens or posts any page of an offer, then it is the not-found page and nothing changes', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin);
    const draft = await draftOf(organisation);
    const stranger = await signedInBrowser(app, (await givenOrganisation(app, admin, district.id)).employer);
    const csrf = csrfOf((await stranger.get('/offers/new')).text);
    for (const id of [offer.id, draft]) {
      expect((await stranger.get(`/opportunities/${id}`)).status).toBe(404);
      for (const action of ['close', 'extend', 'clone', 'delete', 'take-back']) {
        expect((await stranger.get(`/opportunities/${id}/${action}`)).status, action).toBe(404);
        expect((await stranger.post(`/opportunities/${id}/${action}`).type('form').send({ _csrf: csrf, 'closingDate-day': '1', 'closingDate-month': '9', 'closingDate-year': '2026' })).status, action).toBe(404);
      }
    }
    expect((await OpportunityModel.findById(offer.id).lean())?.status).toBe('open');
    expect(await OpportunityModel.countDocuments({ _id: draft })).toBe(1);
    expect(await OpportunityModel.countDocuments({ organisationId: organisation.id })).toBe(2);
  });

  it('when closing is posted without the CSRF token, then it is refused and the offer stays open', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const offer = await givenOpenEmployerOffer(app, organisation, admin);
    const agent = await signedInBrowser(app, organisation.employer);
    const refused = await agent.post(`/opportunities/${offer.id}/close`).type('form').send({});
    expect(refused.status).toBe(403);
    expect((await OpportunityModel.findById(offer.id).lean())?.status).toBe('open');
  });
});
