import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenOrganisation, offerBody } from '../factories/employers.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, csrfOf, errorSummaryOf, signedInBrowser, type BrowserAgent } from './browser-agent.js';

let app: TestApp;
let admin: GivenUser;
let district: { id: string; name: string };
beforeAll(async () => {
  app = await startTestApp(); // 15 June 2026
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => app.close());

/** Posts a question page's form (with its CSRF token) and returns where it went. */
async function answer(agent: BrowserAgent, path: string, fields: Record<string, string | string[]>): Promise<string> {
  const page = await agent.get(path);
  expect(page.status).toBe(200);
  const response = await agent.post(path).type('form').send({ _csrf: csrfOf(page.text), ...fields });
  expect(response.status).toBe(303);
  return response.headers.location as string;
}

async function employerWithDraft(kind = 'apprenticeship') {
  const organisation = await givenOrganisation(app, admin, district.id);
  const agent = await signedInBrowser(app, organisation.employer);
  const location = await answer(agent, '/offers/new', { kind, title: 'Junior developer apprentice' });
  const id = /^\/opportunities\/([0-9a-f]{24})\/edit\//.exec(location)![1]!;
  return { organisation, agent, id, location };
}

const apprenticeshipAnswers = (districtId: string): [string, Record<string, string | string[]>][] => [
  ['description', { description: 'Learn to build and run web services with a friendly team, on the job and at college.', whatYouWillDo: 'Pair with a developer.', skills: 'Curiosity\nTeam work' }],
  ['sector', { sector: 'digital' }],
  ['areas', { areas: ['education_employment_training', 'finance'] }],
  ['location', { where: 'district', districtId, locationDescription: 'Leicester city centre' }],
  ['dates', { 'closingDate-day': '31', 'closingDate-month': '7', 'closingDate-year': '2026', 'startDate-day': '1', 'startDate-month': '9', 'startDate-year': '2026' }],
  ['apprenticeship', { level: '3' }],
  ['hours-and-duration', { weeklyHours: '37.5', durationMonths: '18' }],
  ['wage', { wageType: 'fixed', yearlyWage: '18,500' }],
  ['qualifications', { action: 'continue' }],
  ['places', { places: '2' }],
  ['sharing', { sharingNeeded: 'anonymous_profile' }],
];

describe('creating an offer through the question pages', () => {
  it('when an employer answers every question of an apprenticeship, then each leads to the next, check your answers shows what was entered, and submitting sends it for approval', async () => {
    const { agent, id, location } = await employerWithDraft();
    expect(location).toBe(`/opportunities/${id}/edit/description`);
    const answers = apprenticeshipAnswers(district.id);
    for (const [index, [question, fields]] of answers.entries()) {
      const next = await answer(agent, `/opportunities/${id}/edit/${question}`, fields);
      expect(next).toBe(index + 1 < answers.length ? `/opportunities/${id}/edit/${answers[index + 1]![0]}` : `/opportunities/${id}/check-answers`);
    }
    const check = await agent.get(`/opportunities/${id}/check-answers`);
    const $ = $of(check.text);
    const answer$ = (key: string) => $('.govuk-summary-list__row').filter((_i, row) => $(row).find('dt').text().trim() === key).find('dd.govuk-summary-list__value').text().trim();
    expect(answer$('Title')).toBe('Junior developer apprentice');
    expect(answer$('Area of work')).toBe('Digital');
    expect(answer$('Where')).toBe(`${district.name}. Leicester city centre`);
    expect(answer$('Closing date')).toBe('31 July 2026');
    expect(answer$('Apprenticeship level')).toBe('Level 3');
    expect(answer$('Weekly hours')).toBe('37.5 hours a week');
    expect(answer$('Wage')).toBe('A fixed wage: £18,500 a year');
    expect(answer$('Skills and qualities')).toBe('Curiosity\nTeam work');
    expect($('[data-qa="change-weekly-hours"]').attr('href')).toBe(`/opportunities/${id}/edit/hours-and-duration?check=1`);

    const submitted = await agent.post(`/opportunities/${id}/submit`).type('form').send({ _csrf: csrfOf(check.text) });
    expect(submitted.headers.location).toBe(`/opportunities/${id}`);
    expect((await OpportunityModel.findById(id).lean())?.status).toBe('pending_approval');
    const page = await agent.get(`/opportunities/${id}`);
    expect($of(page.text)('[data-qa="opportunity-status"]').text().trim()).toBe('Waiting for approval');
    expect($of(page.text)('[data-qa="confirmation"]').text()).toContain('sent to the council for approval');
  });

  it('when a question page is answered wrongly, then its error summary links to the field and the typed value is kept, for every question', async () => {
    const { agent, id } = await employerWithDraft();
    const wrong: [string, Record<string, string | string[]>, string[], string][] = [
      ['description', { description: 'Too short' }, ['Short description must be 50 to 350 characters for an apprenticeship (it has 9): put the detail in what they will do'], '#description'],
      ['sector', {}, ['Select the area of work'], '#sector'],
      ['areas', {}, ['Select at least one Covenant area'], '#areas'],
      ['location', { where: 'district' }, ['Select the district'], '#districtId'],
      ['dates', { 'closingDate-day': '31', 'closingDate-month': '2', 'closingDate-year': '2026' }, ['Closing date must be a real date, like 31 7 2026'], '#closingDate-day'],
      ['apprenticeship', {}, ['Select the apprenticeship level'], '#level'],
      ['hours-and-duration', { weeklyHours: '60', durationMonths: '18' }, ['Weekly hours must be 48 or less'], '#weeklyHours'],
      ['wage', { yearlyWage: 'lots' }, ['Select the kind of wage', 'Yearly wage must be an amount in pounds, like 18,500'], '#wageType'],
      ['qualifications', { action: 'add', qualificationSubject: 'Maths' }, ['Select the level of the qualification'], '#qualificationLevel'],
      ['places', { places: 'two' }, ['Enter the number of places, like 2'], '#places'],
      ['sharing', {}, ['Select what you need to know about a young person'], '#sharingNeeded'],
    ];
    for (const [question, fields, messages, firstHref] of wrong) {
      const path = `/opportunities/${id}/edit/${question}`;
      expect(await answer(agent, path, fields)).toBe(path);
      const page = await agent.get(path);
      expect(errorSummaryOf(page.text), question).toEqual(messages);
      expect($of(page.text)('.govuk-error-summary a').first().attr('href'), question).toBe(firstHref);
      expect($of(page.text)('title').text()).toMatch(/^Error: /);
    }
    const description = await (async () => {
      await answer(agent, `/opportunities/${id}/edit/description`, { description: 'Too short', skills: 'Curiosity' });
      return agent.get(`/opportunities/${id}/edit/description`);
    })();
    expect($of(description.text)('#description').val()).toBe('Too short');
    expect($of(description.text)('#skills').val()).toBe('Curiosity');
  });

  it('when the yearly wage is below the apprentice minimum wage on the start date, then the service rule shows on the wage page and nothing is saved', async () => {
    const { agent, id } = await employerWithDraft();
    for (const [question, fields] of apprenticeshipAnswers(district.id).slice(0, 7)) await answer(agent, `/opportunities/${id}/edit/${question}`, fields);
    const path = `/opportunities/${id}/edit/wage`;
    expect(await answer(agent, path, { wageType: 'fixed', yearlyWage: '15000' })).toBe(path);
    const page = await agent.get(path);
    expect(errorSummaryOf(page.text)).toEqual(['Yearly wage is below the apprentice minimum wage of £8.00 an hour in force on 1 September 2026 (yearly wage / 52 / weekly hours)']);
    expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#yearlyWage');
    expect($of(page.text)('#yearlyWage-error').text()).toContain('below the apprentice minimum wage');
    expect((await OpportunityModel.findById(id).lean())?.yearlyWagePence).toBeNull();
  });

  it('when the closing date is less than the minimum lead ahead, then the dates page says so', async () => {
    const { agent, id } = await employerWithDraft('work_experience');
    const path = `/opportunities/${id}/edit/dates`;
    expect(await answer(agent, path, { 'closingDate-day': '18', 'closingDate-month': '6', 'closingDate-year': '2026' })).toBe(path);
    expect(errorSummaryOf((await agent.get(path)).text)).toEqual(['Closing date must be at least 7 days after submission: 22 June 2026 or later']);
  });

  it('when the start date is before the closing date, then the dates page says so with the date in words and links to the start date', async () => {
    const { agent, id } = await employerWithDraft('work_experience');
    const path = `/opportunities/${id}/edit/dates`;
    const dates = { 'closingDate-day': '15', 'closingDate-month': '7', 'closingDate-year': '2026', 'startDate-day': '1', 'startDate-month': '7', 'startDate-year': '2026' };
    expect(await answer(agent, path, dates)).toBe(path);
    const page = await agent.get(path);
    expect(errorSummaryOf(page.text)).toEqual(['Start date must be after the closing date, 15 July 2026: an offer starts after it closes']);
    expect($of(page.text)('.govuk-error-summary a').attr('href')).toBe('#startDate-day');
  });

  it('when a qualification is added and removed without JavaScript, then the list on the page follows, with essential and desirable', async () => {
    const { agent, id } = await employerWithDraft();
    const path = `/opportunities/${id}/edit/qualifications`;
    expect(await answer(agent, path, { action: 'add', qualificationSubject: 'Maths', qualificationLevel: '2', qualificationGrade: '4', importance: 'essential' })).toBe(`${path}#qualifications`);
    expect(await answer(agent, path, { action: 'add', qualificationSubject: 'English', qualificationLevel: '2', importance: 'desirable' })).toBe(`${path}#qualifications`);
    let page = await agent.get(path);
    expect($of(page.text)('[data-qa="qualification-list"] dt').map((_i, el) => $of(page.text)(el).text().trim()).get()).toEqual(['Maths', 'English']);
    expect($of(page.text)('[data-qa="qualification-1"]').text()).toBe('Level 2, desirable');
    await answer(agent, path, { action: 'remove-0' });
    page = await agent.get(path);
    expect((await OpportunityModel.findById(id).lean())?.requiredQualifications.map((q) => `${q.subject}:${q.importance}`)).toEqual(['English:desirable']);
  });

  it('when a Change link from check your answers is followed and saved, then it returns to check your answers', async () => {
    const { agent, id } = await employerWithDraft('mentoring');
    expect(await answer(agent, `/opportunities/${id}/edit/places?check=1`, { places: '3' })).toBe(`/opportunities/${id}/check-answers`);
  });

  it('when a draft is submitted with answers missing, then check your answers lists each problem linking to its question page', async () => {
    const { agent, id } = await employerWithDraft();
    const check = await agent.get(`/opportunities/${id}/check-answers`);
    await agent.post(`/opportunities/${id}/submit`).type('form').send({ _csrf: csrfOf(check.text) });
    const page = await agent.get(`/opportunities/${id}/check-answers`);
    const $ = $of(page.text);
    const links = $('.govuk-error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toContain(`/opportunities/${id}/edit/hours-and-duration?check=1#weeklyHours`);
    expect(links).toContain(`/opportunities/${id}/edit/location?check=1#districtId`);
    expect(errorSummaryOf(page.text)).toContain('Weekly hours is required for an apprenticeship (16 to 48 hours a week)');
    expect((await OpportunityModel.findById(id).lean())?.status).toBe('draft');
  });

  it('when the dates and the area of work are asked, then the examples are ahead of today and each route is named as GOV.UK names it, commas and all', async () => {
    const { agent, id } = await employerWithDraft();
    // Examples in the dates' hints are ahead of today (15 June 2026), the start after the closing date.
    const dates = $of((await agent.get(`/opportunities/${id}/edit/dates`)).text);
    expect(dates('#closingDate-hint').text()).toContain('for example 13 7 2026');
    expect(dates('#startDate-hint').text()).toContain('for example 10 8 2026');
    const $ = $of((await agent.get(`/opportunities/${id}/edit/sector`)).text);
    expect($('label[for="sector-12"], label').filter((_i, label) => $(label).text().trim().startsWith('Legal')).text().trim()).toBe('Legal, finance and accounting');
    await answer(agent, `/opportunities/${id}/edit/sector`, { sector: 'agriculture_environmental_and_animal_care' });
    const summary = $of((await agent.get(`/opportunities/${id}`)).text);
    expect(summary('.govuk-summary-list__row').filter((_i, row) => summary(row).find('dt').text().trim() === 'Area of work').find('dd').text().trim()).toBe('Agriculture, environmental and animal care');
  });

  it('when "Create an offer" is sent empty, then its error summary links to the kind and title boxes on that page', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const agent = await signedInBrowser(app, organisation.employer);
    expect(await answer(agent, '/offers/new', {})).toBe('/offers/new');
    const page = await agent.get('/offers/new');
    const $ = $of(page.text);
    const links = $('.govuk-error-summary a').map((_i, a) => $(a).attr('href')).get();
    expect(links).toEqual(['#kind', '#title']);
    for (const link of links) expect($(link).length).toBe(1);
  });

  it('when a question form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const { agent, id } = await employerWithDraft();
    const refused = await agent.post(`/opportunities/${id}/edit/places`).type('form').send({ places: '9' });
    expect(refused.status).toBe(403);
    expect((await OpportunityModel.findById(id).lean())?.places).toBe(1);
    const noCsrfNew = await agent.post('/offers/new').type('form').send({ kind: 'job', title: 'Sneaky' });
    expect(noCsrfNew.status).toBe(403);
    expect(await OpportunityModel.countDocuments({ title: 'Sneaky' })).toBe(0);
  });

  it('when another organisation\'s employer opens or posts any question page of an offer, then it is the not-found page and nothing changes', async () => {
    const { id } = await employerWithDraft();
    const other = await givenOrganisation(app, admin, district.id);
    const stranger = await signedInBrowser(app, other.employer);
    const csrf = csrfOf((await stranger.get('/offers/new')).text);
    for (const question of ['title', 'description', 'wage', 'places', 'dates', 'qualifications']) {
      expect((await stranger.get(`/opportunities/${id}/edit/${question}`)).status).toBe(404);
      expect((await stranger.post(`/opportunities/${id}/edit/${question}`).type('form').send({ _csrf: csrf, title: 'Taken over', places: '9' })).status).toBe(404);
    }
    expect((await stranger.get(`/opportunities/${id}/check-answers`)).status).toBe(404);
    expect((await stranger.post(`/opportunities/${id}/submit`).type('form').send({ _csrf: csrf })).status).toBe(404);
    const stored = await OpportunityModel.findById(id).lean();
    expect([stored?.title, stored?.places, stored?.status]).toEqual(['Junior developer apprentice', 1, 'draft']);
  });

  it('when an offer made through the API is opened for editing, then the form is filled from it', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody({ yearlyWagePence: 1_850_050, wageType: 'fixed' }));
    const agent = await signedInBrowser(app, organisation.employer);
    const page = await agent.get(`/opportunities/${created.body.id as string}/edit/wage`);
    expect($of(page.text)('#yearlyWage').val()).toBe('18500.50');
    expect($of(page.text)('input[name="wageType"][value="fixed"]').attr('checked')).toBeDefined();
  });
});
