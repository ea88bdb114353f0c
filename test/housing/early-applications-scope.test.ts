import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlyApplicationsByDistrict } from '../../src/housing/early-application-alerts.js';
import { listHousingOfficersOfDistrict } from '../../src/districts/districts.service.js';
import { FOR_PERSONAL_ADVISERS } from '../../src/housing/early-applications.js';
import { UserModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { changeStatus, earlyApplicationsOfDistrict, givenCareLeaver, givenHousingOfficer, givenOutOfAreaDistrict, itemFor, morningOf, startApplication, statusBody } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// 15 June 2026. Born 2008-11-20: 17½ on 20 May 2026 (past it, urgent). Born 2008-12-20: 17½ on 20 June (in the window).
const TODAY = '2026-06-15';
const PAST_17_AND_A_HALF = '2008-11-20';
const IN_WINDOW = '2008-12-20';
let app: TestApp;
let adviser: GivenUser;
let admin: GivenUser;
let districtId: string;
let officer: GivenUser;

beforeAll(async () => {
  app = await startTestApp({ now: morningOf(TODAY) });
  adviser = await givenUser(app, 'personal_adviser');
  admin = await givenUser(app, 'admin');
  districtId = (await givenOutOfAreaDistrict()).id;
  officer = await givenHousingOfficer(app, [districtId]);
});
afterAll(async () => app.close());

/** Everyone here is under 18, so a submission needs a guarantor or trustee plan. */
const submit = (today: string) => ({ ...statusBody('application_submitted', today), guarantorPlan: { kind: 'guarantor', details: 'Former foster carer as guarantor' } });
const bodyFor = (step: string) => (step === 'application_submitted' ? submit(TODAY) : statusBody(step, TODAY));

const listOfDistrict = async () => (await earlyApplicationsOfDistrict(app, officer, districtId)).body;

describe('consent to share with housing', () => {
  it('when a young person has not agreed to share with housing, then they never appear on the district list, even when urgent', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: PAST_17_AND_A_HALF, shareWithHousing: false, inCustody: true, expectedReleaseDate: '2026-07-01' });
    expect(itemFor(await listOfDistrict(), id)).toBeUndefined();
    const asAdmin = await earlyApplicationsOfDistrict(app, admin, districtId);
    expect(itemFor(asAdmin.body, id)).toBeUndefined();
    const alerts = await earlyApplicationsByDistrict(TODAY, { districtIds: [districtId] });
    expect(alerts[0]!.needs.some((need) => need.youngPersonId === id)).toBe(false);
  });

  it("when the same young person is on their PA's list, then it says consent is not given", async () => {
    const ownAdviser = await givenUser(app, 'personal_adviser');
    const { id } = await givenCareLeaver(app, ownAdviser, { homeDistrictId: districtId, dateOfBirth: PAST_17_AND_A_HALF, shareWithHousing: false });
    const response = await app.http().get('/personal-advisers/me/early-applications').set('authorization', ownAdviser.auth);
    expect(response.status).toBe(200);
    expect(itemFor(response.body, id, districtId)).toMatchObject({ sharesWithHousing: false, urgent: true, connections: ['home'] });
  });
});

