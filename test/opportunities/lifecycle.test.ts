import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today is Monday 15 June 2026 in London.
let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let organisation: GivenOrganisation;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  districtId = (await givenDistrict()).id;
  organisation = await givenOrganisation(app, manager, districtId);
});
afterAll(async () => app.close());

const as = (user: GivenUser) => ({
  get: (path: string) => app.http().get(path).set('authorization', user.auth),
  post: (path: string, body?: object) => app.http().post(path).set('authorization', user.auth).send(body),
  patch: (path: string, body: object) => app.http().patch(path).set('authorization', user.auth).send(body),
});

describe('who creates which offers', () => {
  it('when an employer creates an offer, then it is a draft of their organisation under its name', async () => {
    const response = await as(organisation.employer).post('/opportunities', offerBody());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'draft', organisationId: organisation.id, providerName: organisation.name, ringFenced: false });
  });

  it('when an employer tries a ring-fenced apprenticeship, publishing at once, or another organisation, then 403', async () => {
    const other = await givenOrganisation(app, manager, districtId);
    expect((await as(organisation.employer).post('/opportunities', offerBody({ kind: 'ring_fenced_apprenticeship' }))).status).toBe(403);
    expect((await as(organisation.employer).post('/opportunities', offerBody({ publish: true }))).status).toBe(403);
    expect((await as(organisation.employer).post('/opportunities', offerBody({ organisationId: other.id }))).status).toBe(403);
  });

  it('when council staff create a ring-fenced apprenticeship and publish it, then it is open, ring-fenced and the council\'s own', async () => {
    const response = await as(manager).post('/opportunities', offerBody({ kind: 'ring_fenced_apprenticeship', providerName: 'County Council', publish: true }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'open', ringFenced: true, organisationId: null, providerName: 'County Council' });
    const listed = await as(adviser).get('/opportunities?ringFenced=true');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(response.body.id);
  });

  it('when council staff create a ring-fenced apprenticeship for an organisation, then 400', async () => {
    const response = await as(manager).post('/opportunities', offerBody({ kind: 'ring_fenced_apprenticeship', organisationId: organisation.id }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('organisationId');
  });

  it('when a PA or housing officer tries to create an offer, then 403', async () => {
    const housing = await givenUser(app, 'housing_officer', { districtIds: [districtId] });
    expect((await as(adviser).post('/opportunities', offerBody())).status).toBe(403);
    expect((await as(housing).post('/opportunities', offerBody())).status).toBe(403);
  });
});

