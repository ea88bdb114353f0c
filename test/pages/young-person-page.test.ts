import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferralModel } from '../../src/referrals/referrals.model.js';
import { givenDistrict, givenUser, givenYoungPerson } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, csrfOf, errorSummaryOf, signedInBrowser } from './browser-agent.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

async function givenPersonWithMatch() {
  const district = await givenDistrict();
  const pa = await givenUser(app, 'personal_adviser');
  const youngPerson = await givenYoungPerson(app, pa, { homeDistrictId: district.id, dateOfBirth: '2008-11-10', firstName: 'Kayden', qualifications: [{ subject: 'Maths', level: 1, grade: '3' }] });
  const fit = await givenOpenOpportunity({ districtId: district.id, title: 'Digital support apprentice', places: 2 });
  const near = await givenOpenOpportunity({ districtId: district.id, title: 'IT technician apprentice', requiredQualifications: [{ subject: 'Maths', level: 2 }] });
  return { district, pa, youngPerson, fit, near };
}

describe("a young person's page", () => {
  it('when their PA opens it, then it shows the profile, ranked matches with reasons, and near misses with what is missing', async () => {
    const { pa, youngPerson } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get(`/young-people/${youngPerson.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const $ = $of(page.text);
    expect($('[data-qa="young-person-name"]').text()).toContain('Kayden');
    expect($('[data-qa="profile"]').text()).toContain('10 November 2008');
    expect($('[data-qa="match"]').first().text()).toContain('Digital support apprentice');
    expect($('[data-qa="match-reasons"] li').length).toBeGreaterThan(0);
    expect($('[data-qa="near-miss"]').text()).toMatch(/IT technician apprentice.*needs Level 2 maths: holds Level 1/is);
  });

  it('when a ring-fenced place is a near miss only for the area of work, then the PA page says which interest it needs', async () => {
    const { pa, youngPerson, district } = await givenPersonWithMatch();
    await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, districtId: district.id, title: 'Highways operative apprentice', sector: 'construction_and_the_built_environment', requiredQualifications: [] });
    const $ = $of((await (await signedInBrowser(app, pa)).get(`/young-people/${youngPerson.id}`)).text);
    const miss = $('[data-qa="near-miss"]').filter((_i, el) => $(el).text().includes('Highways operative apprentice'));
    expect(miss.text()).toMatch(/needs an interest in construction and the built environment/);
  });

  it('when another PA opens it, then they get the not-found page, not a refusal', async () => {
    const { youngPerson } = await givenPersonWithMatch();
    const other = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, other);
    const page = await agent.get(`/young-people/${youngPerson.id}`);
    expect(page.status).toBe(404);
    expect($of(page.text)('h1').text()).toBe('Page not found');
    expect(page.text).not.toContain('Kayden');
  });

  it('when the PA clicks Refer on a match, then the referral is made and shown at once on the page', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get(`/young-people/${youngPerson.id}`);
    const refer = await agent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ _csrf: csrfOf(page.text), opportunityId: fit.id });
    expect(refer.status).toBe(303);
    expect(refer.headers.location).toMatch(new RegExp(`^/young-people/${youngPerson.id}#referral-[0-9a-f]{24}$`));
    const after = $of((await agent.get(`/young-people/${youngPerson.id}`)).text);
    expect(after('[data-qa="confirmation"]').text()).toMatch(/Referred\. The referral code is R-/);
    expect(after('[data-qa="referral"]').text()).toContain('Digital support apprentice');
    expect(after('[data-qa="referral-stage"]').text()).toContain('Referred');
    expect(after('[data-qa="referral-timeline"]').text()).toContain(pa.name);
  });

  it('when Refer is posted without a CSRF token, then it is refused and no referral is made', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    const refused = await agent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ opportunityId: fit.id });
    expect(refused.status).toBe(403);
    expect(await ReferralModel.countDocuments({ youngPersonId: youngPerson.id })).toBe(0);
  });

  it('when the PA moves a referral to informal meeting with a date, then the timeline shows the step with its date', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    let page = await agent.get(`/young-people/${youngPerson.id}`);
    await agent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ _csrf: csrfOf(page.text), opportunityId: fit.id });
    page = await agent.get(`/young-people/${youngPerson.id}`);
    const $ = $of(page.text);
    const action = $('[data-qa="move-referral"]').attr('action')!;
    expect($('[data-qa="move-referral"] input[name="stage"]').map((_i, el) => $(el).val()).get()).toEqual(['informal_meeting', 'work_trial', 'offered', 'declined', 'withdrawn', 'unsuccessful']);
    const moved = await agent.post(action).type('form').send({ _csrf: csrfOf(page.text), stage: 'informal_meeting', 'eventDate-day': '22', 'eventDate-month': '6', 'eventDate-year': '2026' });
    expect(moved.status).toBe(303);
    const after = $of((await agent.get(`/young-people/${youngPerson.id}`)).text);
    expect(after('[data-qa="referral-stage"]').text()).toContain('Informal meeting');
    expect(after('[data-qa="referral-timeline"]').text()).toContain('Informal meeting on 22 June 2026');
  });

  it('when a referral is ended without a reason, then the error summary asks for one and the stage is unchanged', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    let page = await agent.get(`/young-people/${youngPerson.id}`);
    await agent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ _csrf: csrfOf(page.text), opportunityId: fit.id });
    page = await agent.get(`/young-people/${youngPerson.id}`);
    const action = $of(page.text)('[data-qa="move-referral"]').attr('action')!;
    await agent.post(action).type('form').send({ _csrf: csrfOf(page.text), stage: 'withdrawn', reason: '' });
    const after = await agent.get(`/young-people/${youngPerson.id}`);
    expect(errorSummaryOf(after.text)).toEqual(['Reason is required when a referral ends as withdrawn']);
    expect($of(after.text)('[data-qa="referral-stage"]').text()).toContain('Referred');
    expect((await ReferralModel.findOne({ youngPersonId: youngPerson.id }).lean())?.stage).toBe('referred');
  });

  it('when a reminder links to a referral, then the link opens the young person page at that referral', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get(`/young-people/${youngPerson.id}`);
    const refer = await agent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ _csrf: csrfOf(page.text), opportunityId: fit.id });
    const referralId = /#referral-(.+)$/.exec(refer.headers.location!)![1];
    const link = await agent.get(`/referrals/${referralId}`);
    expect(link.headers.location).toBe(`/young-people/${youngPerson.id}#referral-${referralId}`);
  });
});

