import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/users/roles.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let organisation: GivenOrganisation;
let otherOrganisation: GivenOrganisation;
let usersByRole: Record<Exclude<Role, 'employer' | 'young_person'>, GivenUser>;
let offerId: string;
let draftId: string;
let referralId: string;
let youngPerson: Record<string, unknown> & { id: string };
let homeDistrictId: string;

const NOTES = 'Looked after since 2015; placement breakdown in 2022';

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  const offerDistrictId = (await givenDistrict()).id;
  homeDistrictId = (await givenDistrict()).id;
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  usersByRole = {
    admin: await givenUser(app, 'admin'),
    manager,
    personal_adviser: adviser,
    housing_officer: await givenUser(app, 'housing_officer', { districtIds: [homeDistrictId] }),
  };
  organisation = await givenOrganisation(app, manager, offerDistrictId);
  otherOrganisation = await givenOrganisation(app, manager, offerDistrictId);
  offerId = (await givenOpenEmployerOffer(app, organisation, manager, { places: 5 })).id;
  draftId = (await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody())).body.id;
  youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId, employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: false, careHistoryNotes: NOTES, email: 'private@example.test', phone: '07700 900999' });
  referralId = (await app.http().post('/referrals').set('authorization', adviser.auth).send({ youngPersonId: youngPerson.id, opportunityId: offerId })).body.id;
});
afterAll(async () => app.close());

type Call = { method: 'get' | 'post' | 'patch'; path: () => string; body?: object };

/** Every endpoint an employer user works with, each on a record of `organisation`. */
const EMPLOYER_ENDPOINTS: Call[] = [
  { method: 'get', path: () => `/employer/referrals/${referralId}` },
  { method: 'post', path: () => `/employer/referrals/${referralId}/outcome`, body: { outcome: 'offer_made' } },
  { method: 'get', path: () => `/organisations/${organisation.id}` },
  { method: 'post', path: () => `/organisations/${organisation.id}/invitations`, body: { email: 'someone.new@example.test' } },
  { method: 'get', path: () => `/opportunities/${draftId}` },
  { method: 'patch', path: () => `/opportunities/${draftId}`, body: { description: 'x' } },
  { method: 'post', path: () => `/opportunities/${draftId}/submit` },
  { method: 'post', path: () => `/opportunities/${draftId}/withdraw` },
  { method: 'post', path: () => `/opportunities/${offerId}/close` },
  { method: 'post', path: () => `/opportunities/${offerId}/extend`, body: { closingDate: '2026-08-20' } },
];
/** Employer-only endpoints: no other role has them. */
const EMPLOYER_ONLY: Call[] = [{ method: 'get', path: () => '/employer/referrals' }, ...EMPLOYER_ENDPOINTS.slice(0, 2), EMPLOYER_ENDPOINTS[3]!];
/** Council staff only. */
const COUNCIL_ONLY: Call[] = [
  { method: 'get', path: () => '/organisations' },
  { method: 'post', path: () => `/organisations/${otherOrganisation.id}/approve` },
  { method: 'post', path: () => `/organisations/${otherOrganisation.id}/suspend`, body: { reason: 'Testing' } },
  { method: 'get', path: () => '/employer-incentives' },
  { method: 'post', path: () => `/opportunities/${draftId}/approve` },
  { method: 'post', path: () => `/opportunities/${draftId}/send-back`, body: { reason: 'Testing' } },
];

const call = (c: Call, user?: GivenUser) => {
  const request = app.http()[c.method](c.path());
  if (user) request.set('authorization', user.auth);
  return c.body ? request.send(c.body) : request;
};
const describeCall = (c: Call) => `${c.method.toUpperCase()} ${c.path.toString().replace(/^\(\) => /, '')}`;

