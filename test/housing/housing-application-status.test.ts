import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUSING_APPLICATION_TRANSITIONS, type HousingApplicationStatus } from '../../src/housing/housing-application-statuses.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { changeStatus, givenCareLeaver, givenHousingOfficer, startApplication, statusBody } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

const TODAY = '2026-06-15';
let app: TestApp;
let adviser: GivenUser;
let admin: GivenUser;
let homeDistrictId: string;
let youngPersonId: string;

beforeAll(async () => {
  app = await startTestApp({ now: `${TODAY}T09:00:00.000Z` });
  adviser = await givenUser(app, 'personal_adviser');
  admin = await givenUser(app, 'admin');
  homeDistrictId = (await givenDistrict()).id;
  // 19 today, so the under-18 guarantor rule does not apply to these transitions.
  youngPersonId = (await givenCareLeaver(app, adviser, { homeDistrictId, dateOfBirth: '2007-01-10' })).id;
});
afterAll(async () => app.close());

/** How to bring a new application to each status through the API (an offer needs registration first). */
const PATH_TO: Record<HousingApplicationStatus, HousingApplicationStatus[]> = {
  not_started: [],
  eligible_to_apply: ['eligible_to_apply'],
  application_submitted: ['application_submitted'],
  registered: ['application_submitted', 'registered'],
  interim_or_supported_accommodation: ['application_submitted', 'registered', 'interim_or_supported_accommodation'],
  offer_made: ['application_submitted', 'registered', 'offer_made'],
  housed: ['application_submitted', 'registered', 'offer_made', 'housed'],
  refused: ['application_submitted', 'refused'],
  closed: ['closed'],
};

async function applicationAt(status: HousingApplicationStatus, as = adviser, ofYoungPerson = youngPersonId): Promise<string> {
  const districtId = (await givenDistrict()).id;
  const { id } = await startApplication(app, as, ofYoungPerson, districtId);
  for (const step of PATH_TO[status]) {
    const response = await changeStatus(app, as, id, statusBody(step, TODAY));
    expect(response.status, `${step}: ${JSON.stringify(response.body)}`).toBe(200);
  }
  return id;
}

const ALLOWED = Object.entries(HOUSING_APPLICATION_TRANSITIONS).flatMap(([from, targets]) => targets.map((to) => [from, to] as [HousingApplicationStatus, HousingApplicationStatus]));

describe('housing application status transitions', () => {
  it('when a PA starts an application, then it is not started, with a dated and attributed first history entry', async () => {
    const districtId = (await givenDistrict()).id;
    const created = await app.http().post(`/young-people/${youngPersonId}/housing-applications`).set('authorization', adviser.auth).send({ districtId });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ youngPersonId, districtId, status: 'not_started', allowedNextStatuses: ['eligible_to_apply', 'application_submitted', 'closed'] });
    expect(created.body.history).toEqual([{ status: 'not_started', at: `${TODAY}T09:00:00.000Z`, byUserId: adviser.id, byRole: 'personal_adviser', date: null, reason: null }]);
  });

  it('when a second application is started for the same district, then 409 names the existing one', async () => {
    const districtId = (await givenDistrict()).id;
    const first = await startApplication(app, adviser, youngPersonId, districtId);
    const second = await app.http().post(`/young-people/${youngPersonId}/housing-applications`).set('authorization', adviser.auth).send({ districtId });
    expect(second.status).toBe(409);
    expect(second.body.details.applicationId).toBe(first.id);
  });

  it.each(ALLOWED)('when the application is %s and moves to %s, then 200 and the step is recorded', async (from, to) => {
    const id = await applicationAt(from);
    const response = await changeStatus(app, adviser, id, statusBody(to, TODAY));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.status).toBe(to);
    expect(response.body.history.at(-1)).toMatchObject({ status: to, byUserId: adviser.id, byRole: 'personal_adviser' });
    expect(response.body.history).toHaveLength(PATH_TO[from].length + 2);
  });

  it('when the whole journey is walked, then each step keeps its facts: submission, registration, accommodation, offer, tenancy', async () => {
    const id = await applicationAt('housed');
    const response = await app.http().get(`/housing-applications/${id}`).set('authorization', adviser.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'housed',
      submittedDate: TODAY,
      registration: { reference: 'HR-1234', bandOrPriority: 'Band B', localConnection: true, priorityDate: TODAY },
      offerDate: TODAY,
      tenancyStartDate: TODAY,
      allowedNextStatuses: ['closed'],
    });
    expect(response.body.history.map((entry: { status: string }) => entry.status)).toEqual(['not_started', 'application_submitted', 'registered', 'offer_made', 'housed']);
  });
});

