import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { changeStatus, startApplication, statusBody } from '../factories/housing.js';
import { remindersOf, runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// 2 June 2026. Born 2008-08-01: 18 on 1 August 2026; released on 4 July 2026, 4 weeks before.
const TODAY = '2026-06-02';
const DATE_OF_BIRTH = '2008-08-01';
const RELEASE = '2026-07-04';

let app: TestApp;
let admin: GivenUser;
let adviser: GivenUser;
const districts: Record<'home' | 'wanted' | 'alsoWanted', { id: string; officer: GivenUser }> = {} as never;

beforeAll(async () => {
  app = await startTestApp({ now: `${TODAY}T09:00:00.000Z` });
  admin = await givenUser(app, 'admin');
  adviser = await givenUser(app, 'personal_adviser');
  for (const key of ['home', 'wanted', 'alsoWanted'] as const) {
    const { id } = await givenDistrict();
    districts[key] = { id, officer: await givenUser(app, 'housing_officer', { districtIds: [id] }) };
  }
});
afterAll(async () => app.close());

const scan = () => runJob(app, 'reminder-scan', TODAY);
const custodyAlertsOf = async (user: GivenUser, youngPersonId: string) =>
  (await remindersOf(app, user)).filter((item) => item.youngPersonId === youngPersonId && item.rule === 'custody_release_near_18');

/** Emails waiting in the outbox (urgent reminders are queued at once by the scan). */
async function outboxTo(user: GivenUser) {
  const response = await app.http().get('/notifications').query({ status: 'pending', limit: 500 }).set('authorization', admin.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { to: string; subject: string }[]).filter((message) => message.to === user.email);
}

/** Someone leaving custody 4 weeks before 18, at home in the "home" district, who agreed to share with housing. */
const leavingCustody = (overrides: Record<string, unknown> = {}) =>
  givenYoungPerson(app, adviser, { homeDistrictId: districts.home.id, dateOfBirth: DATE_OF_BIRTH, inCustody: true, expectedReleaseDate: RELEASE, accommodationCode: 'X2', shareWithHousing: true, pathwayPlanReviewDate: null, lastContactDate: null, ...overrides });

describe('a custody release near 18 alerts the districts the young person wants to live in', () => {
  it('when they live in one district and want to live in another, then the wanted district is alerted by email and in the service, and the home district is not', async () => {
    const person = await leavingCustody({ preferredDistrictIds: [districts.wanted.id] });
    const homeMailBefore = (await outboxTo(districts.home.officer)).length;
    await scan();

    const [alert] = await custodyAlertsOf(districts.wanted.officer, person.id);
    expect(alert).toMatchObject({ urgency: 'urgent', dueDate: RELEASE, link: `/districts/${districts.wanted.id}/early-applications` });
    expect(alert!.text).toContain('needs accommodation in your district from Saturday 4 July 2026');
    expect(await outboxTo(districts.wanted.officer)).toHaveLength(1);

    expect(await custodyAlertsOf(districts.home.officer, person.id)).toEqual([]);
    expect(await outboxTo(districts.home.officer)).toHaveLength(homeMailBefore);
    expect(await custodyAlertsOf(adviser, person.id)).toHaveLength(1);
  });

  it('when an application has been made in the wanted district, then that district is not alerted, while another wanted district without one is', async () => {
    const person = await leavingCustody({ preferredDistrictIds: [districts.wanted.id, districts.alsoWanted.id] });
    const application = await startApplication(app, adviser, person.id, districts.wanted.id);
    const submitted = await changeStatus(app, adviser, application.id, { ...statusBody('application_submitted', TODAY), guarantorPlan: { kind: 'trustee', details: 'Leaving care team as trustee' } });
    expect(submitted.status).toBe(200);
    await scan();

    expect(await custodyAlertsOf(districts.wanted.officer, person.id)).toEqual([]);
    expect(await custodyAlertsOf(districts.alsoWanted.officer, person.id)).toHaveLength(1);
    expect(await custodyAlertsOf(districts.home.officer, person.id)).toEqual([]);
    expect(await custodyAlertsOf(adviser, person.id)).toHaveLength(1);
  });

  it('when an application has been made in every district they want to live in, then nobody is alerted', async () => {
    const person = await leavingCustody({ preferredDistrictIds: [districts.wanted.id] });
    const application = await startApplication(app, adviser, person.id, districts.wanted.id);
    await changeStatus(app, adviser, application.id, { ...statusBody('application_submitted', TODAY), guarantorPlan: { kind: 'trustee', details: 'Leaving care team as trustee' } });
    await scan();

    expect(await custodyAlertsOf(districts.wanted.officer, person.id)).toEqual([]);
    expect(await custodyAlertsOf(districts.home.officer, person.id)).toEqual([]);
    expect(await custodyAlertsOf(adviser, person.id)).toEqual([]);
  });

  it('when they named no district, then their home district is alerted', async () => {
    const person = await leavingCustody();
    await scan();
    expect(await custodyAlertsOf(districts.home.officer, person.id)).toHaveLength(1);
    expect(await custodyAlertsOf(districts.wanted.officer, person.id)).toEqual([]);
  });
});

describe('the 17½ look-ahead alert goes to the same districts', () => {
  it('when they live in one district and want to live in another, then only the wanted district hears they can apply soon', async () => {
    // Born 2009-01-21: 17½ on 21 July 2026, inside the 8-week look-ahead.
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districts.home.id, preferredDistrictIds: [districts.wanted.id], dateOfBirth: '2009-01-21', shareWithHousing: true, pathwayPlanReviewDate: null, lastContactDate: null });
    await scan();
    const ahead = async (user: GivenUser) => (await remindersOf(app, user)).filter((item) => item.youngPersonId === person.id && item.rule === 'housing_application_age_ahead');
    expect(await ahead(districts.wanted.officer)).toHaveLength(1);
    expect(await ahead(districts.home.officer)).toEqual([]);
    expect(await ahead(adviser)).toHaveLength(1);
  });
});