describe('reallocation by a manager', () => {
  it('when a manager reallocates a young person, then the new PA sees them and referrals, and the old PA gets the not-found page', async () => {
    const { pa, youngPerson, fit } = await givenPersonWithMatch();
    const newPa = await givenUser(app, 'personal_adviser');
    const manager = await givenUser(app, 'manager');
    const paAgent = await signedInBrowser(app, pa);
    const page = await paAgent.get(`/young-people/${youngPerson.id}`);
    await paAgent.post(`/young-people/${youngPerson.id}/referrals`).type('form').send({ _csrf: csrfOf(page.text), opportunityId: fit.id });

    const managerAgent = await signedInBrowser(app, manager);
    const managerPage = await managerAgent.get(`/young-people/${youngPerson.id}`);
    expect($of(managerPage.text)('[data-qa="audit-link"]').length).toBe(1);
    const moved = await managerAgent.post(`/young-people/${youngPerson.id}/reallocate`).type('form').send({ _csrf: csrfOf(managerPage.text), personalAdviserId: newPa.id });
    expect(moved.status).toBe(303);
    expect($of((await managerAgent.get(`/young-people/${youngPerson.id}`)).text)('[data-qa="confirmation"]').text()).toContain(newPa.name);

    expect((await paAgent.get(`/young-people/${youngPerson.id}`)).status).toBe(404);
    const newPaPage = await (await signedInBrowser(app, newPa)).get(`/young-people/${youngPerson.id}`);
    expect(newPaPage.status).toBe(200);
    expect($of(newPaPage.text)('[data-qa="referral"]').length).toBe(1);
  });

  it('when a PA opens the team page or posts a reallocation, then they get the not-found page and nothing moves', async () => {
    const { pa, youngPerson } = await givenPersonWithMatch();
    const other = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    expect((await agent.get('/team')).status).toBe(404);
    const page = await agent.get(`/young-people/${youngPerson.id}`);
    expect($of(page.text)('[data-qa="reallocate"]').length).toBe(0);
    const refused = await agent.post(`/young-people/${youngPerson.id}/reallocate`).type('form').send({ _csrf: csrfOf(page.text), personalAdviserId: other.id });
    expect(refused.status).toBe(404);
    expect((await agent.get(`/young-people/${youngPerson.id}`)).status).toBe(200);
  });
});