describe('refused transitions', () => {
  it('when someone is recorded as housed before an application was submitted, then 409 says what housed must follow', async () => {
    const id = await applicationAt('not_started');
    const response = await changeStatus(app, adviser, id, statusBody('housed', TODAY));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('rule_violation');
    expect(response.body.detail).toBe('Cannot move this housing application from "not started" to "housed": "housed" can only follow "offer made". From "not started" it can move to: eligible to apply, application submitted, closed.');
    const after = await app.http().get(`/housing-applications/${id}`).set('authorization', adviser.auth);
    expect(after.body.status).toBe('not_started');
    expect(after.body.history).toHaveLength(1);
  });

  it.each([
    ['not_started', 'registered'],
    ['not_started', 'offer_made'],
    ['eligible_to_apply', 'housed'],
    ['application_submitted', 'offer_made'],
    ['application_submitted', 'housed'],
    ['registered', 'housed'],
    ['housed', 'offer_made'],
    ['refused', 'housed'],
    ['closed', 'housed'],
    ['registered', 'registered'],
  ] as [HousingApplicationStatus, HousingApplicationStatus][])('when the application is %s and is moved to %s, then 409 and nothing changes', async (from, to) => {
    const id = await applicationAt(from);
    const response = await changeStatus(app, adviser, id, statusBody(to, TODAY));
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/Cannot move|already/);
    const after = await app.http().get(`/housing-applications/${id}`).set('authorization', adviser.auth);
    expect(after.body.status).toBe(from);
  });

  it('when an offer is recorded after interim accommodation but without registration, then 409 asks for the registration first', async () => {
    const districtId = (await givenDistrict()).id;
    const { id } = await startApplication(app, adviser, youngPersonId, districtId);
    await changeStatus(app, adviser, id, statusBody('application_submitted', TODAY));
    await changeStatus(app, adviser, id, statusBody('interim_or_supported_accommodation', TODAY));
    const response = await changeStatus(app, adviser, id, statusBody('offer_made', TODAY));
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/registered application/);
  });

  it('when a submission date is tomorrow, then 400 names the field', async () => {
    const id = await applicationAt('not_started');
    const response = await changeStatus(app, adviser, id, { status: 'application_submitted', submittedDate: '2026-06-16' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'submittedDate', message: expect.stringMatching(/future/) }]);
  });

  it('when a step is missing its facts or has unknown fields, then 400', async () => {
    const id = await applicationAt('application_submitted');
    expect((await changeStatus(app, adviser, id, { status: 'registered', reference: 'R1' })).status).toBe(400);
    expect((await changeStatus(app, adviser, id, { status: 'refused' })).status).toBe(400);
    expect((await changeStatus(app, adviser, id, { status: 'refused', reason: 'No local connection', colour: 'red' })).status).toBe(400);
    expect((await changeStatus(app, adviser, id, { status: 'moved_to_mars' })).status).toBe(400);
  });

  it('when eight people record the same registration at the same moment, then exactly one is applied and the others get 409', async () => {
    const id = await applicationAt('application_submitted');
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => changeStatus(app, i % 2 ? admin : adviser, id, statusBody('registered', TODAY))));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const after = await app.http().get(`/housing-applications/${id}`).set('authorization', adviser.auth);
    expect(after.body.history.map((entry: { status: string }) => entry.status)).toEqual(['not_started', 'application_submitted', 'registered']);
  });
});

