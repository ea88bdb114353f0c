import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { changeStatus, earlyApplicationsOfDistrict, givenCareLeaver, givenHousingOfficer, givenOutOfAreaDistrict, itemFor, morningOf, startApplication, statusBody } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

const TODAY = '2026-06-15';
const CARE_HISTORY = 'CARE-HISTORY-NOTE-must-never-reach-housing';
const QUALIFICATION = 'Astrophysics-private';
/** Fields of the young person's record that a housing officer must never receive, in any response. */
const FORBIDDEN_FIELDS = ['careHistoryNotes', 'legalCategory', 'qualifications', 'interests', 'careStatus', 'activityCode', 'hasDisability', 'inHigherEducation', 'employerSharing', 'employerMayKnowCareLeaver', 'sourceSystemId', 'pathwayPlanReviewDate', 'lastContactDate', 'maxTravelKm', 'team'];

let app: TestApp;
let adviser: GivenUser;
let districtId: string;
let officer: GivenUser;
let youngPersonId: string;

function expectNothingForbidden(body: unknown) {
  const json = JSON.stringify(body);
  for (const field of FORBIDDEN_FIELDS) expect(json).not.toContain(`"${field}"`);
  expect(json).not.toContain(CARE_HISTORY);
  expect(json).not.toContain(QUALIFICATION);
}

beforeAll(async () => {
  app = await startTestApp({ now: morningOf(TODAY) });
  adviser = await givenUser(app, 'personal_adviser', { name: 'Pat Adviser' });
  districtId = (await givenOutOfAreaDistrict()).id;
  officer = await givenHousingOfficer(app, [districtId]);
  youngPersonId = (
    await givenCareLeaver(app, adviser, {
      homeDistrictId: districtId,
      dateOfBirth: '2008-11-20',
      email: 'sam@example.test',
      phone: '07700 900123',
      inCustody: true,
      expectedReleaseDate: '2026-09-01',
      accommodationCode: 'X2',
      careHistoryNotes: CARE_HISTORY,
      legalCategory: 'relevant',
      qualifications: [{ subject: QUALIFICATION, level: 3 }],
      hasDisability: true,
    })
  ).id;
});
afterAll(async () => app.close());

