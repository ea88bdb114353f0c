import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today is Monday 15 June 2026 in London.
let app: TestApp;
let manager: GivenUser;
let organisation: GivenOrganisation;
let other: GivenOrganisation;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  const districtId = (await givenDistrict()).id;
  organisation = await givenOrganisation(app, manager, districtId);
  other = await givenOrganisation(app, manager, districtId);
});
afterAll(async () => app.close());

const as = (user: GivenUser) => ({
  get: (path: string) => app.http().get(path).set('authorization', user.auth),
  post: (path: string, body?: object) => app.http().post(path).set('authorization', user.auth).send(body),
  patch: (path: string, body: object) => app.http().patch(path).set('authorization', user.auth).send(body),
  delete: (path: string) => app.http().delete(path).set('authorization', user.auth),
});

async function givenPendingOffer(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await as(organisation.employer).post('/opportunities', offerBody(overrides));
  expect(created.status).toBe(201);
  expect((await as(organisation.employer).post(`/opportunities/${created.body.id}/submit`)).body.status).toBe('pending_approval');
  return created.body.id as string;
}

const queue = async () => ((await as(manager).get('/opportunities?status=pending_approval&limit=500')).body.items as { id: string }[]).map((item) => item.id);

describe('an offer waiting for approval is frozen for the employer', () => {
  it('when the employer changes a pending offer, then 409 telling them to take it back to draft, and nothing changes', async () => {
    const id = await givenPendingOffer();
    const response = await as(organisation.employer).patch(`/opportunities/${id}`, { places: 3 });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/take it back to draft to change it/);
    expect((await as(manager).get(`/opportunities/${id}`)).body.places).toBe(2);
  });

  it('when the employer takes it back to draft, then it leaves the approval queue and can be changed and resubmitted', async () => {
    const id = await givenPendingOffer();
    expect(await queue()).toContain(id);
    const takenBack = await as(organisation.employer).post(`/opportunities/${id}/take-back`);
    expect(takenBack.body).toMatchObject({ status: 'draft', submittedAt: null });
    expect(await queue()).not.toContain(id);
    expect((await as(organisation.employer).patch(`/opportunities/${id}`, { places: 3 })).body.places).toBe(3);
    expect((await as(organisation.employer).post(`/opportunities/${id}/submit`)).body.status).toBe('pending_approval');
  });

  it('when a draft is taken back, or another organisation tries, then it is refused (409, 404)', async () => {
    const draft = await as(organisation.employer).post('/opportunities', offerBody());
    expect((await as(organisation.employer).post(`/opportunities/${draft.body.id}/take-back`)).status).toBe(409);
    const id = await givenPendingOffer();
    expect((await as(other.employer).post(`/opportunities/${id}/take-back`)).status).toBe(404);
  });
});

describe('after a send-back the reviewer sees what changed', () => {
  it('when the employer changes the wage and the places after a send-back, then council staff see exactly those fields; the employer does not get the list', async () => {
    const id = await givenPendingOffer();
    await as(manager).post(`/opportunities/${id}/send-back`, { reason: 'Say the yearly wage.' });
    expect((await as(manager).get(`/opportunities/${id}`)).body.changedSinceSendBack).toEqual([]);
    await as(organisation.employer).patch(`/opportunities/${id}`, { wageType: 'fixed', yearlyWagePence: 1_700_000, places: 2 });
    await as(organisation.employer).patch(`/opportunities/${id}`, { places: 4 });
    await as(organisation.employer).post(`/opportunities/${id}/submit`);
    const seen = await as(manager).get(`/opportunities/${id}`);
    expect(seen.body.changedSinceSendBack.sort()).toEqual(['places', 'wageType', 'yearlyWagePence']);
    expect((await as(organisation.employer).get(`/opportunities/${id}`)).body.changedSinceSendBack).toBeUndefined();
    const approved = await as(manager).post(`/opportunities/${id}/approve`);
    expect(approved.body.status).toBe('open');
    expect((await as(manager).get(`/opportunities/${id}`)).body.changedSinceSendBack).toEqual([]);
  });
});

describe('material changes to a live offer', () => {
  it.each([
    ['description', { description: 'A new short description that says rather different things about the job.' }],
    ['sharingNeeded', { sharingNeeded: 'none' }],
    ['benefitType', { benefitType: 'Laptop' }],
  ])('when the employer changes %s on a live offer, then it goes back for approval', async (_field, change) => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    expect((await as(organisation.employer).patch(`/opportunities/${offer.id}`, change)).body.status).toBe('pending_approval');
  });
});

describe('clone and delete', () => {
  it('when the employer clones a live offer, then a new draft with its details and none of its history', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager, { skills: ['Patience'], areas: ['education_employment_training', 'finance'] });
    const clone = await as(organisation.employer).post(`/opportunities/${offer.id}/clone`);
    expect(clone.status).toBe(201);
    expect(clone.body.id).not.toBe(offer.id);
    expect(clone.body).toMatchObject({ status: 'draft', title: offer.title, description: offer.description, skills: ['Patience'], areas: ['education_employment_training', 'finance'], organisationId: organisation.id, placesFilled: 0, approvedAt: null, submittedAt: null });
    expect((await as(organisation.employer).get(`/opportunities/${offer.id}`)).body.status).toBe('open');
    expect((await as(other.employer).post(`/opportunities/${offer.id}/clone`)).status).toBe(404);
  });

  it('when the employer deletes a draft, then it is gone (404 after); a pending or live offer, then 409 and kept', async () => {
    const draft = await as(organisation.employer).post('/opportunities', offerBody());
    expect((await as(other.employer).delete(`/opportunities/${draft.body.id}`)).status).toBe(404);
    expect((await as(organisation.employer).delete(`/opportunities/${draft.body.id}`)).status).toBe(204);
    expect((await as(organisation.employer).get(`/opportunities/${draft.body.id}`)).status).toBe(404);
    const pending = await givenPendingOffer();
    const refused = await as(organisation.employer).delete(`/opportunities/${pending}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/Only a draft can be deleted/);
    const live = await givenOpenEmployerOffer(app, organisation, manager);
    expect((await as(organisation.employer).delete(`/opportunities/${live.id}`)).status).toBe(409);
    expect((await as(manager).get(`/opportunities/${live.id}`)).body.status).toBe('open');
  });
});