describe('applications already made', () => {
  it.each([
    ['not_started', true],
    ['eligible_to_apply', true],
    ['application_submitted', false],
    ['refused', false],
    ['closed', false],
  ] as const)('when their application in the district is %s, then listed is %s', async (status, stillListed) => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: PAST_17_AND_A_HALF });
    const application = await startApplication(app, adviser, id, districtId);
    const path = { not_started: [], eligible_to_apply: ['eligible_to_apply'], application_submitted: ['application_submitted'], refused: ['application_submitted', 'refused'], closed: ['closed'] }[status];
    for (const step of path) expect((await changeStatus(app, adviser, application.id, bodyFor(step))).status).toBe(200);
    const item = itemFor(await listOfDistrict(), id);
    if (stillListed) expect(item).toMatchObject({ trackedApplication: { id: application.id, status } });
    else expect(item).toBeUndefined();
  });

  it('when they applied in another district, then this district still lists them', async () => {
    const other = (await givenOutOfAreaDistrict()).id;
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, preferredDistrictIds: [districtId, other], dateOfBirth: IN_WINDOW });
    const application = await startApplication(app, adviser, id, other);
    expect((await changeStatus(app, adviser, application.id, submit(TODAY))).status).toBe(200);
    expect(itemFor(await listOfDistrict(), id)).toMatchObject({ trackedApplication: null, standing: 'reaches_application_age_within_window', daysUntilApplicationAge: 5 });
    const alerts = await earlyApplicationsByDistrict(TODAY, { districtIds: [other] });
    expect(alerts[0]!.openApplications).toEqual([{ applicationId: application.id, youngPersonId: id, personalAdviserId: adviser.id, status: 'application_submitted', submittedDate: TODAY, sharesWithHousing: true }]);
  });
});

describe('local connection', () => {
  it('when a consenting care leaver under 21 lives elsewhere, then every district in the council area lists them with a local connection, and one outside it does not', async () => {
    const inArea = (await givenDistrict({ withinCouncilArea: true })).id;
    const inAreaOfficer = await givenHousingOfficer(app, [inArea]);
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: IN_WINDOW });
    const inAreaList = (await earlyApplicationsOfDistrict(app, inAreaOfficer, inArea)).body;
    expect(itemFor(inAreaList, id)).toMatchObject({ connections: ['local_connection'] });
    const outside = (await givenOutOfAreaDistrict()).id;
    const outsideOfficer = await givenHousingOfficer(app, [outside]);
    expect(itemFor((await earlyApplicationsOfDistrict(app, outsideOfficer, outside)).body, id)).toBeUndefined();
  });

  it('when a care leaver is 21 (local connection ended) and lives elsewhere, then the council-area district does not list them', async () => {
    const inArea = (await givenDistrict({ withinCouncilArea: true })).id;
    const inAreaOfficer = await givenHousingOfficer(app, [inArea]);
    const twentyOne = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-06-15' });
    const twenty = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-06-16' });
    const list = (await earlyApplicationsOfDistrict(app, inAreaOfficer, inArea)).body;
    expect(itemFor(list, twentyOne.id)).toBeUndefined();
    expect(itemFor(list, twenty.id)).toMatchObject({ connections: ['local_connection'], urgent: true });
  });
});

describe("a personal adviser's list", () => {
  it('when a PA reads their list, then it covers only their caseload, in the districts each young person wants to live in', async () => {
    const pa = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const preferred = (await givenOutOfAreaDistrict()).id;
    const inArea = (await givenDistrict({ withinCouncilArea: true })).id;
    const mine = await givenCareLeaver(app, pa, { homeDistrictId: districtId, preferredDistrictIds: [preferred], dateOfBirth: IN_WINDOW });
    const notMine = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: IN_WINDOW });
    const response = await app.http().get('/personal-advisers/me/early-applications').set('authorization', pa.auth);
    expect(response.status).toBe(200);
    // They named a district, so that is where they want to live: not their home district, nor the council's area.
    expect(response.body.items.map((item: { district: { id: string } }) => item.district.id)).toEqual([preferred]);
    expect(itemFor(response.body, mine.id, districtId)).toBeUndefined();
    expect(itemFor(response.body, mine.id, inArea)).toBeUndefined();
    expect(itemFor(response.body, notMine.id)).toBeUndefined();

    const manager = await givenUser(app, 'manager', { team: 'south-team' });
    const asManager = await app.http().get(`/personal-advisers/me/early-applications?personalAdviserId=${pa.id}`).set('authorization', manager.auth);
    expect(asManager.status).toBe(200);
    expect(asManager.body.items).toHaveLength(1);
    const otherTeamManager = await givenUser(app, 'manager', { team: 'east-team' });
    expect((await app.http().get(`/personal-advisers/me/early-applications?personalAdviserId=${pa.id}`).set('authorization', otherTeamManager.auth)).status).toBe(404);
    expect((await app.http().get(`/personal-advisers/me/early-applications?personalAdviserId=${adviser.id}`).set('authorization', pa.auth)).status).toBe(404);
  });

  it('when the reminders ask for the PA audience, then young people without consent are included and flagged', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: IN_WINDOW, shareWithHousing: false });
    const [district] = await earlyApplicationsByDistrict(TODAY, { districtIds: [districtId], audience: FOR_PERSONAL_ADVISERS });
    expect(district!.needs.find((need) => need.youngPersonId === id)).toMatchObject({ sharesWithHousing: false, personalAdviserId: adviser.id, applicationAgeReachedOn: '2026-06-20', reachesApplicationAgeOnDate: false });
  });
});

