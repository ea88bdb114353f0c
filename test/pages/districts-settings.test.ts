import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, errorSummaryOf, signedInBrowser, type BrowserAgent } from './browser-agent.js';
import { csrfTokenOf, tableRows } from './council-helpers.js';

let app: TestApp;
let admin: GivenUser;

beforeAll(async () => {
  app = await startTestApp();
  admin = await givenUser(app, 'admin');
});
afterAll(async () => app.close());

const post = async (agent: BrowserAgent, path: string, fields: Record<string, string> = {}) => agent.post(path).type('form').send({ _csrf: await csrfTokenOf(agent), ...fields });
const settingsOf = async (id: string) => (await app.http().get(`/districts/${id}`).set('authorization', admin.auth)).body as { applicationAge: { years: number; months: number }; alertLookaheadWeeks: number };

describe('district housing settings', () => {
  it('when an admin changes the application age and look-ahead, then they are saved through the same service as the API and listed', async () => {
    const district = await givenDistrict();
    const agent = await signedInBrowser(app, admin);
    const form = $of((await agent.get(`/districts/${district.id}/settings`)).text);
    expect([form('#applicationAgeYears').val(), form('#applicationAgeMonths').val(), form('#alertLookaheadWeeks').val()]).toEqual(['17', '6', '8']);
    const saved = await post(agent, `/districts/${district.id}/settings`, { applicationAgeYears: '17', applicationAgeMonths: '0', alertLookaheadWeeks: '12' });
    expect(saved.headers.location).toBe('/districts');
    expect(await settingsOf(district.id)).toMatchObject({ applicationAge: { years: 17, months: 0 }, alertLookaheadWeeks: 12 });
    const list = await agent.get('/districts');
    expect($of(list.text)('[data-qa="confirmation"]').text()).toContain(`Housing settings for ${district.name} saved.`);
    expect(tableRows(list.text, 'districts').find((row) => row['district-name'] === district.name)).toMatchObject({ 'application-age': '17 years 0 months', lookahead: '12 weeks' });
  });

  it('when a manager enters values outside the allowed ranges, then an error summary names each and nothing changes', async () => {
    const district = await givenDistrict();
    const agent = await signedInBrowser(app, await givenUser(app, 'manager'));
    const refused = await post(agent, `/districts/${district.id}/settings`, { applicationAgeYears: '15', applicationAgeMonths: '12', alertLookaheadWeeks: 'eight' });
    expect(refused.headers.location).toBe(`/districts/${district.id}/settings`);
    const page = await agent.get(refused.headers.location as string);
    expect(errorSummaryOf(page.text)).toEqual([
      'Enter the years of the application age, a whole number from 16 to 21',
      'Enter the months of the application age, a whole number from 0 to 11',
      'Enter how many weeks ahead to look, a whole number from 1 to 52',
    ]);
    expect($of(page.text)('#alertLookaheadWeeks').val()).toBe('eight');
    expect(await settingsOf(district.id)).toMatchObject({ applicationAge: { years: 17, months: 6 }, alertLookaheadWeeks: 8 });
  });

  it('when the settings are posted without the CSRF token, then they are refused and nothing changes', async () => {
    const district = await givenDistrict();
    const agent = await signedInBrowser(app, admin);
    expect((await agent.post(`/districts/${district.id}/settings`).type('form').send({ applicationAgeYears: '18', applicationAgeMonths: '0', alertLookaheadWeeks: '4' })).status).toBe(403);
    expect(await settingsOf(district.id)).toMatchObject({ applicationAge: { years: 17, months: 6 }, alertLookaheadWeeks: 8 });
  });

  it('when an employer, a PA or a housing officer opens or posts to them, then they get the not-found page and nothing changes', async () => {
    const district = await givenDistrict();
    const outsiders = [await givenUser(app, 'employer'), await givenUser(app, 'personal_adviser'), await givenUser(app, 'housing_officer', { districtIds: [district.id] })];
    for (const outsider of outsiders) {
      const agent = await signedInBrowser(app, outsider);
      expect((await agent.get('/districts')).status, outsider.role).toBe(404);
      expect((await agent.get(`/districts/${district.id}/settings`)).status, outsider.role).toBe(404);
      expect((await post(agent, `/districts/${district.id}/settings`, { applicationAgeYears: '18', applicationAgeMonths: '0', alertLookaheadWeeks: '4' })).status, outsider.role).toBe(404);
    }
    expect(await settingsOf(district.id)).toMatchObject({ applicationAge: { years: 17, months: 6 }, alertLookaheadWeeks: 8 });
  });
});