describe('the words for care status in housing alerts', () => {
  it('when the young person is still in care, then the housing officer reads "in care", never "a care leaver"', async () => {
    const person = await leavingCustody({ careStatus: 'in_care', legalCategory: 'eligible', preferredDistrictIds: [districts.alsoWanted.id] });
    await scan();
    const [alert] = await custodyAlertsOf(districts.alsoWanted.officer, person.id);
    expect(alert!.text).toBe(`${person.firstName as string}, a young person in care who agreed to share with housing, needs accommodation in your district from Saturday 4 July 2026 and has no housing application.`);
    expect(alert!.text).not.toMatch(/care leaver/i);
  });

  it('when the young person has left care, then the housing officer reads "a care leaver"', async () => {
    const person = await leavingCustody({ careStatus: 'care_leaver', preferredDistrictIds: [districts.alsoWanted.id] });
    await scan();
    const [alert] = await custodyAlertsOf(districts.alsoWanted.officer, person.id);
    expect(alert!.text).toContain(`${person.firstName as string}, a care leaver who agreed to share with housing`);
  });

  it('when a young person in care reaches the district look-ahead for 17½, then the housing officer reads "in care" too', async () => {
    // Born 2009-01-20: 17½ on 20 July 2026, 7 weeks after today, inside the 8-week look-ahead.
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districts.alsoWanted.id, dateOfBirth: '2009-01-20', careStatus: 'in_care', legalCategory: 'eligible', shareWithHousing: true, pathwayPlanReviewDate: null, lastContactDate: null });
    await scan();
    const [alert] = (await remindersOf(app, districts.alsoWanted.officer)).filter((item) => item.youngPersonId === person.id && item.rule === 'housing_application_age_ahead');
    expect(alert!.text).toContain("a young person in care who agreed to share with housing, can apply for social housing in your district in 7 weeks");
  });
});