describe('who may read a district list', () => {
  it('when a housing officer of another district asks, then 404; a PA 403; council staff 200', async () => {
    const otherOfficer = await givenHousingOfficer(app, [(await givenOutOfAreaDistrict()).id]);
    expect((await earlyApplicationsOfDistrict(app, otherOfficer, districtId)).status).toBe(404);
    expect((await earlyApplicationsOfDistrict(app, adviser, districtId)).status).toBe(403);
    expect((await earlyApplicationsOfDistrict(app, admin, districtId)).status).toBe(200);
    expect((await earlyApplicationsOfDistrict(app, await givenUser(app, 'manager'), districtId)).status).toBe(200);
  });

  it('when an officer reads the list, then the read is audited against each listed young person', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: IN_WINDOW });
    await earlyApplicationsOfDistrict(app, officer, districtId);
    const trail = await app.http().get(`/young-people/${id}/audit`).set('authorization', admin.auth);
    expect(trail.body).toContainEqual(expect.objectContaining({ actorUserId: officer.id, action: 'list', resource: 'early_application_list', resourceId: districtId }));
  });
});

describe('the reminders contract', () => {
  it('when asked for a date, then each district says who reaches the age that day and who enters the look-ahead window that day', async () => {
    const own = (await givenOutOfAreaDistrict()).id;
    const reachesToday = await givenCareLeaver(app, adviser, { homeDistrictId: own, dateOfBirth: '2008-12-15' });
    const entersWindow = await givenCareLeaver(app, adviser, { homeDistrictId: own, dateOfBirth: '2009-02-10' }); // 17½ on 10 August = today + 8 weeks
    const [district] = await earlyApplicationsByDistrict(TODAY, { districtIds: [own] });
    expect(district!.district).toMatchObject({ id: own, applicationAge: { years: 17, months: 6 }, alertLookaheadWeeks: 8, lookaheadWindowEnd: '2026-08-10' });
    const byId = new Map(district!.needs.map((need) => [need.youngPersonId, need]));
    expect(byId.get(reachesToday.id)).toMatchObject({ reachesApplicationAgeOnDate: true, entersLookaheadWindowOnDate: false, urgent: true });
    expect(byId.get(entersWindow.id)).toMatchObject({ reachesApplicationAgeOnDate: false, entersLookaheadWindowOnDate: true, applicationAgeReachedOn: '2026-08-10', daysUntilApplicationAge: 56 });
  });

  it("when the reminders ask who to tell, then a district's active housing officers are listed, and no one else", async () => {
    const own = (await givenOutOfAreaDistrict()).id;
    const first = await givenHousingOfficer(app, [own, districtId]);
    const left = await givenHousingOfficer(app, [own]);
    await UserModel.updateOne({ _id: left.id }, { $set: { active: false } });
    await givenHousingOfficer(app, [districtId]);
    expect(await listHousingOfficersOfDistrict(own)).toEqual([{ id: first.id, name: first.name, email: first.email }]);
  });
});