describe('approval: submit, send back with a reason, resubmit, approve', () => {
  it('when an offer goes through the whole approval path, then only the approved one reaches PAs', async () => {
    const { body: draft } = await as(organisation.employer).post('/opportunities', offerBody({ title: 'Data apprentice' }));
    const submitted = await as(organisation.employer).post(`/opportunities/${draft.id}/submit`);
    expect(submitted.body.status).toBe('pending_approval');
    expect((await as(adviser).get(`/opportunities/${draft.id}`)).status).toBe(404);
    const pending = await as(manager).get('/opportunities?status=pending_approval');
    expect(pending.body.items.map((item: { id: string }) => item.id)).toContain(draft.id);

    expect((await as(organisation.employer).post(`/opportunities/${draft.id}/approve`)).status).toBe(403);
    const sentBack = await as(manager).post(`/opportunities/${draft.id}/send-back`, { reason: 'Say what the wage is per year.' });
    expect(sentBack.body).toMatchObject({ status: 'draft', sentBackReason: 'Say what the wage is per year.' });
    const seenByEmployer = await as(organisation.employer).get(`/opportunities/${draft.id}`);
    expect(seenByEmployer.body.sentBackReason).toBe('Say what the wage is per year.');

    // £16,000 / 52 / 37.5 hours = £8.21 an hour: above the £8.00 apprentice minimum for a September 2026 start.
    expect((await as(organisation.employer).patch(`/opportunities/${draft.id}`, { yearlyWagePence: 1_600_000 })).status).toBe(200);
    const resubmitted = await as(organisation.employer).post(`/opportunities/${draft.id}/submit`);
    expect(resubmitted.body).toMatchObject({ status: 'pending_approval', sentBackReason: null });
    const approved = await as(manager).post(`/opportunities/${draft.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'open', yearlyWagePence: 1_600_000 });
    const listed = await as(adviser).get('/opportunities');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(draft.id);
  });

  it('when the organisation is not yet approved, then its offer cannot be approved', async () => {
    const unapproved = await givenOrganisation(app, manager, districtId, { approved: false });
    const { body: draft } = await as(unapproved.employer).post('/opportunities', offerBody());
    await as(unapproved.employer).post(`/opportunities/${draft.id}/submit`);
    const response = await as(manager).post(`/opportunities/${draft.id}/approve`);
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/organisation is not approved/);
  });

  it('when a draft is approved or sent back, then 409 says only a pending offer can be', async () => {
    const { body: draft } = await as(organisation.employer).post('/opportunities', offerBody());
    const response = await as(manager).post(`/opportunities/${draft.id}/send-back`, { reason: 'Not yet' });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/only an offer that is pending approval can/);
  });

  it('when another organisation\'s user acts on an offer, then 404', async () => {
    const other = await givenOrganisation(app, manager, districtId);
    const { body: draft } = await as(organisation.employer).post('/opportunities', offerBody());
    expect((await as(other.employer).get(`/opportunities/${draft.id}`)).status).toBe(404);
    expect((await as(other.employer).patch(`/opportunities/${draft.id}`, { title: 'Mine now' })).status).toBe(404);
    expect((await as(other.employer).post(`/opportunities/${draft.id}/submit`)).status).toBe(404);
    const listed = await as(other.employer).get('/opportunities');
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(draft.id);
  });
});

describe('refusals with clear errors', () => {
  it.each([
    ['2026-06-14', 400],
    ['2026-06-15', 201],
  ])('when the closing date is %s (today 2026-06-15), then %i', async (closingDate, status) => {
    const response = await as(organisation.employer).post('/opportunities', offerBody({ closingDate, startDate: '2026-09-01' }));
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.errors).toEqual([{ path: 'closingDate', message: expect.stringMatching(/must not be in the past/) }]);
  });

  it.each([
    ['2026-07-30', 400],
    ['2026-07-31', 400],
    ['2026-08-01', 201],
  ])('when the start date is %s and the closing date 2026-07-31, then %i', async (startDate, status) => {
    const response = await as(organisation.employer).post('/opportunities', offerBody({ closingDate: '2026-07-31', startDate }));
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body.errors[0].path).toBe('startDate');
  });

  it('when the minimum age is above the maximum, then 400; equal, then 201', async () => {
    expect((await as(organisation.employer).post('/opportunities', offerBody({ minAgeAtStart: 19, maxAgeAtStart: 18 }))).status).toBe(400);
    expect((await as(organisation.employer).post('/opportunities', offerBody({ minAgeAtStart: 18, maxAgeAtStart: 18 }))).status).toBe(201);
  });

  it('when places would drop below those already filled, then 409; equal, then 200', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager, { places: 3 });
    await OpportunityModel.updateOne({ _id: offer.id }, { $set: { placesFilled: 2 } });
    const fewer = await as(manager).patch(`/opportunities/${offer.id}`, { places: 1 });
    expect(fewer.status).toBe(409);
    expect(fewer.body.detail).toMatch(/2 places are already filled/);
    expect((await as(manager).patch(`/opportunities/${offer.id}`, { places: 2 })).status).toBe(200);
  });

  it.each(['close', 'withdraw'])('when an offer was %s, then editing it is refused with 409', async (action) => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    expect((await as(organisation.employer).post(`/opportunities/${offer.id}/${action}`)).status).toBe(200);
    const response = await as(organisation.employer).patch(`/opportunities/${offer.id}`, { description: 'Changed' });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/can no longer be changed/);
  });

  it('when an offer is filled, then editing it is refused with 409', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    await OpportunityModel.updateOne({ _id: offer.id }, { $set: { status: 'filled' } });
    expect((await as(manager).patch(`/opportunities/${offer.id}`, { title: 'Another title' })).status).toBe(409);
  });

  it('when an unknown field is sent, then 400 names it', async () => {
    const response = await as(organisation.employer).post('/opportunities', offerBody({ salary: 'lots' }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('salary');
  });
});

describe('changes to a live employer offer', () => {
  it.each([
    ['title', { title: 'A different job' }],
    ['places', { places: 5 }],
    ['start date', { startDate: '2026-10-01' }],
    ['wage', { yearlyWagePence: 2_000_000 }],
    ['requirements', { requiredQualifications: [{ subject: 'English', level: 2 }] }],
    ['description', { description: 'Now with a mentor from the first day, and a day a week at the local college.' }],
    ['sharing needed', { sharingNeeded: 'name_and_contact' }],
    ['benefit type', { benefitType: 'Travel card' }],
  ])('when the %s changes, then the offer goes back to pending approval and leaves PA lists', async (_field, change) => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    const response = await as(organisation.employer).patch(`/opportunities/${offer.id}`, change);
    expect(response.body.status).toBe('pending_approval');
    const listed = await as(adviser).get('/opportunities');
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(offer.id);
  });

  it('when a material field is sent unchanged, then it stays open', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    expect((await as(organisation.employer).patch(`/opportunities/${offer.id}`, { title: offer.title, requiredQualifications: [{ subject: 'Maths', level: 2 }] })).body.status).toBe('open');
  });

  it('when council staff change a live offer materially, then it stays open (they are the approvers)', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    expect((await as(manager).patch(`/opportunities/${offer.id}`, { title: 'Corrected title' })).body.status).toBe('open');
  });

  it('when the employer extends the closing date, then it stays open; an earlier date, then 400', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager, { closingDate: '2026-07-31', startDate: '2026-09-01' });
    const extended = await as(organisation.employer).post(`/opportunities/${offer.id}/extend`, { closingDate: '2026-08-15' });
    expect(extended.body).toMatchObject({ status: 'open', closingDate: '2026-08-15' });
    expect((await as(organisation.employer).post(`/opportunities/${offer.id}/extend`, { closingDate: '2026-08-10' })).status).toBe(400);
    expect((await as(organisation.employer).post(`/opportunities/${offer.id}/extend`, { closingDate: '2026-09-01' })).status).toBe(400); // not before the start
  });

  it('when the employer closes early, then it is closed by hand; closing again, then 409', async () => {
    const offer = await givenOpenEmployerOffer(app, organisation, manager);
    const closed = await as(organisation.employer).post(`/opportunities/${offer.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: 'by_hand' });
    expect((await as(organisation.employer).post(`/opportunities/${offer.id}/close`)).status).toBe(409);
    const extendClosed = await as(organisation.employer).post(`/opportunities/${offer.id}/extend`, { closingDate: '2026-08-20' });
    expect(extendClosed.status).toBe(409);
    expect(extendClosed.body.detail).toBe("This offer is closed, so its closing date cannot be extended: only an open offer's can.");
  });
});