describe('what a housing officer sees of a young person', () => {
  it('when the officer of their district asks, then only the allowed fields come back', async () => {
    const response = await app.http().get(`/housing/young-people/${youngPersonId}`).set('authorization', officer.auth);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['accommodationCode', 'dateOfBirth', 'districts', 'email', 'expectedReleaseDate', 'firstName', 'id', 'inCustody', 'lastName', 'personalAdviser', 'phone', 'preferredName'].sort());
    expect(response.body).toMatchObject({
      id: youngPersonId,
      dateOfBirth: '2008-11-20',
      email: 'sam@example.test',
      phone: '07700 900123',
      personalAdviser: { name: 'Pat Adviser', email: adviser.email },
      inCustody: true,
      expectedReleaseDate: '2026-09-01',
      accommodationCode: 'X2',
      districts: [{ districtId, districtName: expect.any(String), wantsToLiveThere: true, localConnection: false }],
    });
    expectNothingForbidden(response.body);
  });

  it('when the district has registered an application, then local connection is what the district recorded', async () => {
    const other = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-10' });
    const { id } = await startApplication(app, adviser, other.id, districtId);
    await changeStatus(app, adviser, id, statusBody('application_submitted', TODAY));
    await changeStatus(app, officer, id, { ...statusBody('registered', TODAY), localConnection: true });
    const response = await app.http().get(`/housing/young-people/${other.id}`).set('authorization', officer.auth);
    expect(response.body.districts).toEqual([expect.objectContaining({ districtId, localConnection: true })]);
  });

  it('when a housing officer of another district asks, then 404', async () => {
    const otherOfficer = await givenHousingOfficer(app, [(await givenOutOfAreaDistrict()).id]);
    const response = await app.http().get(`/housing/young-people/${youngPersonId}`).set('authorization', otherOfficer.auth);
    expect(response.status).toBe(404);
    expectNothingForbidden(response.body);
  });

  it('when the young person has not agreed to share with housing, then even their own district officer gets 404', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-11-20', shareWithHousing: false });
    expect((await app.http().get(`/housing/young-people/${id}`).set('authorization', officer.auth)).status).toBe(404);
  });

  it('when the young person withdraws consent, then the officer gets 404 from then on', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-11-20' });
    expect((await app.http().get(`/housing/young-people/${id}`).set('authorization', officer.auth)).status).toBe(200);
    expect((await app.http().patch(`/young-people/${id}`).set('authorization', adviser.auth).send({ shareWithHousing: false })).status).toBe(200);
    expect((await app.http().get(`/housing/young-people/${id}`).set('authorization', officer.auth)).status).toBe(404);
  });

  it('when a consenting young person has no connection with the officer\'s district, then 404', async () => {
    const elsewhere = (await givenOutOfAreaDistrict()).id;
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: elsewhere, dateOfBirth: '2008-11-20' });
    expect((await app.http().get(`/housing/young-people/${id}`).set('authorization', officer.auth)).status).toBe(404);
  });

  it('when a PA or an employer asks for the housing view, then 403 (it is for housing officers)', async () => {
    expect((await app.http().get(`/housing/young-people/${youngPersonId}`).set('authorization', adviser.auth)).status).toBe(403);
    expect((await app.http().get(`/housing/young-people/${youngPersonId}`).set('authorization', (await givenUser(app, 'employer')).auth)).status).toBe(403);
  });

  it('when a housing officer opens the record, then the read is audited with the fields shown', async () => {
    await app.http().get(`/housing/young-people/${youngPersonId}`).set('authorization', officer.auth);
    const trail = await app.http().get(`/young-people/${youngPersonId}/audit`).set('authorization', (await givenUser(app, 'admin')).auth);
    expect(trail.body).toContainEqual(expect.objectContaining({ actorUserId: officer.id, action: 'read', via: 'GET /housing/young-people/:id', fields: expect.arrayContaining(['dateOfBirth', 'accommodationCode']) }));
  });
});

describe('no forbidden fields anywhere a housing officer looks', () => {
  it('when the officer reads the early-application list and the applications, then none of the forbidden fields or values appear', async () => {
    const list = await earlyApplicationsOfDistrict(app, officer, districtId);
    expect(itemFor(list.body, youngPersonId)).toMatchObject({ urgent: true, urgentReasons: ['at_or_past_application_age', 'custody_release_near_18th_birthday'] });
    expectNothingForbidden(list.body);
    await startApplication(app, officer, youngPersonId, districtId);
    const applications = await app.http().get(`/young-people/${youngPersonId}/housing-applications`).set('authorization', officer.auth);
    expect(applications.status).toBe(200);
    expect(applications.body).toHaveLength(1);
    expectNothingForbidden(applications.body);
  });

  it("when a young person has applications in two districts, then each district's officer sees only their own", async () => {
    const second = (await givenDistrict({ withinCouncilArea: false })).id;
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, preferredDistrictIds: [second], dateOfBirth: '2007-01-10' });
    await startApplication(app, adviser, id, districtId);
    const other = await startApplication(app, adviser, id, second);
    const response = await app.http().get(`/young-people/${id}/housing-applications`).set('authorization', officer.auth);
    expect(response.body.map((application: { districtId: string }) => application.districtId)).toEqual([districtId]);
    expect((await app.http().get(`/housing-applications/${other.id}`).set('authorization', officer.auth)).status).toBe(404);
    const asAdviser = await app.http().get(`/young-people/${id}/housing-applications`).set('authorization', adviser.auth);
    expect(asAdviser.body).toHaveLength(2);
  });
});