describe('employer endpoints refuse everyone else', () => {
  it.each(EMPLOYER_ONLY.map((c) => [describeCall(c), c] as const))('when %s is called without a session, then 401', async (_name, c) => {
    expect((await call(c)).status).toBe(401);
  });

  it.each((['admin', 'manager', 'personal_adviser', 'housing_officer'] as const).flatMap((role) => EMPLOYER_ONLY.map((c) => [role, describeCall(c), c] as const)))(
    'when a %s calls %s, then 403',
    async (role, _name, c) => {
      expect((await call(c, usersByRole[role])).status).toBe(403);
    },
  );

  it.each(EMPLOYER_ENDPOINTS.map((c) => [describeCall(c), c] as const))('when another organisation\'s user calls %s, then 404', async (_name, c) => {
    expect((await call(c, otherOrganisation.employer)).status).toBe(404);
  });

  it('when another organisation\'s user lists referrals or offers, then theirs are not among them', async () => {
    expect((await call({ method: 'get', path: () => '/employer/referrals' }, otherOrganisation.employer)).body.total).toBe(0);
    const offers = await call({ method: 'get', path: () => '/opportunities' }, otherOrganisation.employer);
    expect(offers.body.items.map((item: { id: string }) => item.id)).not.toContain(offerId);
  });

  it.each(COUNCIL_ONLY.map((c) => [describeCall(c), c] as const))('when an employer calls %s, then 403', async (_name, c) => {
    expect((await call(c, organisation.employer)).status).toBe(403);
  });

  it.each(COUNCIL_ONLY.map((c) => [describeCall(c), c] as const))('when a PA calls %s, then 403', async (_name, c) => {
    expect((await call(c, adviser)).status).toBe(403);
  });

  it('when a PA marks an incentive claimed, then 403; when an employer marks one they may not see (another organisation\'s, or no consent to know), then 404', async () => {
    const claimed = { method: 'post', path: () => `/employer-incentives/${referralId}/claimed` } as const;
    expect((await call(claimed, adviser)).status).toBe(403);
    expect((await call(claimed, otherOrganisation.employer)).status).toBe(404);
    expect((await call(claimed, organisation.employer)).status).toBe(404);
  });
});

describe('what an employer reads never identifies a young person who shares an anonymous profile', () => {
  const FORBIDDEN_KEYS = /"(name|firstName|lastName|preferredName|dateOfBirth|age|homeDistrictId|preferredDistrictIds|district|personalAdviser|personalAdviserId|careHistoryNotes|careStatus|legalCategory|email|phone|youngPersonId|team)"\s*:/;

  it('when the employer reads every employer-facing response, then none holds the fields or values it must not', async () => {
    const responses = [
      await call({ method: 'get', path: () => '/employer/referrals' }, organisation.employer),
      await call({ method: 'get', path: () => `/employer/referrals/${referralId}` }, organisation.employer),
      await call({ method: 'get', path: () => `/employer/referrals?opportunityId=${offerId}` }, organisation.employer),
      await call({ method: 'post', path: () => `/employer/referrals/${referralId}/outcome`, body: { outcome: 'informal_meeting_held' } }, organisation.employer),
    ];
    for (const response of responses) expect(response.status).toBe(200);
    const values = [String(youngPerson.firstName), String(youngPerson.lastName), String(youngPerson.dateOfBirth), homeDistrictId, adviser.id, adviser.name, NOTES, 'care_leaver', 'former_relevant', 'private@example.test', '07700 900999', youngPerson.id];
    for (const response of responses) {
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(FORBIDDEN_KEYS);
      for (const value of values) expect(text).not.toContain(value);
    }
    const others = [
      await call({ method: 'get', path: () => '/opportunities' }, organisation.employer),
      await call({ method: 'get', path: () => `/opportunities/${offerId}` }, organisation.employer),
      await call({ method: 'get', path: () => `/organisations/${organisation.id}` }, organisation.employer),
    ];
    for (const response of others) {
      const text = JSON.stringify(response.body);
      for (const value of values) expect(text).not.toContain(value);
    }
  });
});
