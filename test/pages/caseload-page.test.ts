import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, unique } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, signedInBrowser, submitForm } from './browser-agent.js';

// The clock stands at 2026-06-15 (test-app TEST_NOW).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const rowsOf = (html: string) => {
  const $ = $of(html);
  return $('[data-qa="caseload-row"]').map((_i, row) => ({
    name: $(row).find('[data-qa="young-person-link"]').text().trim(),
    deadline: $(row).find('[data-qa="next-deadline"]').text().replace(/:/g, ': ').replace(/\s+/g, ' ').trim(),
    flags: $(row).find('[data-qa^="flag-"]').map((_j, tag) => $(tag).attr('data-qa')).get(),
  })).get();
};

describe('My caseload', () => {
  it('when a PA opens it, then they see only their own young people with age, next deadline and flags, soonest deadline first', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const other = await givenUser(app, 'personal_adviser');
    const housing = await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Housing', dateOfBirth: '2008-11-10', pathwayPlanReviewDate: '2026-09-01' });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Overdue', dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-01', lastContactDate: '2026-03-01' });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Birthday', dateOfBirth: '2005-07-20' });
    await givenYoungPerson(app, other, { homeDistrictId: district.id, firstName: 'NotMine' });
    const page = await (await signedInBrowser(app, pa)).get('/caseload');
    const rows = rowsOf(page.text);
    // Past 17½ and under 25 with no housing application is flagged too (the early-applications rule), but is not a deadline.
    expect(rows.map((row) => row.name.split(' ')[0])).toEqual(['Overdue', 'Birthday', 'Housing']);
    expect(rows[0]!.deadline).toContain('Pathway plan review: 1 June 2026 Overdue');
    expect(rows[0]!.flags).toEqual(expect.arrayContaining(['flag-housing', 'flag-review_overdue', 'flag-no_contact']));
    expect(rows[1]!.flags).toContain('flag-birthday');
    expect(rows[1]!.flags).not.toContain('flag-review_overdue');
    expect(rows[2]!.flags).toEqual(['flag-housing']);
    expect(rows[2]!.deadline).toContain('Pathway plan review: 1 September 2026');
    expect(rows[2]!.deadline).not.toContain('Overdue');
    expect(page.text).not.toContain('NotMine');
    expect($of(page.text)(`a[href="/young-people/${housing.id}"]`).length).toBe(1);
  });

  it('when the PA filters by a flag or searches by name, then only those young people are listed', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    const surname = unique('Searchable');
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Housing', dateOfBirth: '2008-11-10' });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, firstName: 'Quiet', lastName: surname, dateOfBirth: '2009-06-01' });
    const agent = await signedInBrowser(app, pa);
    expect(rowsOf((await agent.get('/caseload?flag=housing')).text).map((row) => row.name.split(' ')[0])).toEqual(['Housing']);
    // The name searched for is posted, never put in a URL (browser history, proxies, logs).
    const searched = await submitForm(agent, '/caseload', '/caseload', { flag: '', search: surname.toLowerCase() });
    expect(searched.status).toBe(303);
    expect(searched.headers.location).toBe('/caseload');
    expect(searched.headers.location).not.toContain(surname.toLowerCase());
    expect(rowsOf((await agent.get(searched.headers.location as string)).text).map((row) => row.name.split(' ')[0])).toEqual(['Quiet']);
    expect(rowsOf((await agent.get('/caseload')).text)).toHaveLength(2);
  });

  it('when a caseload is longer than a page, then it is paginated 20 at a time', async () => {
    const district = await givenDistrict();
    const pa = await givenUser(app, 'personal_adviser');
    for (let i = 0; i < 21; i += 1) await givenYoungPerson(app, pa, { homeDistrictId: district.id });
    const agent = await signedInBrowser(app, pa);
    const first = await agent.get('/caseload');
    expect(rowsOf(first.text)).toHaveLength(20);
    expect($of(first.text)('.govuk-pagination__next a').attr('href')).toBe('/caseload?page=2');
    expect(rowsOf((await agent.get('/caseload?page=2')).text)).toHaveLength(1);
  });

  it('when a manager opens the team page, then each PA has a count and overdue reviews, linking to that caseload', async () => {
    const district = await givenDistrict();
    const team = unique('team');
    const pa = await givenUser(app, 'personal_adviser', { team });
    const manager = await givenUser(app, 'manager', { team });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-05-01' });
    await givenYoungPerson(app, pa, { homeDistrictId: district.id });
    const agent = await signedInBrowser(app, manager);
    const signIn = await agent.get('/');
    expect(signIn.headers.location).toBe('/team');
    const $ = $of((await agent.get('/team')).text);
    const row = $('[data-qa="team-row"]').filter((_i, el) => $(el).text().includes(pa.name));
    expect(row.find('[data-qa="count"]').text()).toBe('2');
    expect(row.find('[data-qa="overdue"]').text()).toBe('1');
    const caseload = await agent.get(row.find('[data-qa="adviser-caseload"]').attr('href')!);
    expect(rowsOf(caseload.text)).toHaveLength(2);
  });
});
