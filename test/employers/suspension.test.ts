import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const matchedOfferIds = async (youngPersonId: string): Promise<string[]> => {
  const response = await app.http().get(`/young-people/${youngPersonId}/matches`).set('authorization', adviser.auth);
  expect(response.status).toBe(200);
  return [...response.body.matches, ...response.body.nearMisses].map((match: { opportunity: { id: string } }) => match.opportunity.id);
};

describe('suspending an organisation', () => {
  it('when an organisation is suspended, then its offers leave the matches at once and referrals in progress stay with the PA', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const live = await givenOpenEmployerOffer(app, organisation, manager);
    const other = await givenOpenEmployerOffer(app, await givenOrganisation(app, manager, districtId), manager);
    const pending = (await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody())).body;
    await app.http().post(`/opportunities/${pending.id}/submit`).set('authorization', organisation.employer.auth);
    const draft = (await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody())).body;
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, interests: ['digital'] });
    const referral = (await app.http().post('/referrals').set('authorization', adviser.auth).send({ youngPersonId: person.id, opportunityId: live.id })).body;
    const second = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, interests: ['digital'] });
    expect(await matchedOfferIds(second.id)).toEqual(expect.arrayContaining([live.id, other.id]));

    const suspended = await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Safeguarding concern' });
    expect(suspended.status).toBe(200);

    const after = await matchedOfferIds(second.id);
    expect(after).not.toContain(live.id);
    expect(after).toContain(other.id);
    const offer = await app.http().get(`/opportunities/${live.id}`).set('authorization', adviser.auth);
    expect(offer.body).toMatchObject({ status: 'withdrawn', closedReason: 'organisation_suspended' });
    const pendingNow = await app.http().get(`/opportunities/${pending.id}`).set('authorization', manager.auth);
    expect(pendingNow.body).toMatchObject({ status: 'withdrawn', closedReason: 'organisation_suspended' });
    expect((await app.http().get(`/opportunities/${draft.id}`).set('authorization', manager.auth)).body.status).toBe('draft');

    const referralNow = await app.http().get(`/referrals/${referral.id}`).set('authorization', adviser.auth);
    expect(referralNow.status).toBe(200);
    expect(referralNow.body.stage).toBe('referred');
  });

  it('when an organisation is suspended, then its users cannot create or submit offers, and council staff cannot open them', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const draft = (await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody())).body;
    await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Under review' });
    // Suspension signs its users out (test/sign-in/suspended-organisation.test.ts), so they cannot act at all.
    const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody());
    expect(created.status).toBe(401);
    expect((await app.http().post(`/opportunities/${draft.id}/submit`).set('authorization', organisation.employer.auth)).status).toBe(401);
    expect((await app.http().post(`/opportunities/${draft.id}/approve`).set('authorization', manager.auth)).status).toBe(409);
  });
});
