import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, givenYoungPerson } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, csrfOf, errorSummaryOf, signedInBrowser } from './browser-agent.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const validForm = (districtId: string) => ({
  firstName: 'Amara', lastName: 'Okafor', 'dateOfBirth-day': '3', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2008', careStatus: 'care_leaver', legalCategory: 'relevant',
  homeDistrictId: districtId, maxTravelKm: '20', interests: ['digital', 'care_services'], 'qualifications-subject': ['Maths', 'English'], 'qualifications-level': ['2', '1'], 'qualifications-grade': ['5', ''],
  inCustody: 'no', employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: 'yes', shareWithHousing: 'yes', action: 'save',
});

describe('adding a young person', () => {
  it('when the form has mistakes, then the error summary links to each field, the typed values are kept, and nothing is saved', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const form = await agent.get('/young-people/new');
    const response = await agent.post('/young-people/new').type('form').send({ ...validForm(district.id), _csrf: csrfOf(form.text), lastName: '', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', shareWithHousing: '' });
    expect(response.headers.location).toBe('/young-people/new');
    const page = await agent.get('/young-people/new');
    expect(errorSummaryOf(page.text)).toEqual(['Enter their last name', 'Date of birth must be a real date, like 27 3 2007', 'Select whether housing officers may see their details']);
    const $ = $of(page.text);
    expect($('.govuk-error-summary a').map((_i, a) => $(a).attr('href')).get()).toEqual(['#lastName', '#dateOfBirth-day', '#shareWithHousing']);
    expect($('#firstName').val()).toBe('Amara');
    expect($('#dateOfBirth-error').text()).toContain('real date');
    expect($('title').text()).toMatch(/^Error: /);
    expect(await YoungPersonModel.countDocuments({ firstName: 'Amara', personalAdviserId: pa.id })).toBe(0);
  });

  it('when the date of birth makes them too young, then the service rule shows beside the date', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const form = await agent.get('/young-people/new');
    await agent.post('/young-people/new').type('form').send({ ...validForm(district.id), _csrf: csrfOf(form.text), 'dateOfBirth-year': '2015' });
    const page = await agent.get('/young-people/new');
    expect(errorSummaryOf(page.text)).toEqual(['Date of birth makes them 11: the service is for young people aged 15 to 26']);
  });

  it('when the form is right, then the young person is added with their interests and qualifications and their page opens', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const form = await agent.get('/young-people/new');
    const saved = await agent.post('/young-people/new').type('form').send({ ...validForm(district.id), _csrf: csrfOf(form.text) });
    expect(saved.headers.location).toMatch(/^\/young-people\/[0-9a-f]{24}$/);
    const record = await YoungPersonModel.findOne({ firstName: 'Amara', personalAdviserId: pa.id }).lean();
    expect(record?.interests).toEqual(['digital', 'care_services']);
    expect(record?.qualifications.map((q) => `${q.subject}:${q.level}`)).toEqual(['Maths:2', 'English:1']);
    expect(record?.shareWithHousing).toBe(true);
    const page = await agent.get(saved.headers.location!);
    expect($of(page.text)('[data-qa="confirmation"]').text()).toContain('Amara Okafor has been added to your caseload');
  });

  it('when "Add another qualification" is pressed without JavaScript, then the form comes back with one more row and nothing is saved', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const form = await agent.get('/young-people/new');
    await agent.post('/young-people/new').type('form').send({ ...validForm(district.id), _csrf: csrfOf(form.text), action: 'add-qualification' });
    let page = await agent.get('/young-people/new');
    expect($of(page.text)('[data-qa="qualification-row"]').length).toBe(3);
    expect(errorSummaryOf(page.text)).toEqual([]);
    await agent.post('/young-people/new').type('form').send({ ...validForm(district.id), _csrf: csrfOf(page.text), action: 'remove-qualification-0' });
    page = await agent.get('/young-people/new');
    const $ = $of(page.text);
    expect($('[data-qa="qualification-subject"]').map((_i, el) => $(el).val()).get()).toEqual(['English']);
    expect(await YoungPersonModel.countDocuments({ firstName: 'Amara', personalAdviserId: pa.id })).toBe(0);
  });

  it('when the PA changes a young person, then the form is filled from the record and saving changes it', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const youngPerson = await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Before', dateOfBirth: '2007-05-06' });
    const agent = await signedInBrowser(app, pa);
    const form = await agent.get(`/young-people/${youngPerson.id}/edit`);
    const $ = $of(form.text);
    expect($('#firstName').val()).toBe('Before');
    expect($('#dateOfBirth-day').val()).toBe('6');
    const fields: Record<string, string | string[]> = {};
    $('[data-qa="young-person-form"]').serializeArray().forEach(({ name, value }) => {
      const existing = fields[name];
      fields[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
    });
    await agent.post(`/young-people/${youngPerson.id}/edit`).type('form').send({ ...fields, firstName: 'After', action: 'save' });
    expect((await YoungPersonModel.findById(youngPerson.id).lean())?.firstName).toBe('After');
  });
});