describe('a guarantor or trustee plan for under-18s', () => {
  // Born 10 June 2008: 18 on 10 June 2026, so 9 June is the last day they are 17.
  let under18Id: string;
  beforeAll(async () => {
    under18Id = (await givenCareLeaver(app, adviser, { homeDistrictId, dateOfBirth: '2008-06-10' })).id;
  });

  async function freshApplication(): Promise<string> {
    return (await startApplication(app, adviser, under18Id, (await givenDistrict()).id)).id;
  }

  it('when submitted the day before the 18th birthday without a plan, then 409 explains that under-18s cannot hold a tenancy alone', async () => {
    const response = await changeStatus(app, adviser, await freshApplication(), { status: 'application_submitted', submittedDate: '2026-06-09' });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/under 18 on the submission date.*guarantor or trustee plan/);
    expect(response.body.details).toEqual({ path: 'guarantorPlan' });
  });

  it('when submitted the day before the 18th birthday with a trustee plan, then the plan is recorded', async () => {
    const plan = { kind: 'trustee', details: 'Leaving care team holds the tenancy on trust until 18' };
    const response = await changeStatus(app, adviser, await freshApplication(), { status: 'application_submitted', submittedDate: '2026-06-09', guarantorPlan: plan });
    expect(response.status).toBe(200);
    expect(response.body.guarantorPlan).toEqual(plan);
  });

  it('when submitted on the 18th birthday without a plan, then it is accepted', async () => {
    const response = await changeStatus(app, adviser, await freshApplication(), { status: 'application_submitted', submittedDate: '2026-06-10' });
    expect(response.status).toBe(200);
    expect(response.body.guarantorPlan).toBeNull();
  });
});

describe('who may update', () => {
  it('when the district housing officer updates an application of a consenting young person, then the change is attributed to them', async () => {
    const districtId = (await givenDistrict()).id;
    const consenting = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-10', shareWithHousing: true });
    const officer = await givenHousingOfficer(app, [districtId]);
    const { id } = await startApplication(app, adviser, consenting.id, districtId);
    const response = await changeStatus(app, officer, id, statusBody('application_submitted', TODAY));
    expect(response.status).toBe(200);
    expect(response.body.history.at(-1)).toMatchObject({ status: 'application_submitted', byUserId: officer.id, byRole: 'housing_officer', date: TODAY });
  });

  it('when a housing officer of another district or a PA of another caseload tries, then 404 and nothing changes', async () => {
    const districtId = (await givenDistrict()).id;
    const consenting = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-10', shareWithHousing: true });
    const { id } = await startApplication(app, adviser, consenting.id, districtId);
    const otherOfficer = await givenHousingOfficer(app, [(await givenDistrict({ withinCouncilArea: false })).id]);
    const otherAdviser = await givenUser(app, 'personal_adviser');
    expect((await changeStatus(app, otherOfficer, id, statusBody('application_submitted', TODAY))).status).toBe(404);
    expect((await changeStatus(app, otherAdviser, id, statusBody('application_submitted', TODAY))).status).toBe(404);
    expect((await app.http().get(`/housing-applications/${id}`).set('authorization', otherOfficer.auth)).status).toBe(404);
  });

  it('when a young person has not agreed to share with housing, then even their home district housing officer gets 404', async () => {
    const districtId = (await givenDistrict()).id;
    const private_ = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-10', shareWithHousing: false });
    const officer = await givenHousingOfficer(app, [districtId]);
    const { id } = await startApplication(app, adviser, private_.id, districtId);
    expect((await changeStatus(app, officer, id, statusBody('application_submitted', TODAY))).status).toBe(404);
    expect((await app.http().get(`/young-people/${private_.id}/housing-applications`).set('authorization', officer.auth)).status).toBe(404);
    expect((await app.http().post(`/young-people/${private_.id}/housing-applications`).set('authorization', officer.auth).send({ districtId })).status).toBe(404);
  });

  it('when applications are read, listed and changed, then each is in the audit trail as housing_application', async () => {
    const id = await applicationAt('application_submitted');
    await app.http().get(`/housing-applications/${id}`).set('authorization', adviser.auth);
    await app.http().get(`/young-people/${youngPersonId}/housing-applications`).set('authorization', adviser.auth);
    const trail = await app.http().get(`/young-people/${youngPersonId}/audit`).set('authorization', admin.auth);
    const housing = trail.body.filter((entry: { resource: string; resourceId: string | null }) => entry.resource === 'housing_application');
    expect(housing.filter((entry: { resourceId: string }) => entry.resourceId === id).map((entry: { action: string }) => entry.action).sort()).toEqual(['create', 'read', 'update']);
    expect(housing.some((entry: { action: string; via: string }) => entry.action === 'list' && entry.via === 'GET /young-people/:id/housing-applications')).toBe(true);
  });
});

describe('the API document', () => {
  it('when the OpenAPI document is built, then it describes the housing endpoints and each status body', async () => {
    const response = await app.http().get('/openapi.json');
    expect(response.status).toBe(200);
    const paths = Object.keys(response.body.paths ?? {});
    expect(paths.some((path) => path.includes('/housing-applications/') && path.endsWith('/status'))).toBe(true);
    expect(JSON.stringify(response.body)).toContain('guarantorPlan');
  });
});
