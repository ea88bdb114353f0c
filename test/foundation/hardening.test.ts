import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, givenYoungPerson, TEST_PASSWORD, youngPersonBody, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, moveStage } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let admin: GivenUser;
let manager: GivenUser;
let adviser: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
  manager = await givenUser(app, 'manager', { team: 'hardening-team' });
  adviser = await givenUser(app, 'personal_adviser', { team: 'hardening-team' });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

describe('no copies of signed-in answers in caches', () => {
  it('when a request carries a session, or signs in, then Cache-Control is no-store, whatever the outcome', async () => {
    expect((await app.http().get('/auth/me').set('authorization', adviser.auth)).headers['cache-control']).toBe('no-store');
    expect((await app.http().get('/young-people').set('authorization', adviser.auth)).headers['cache-control']).toBe('no-store');
    expect((await app.http().get('/young-people/0123456789abcdef01234567').set('authorization', adviser.auth)).headers['cache-control']).toBe('no-store');
    expect((await app.http().post('/auth/login').send({ email: adviser.email, password: TEST_PASSWORD })).headers['cache-control']).toBe('no-store');
    expect((await app.http().post('/auth/login').send({ email: adviser.email, password: 'wrong password' })).headers['cache-control']).toBe('no-store');
  });

  it('when a public, credential-free document is fetched, then it may be cached', async () => {
    expect((await app.root().get('/healthz')).headers['cache-control']).toBeUndefined();
  });
});

describe('audit entries carry the server\'s request id', () => {
  it('when a client sends its own X-Request-Id, then the audit entry has ours as requestId and theirs only as correlationId', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    const clientId = 'client-chosen-id-0001';
    const first = await app.http().get(`/young-people/${person.id}`).set('authorization', adviser.auth).set('x-request-id', clientId);
    const second = await app.http().get(`/young-people/${person.id}`).set('authorization', adviser.auth).set('x-request-id', clientId);
    expect(first.headers['x-request-id']).not.toBe(clientId);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);

    const trail = await app.http().get(`/young-people/${person.id}/audit`).set('authorization', manager.auth);
    const reads = (trail.body as { requestId: string; correlationId: string | null; action: string }[]).filter((entry) => entry.correlationId === clientId);
    expect(reads.map((entry) => entry.requestId).sort()).toEqual([first.headers['x-request-id'], second.headers['x-request-id']].sort());
    expect(reads.every((entry) => entry.action === 'read')).toBe(true);
  });

  it('when a client sends no X-Request-Id, then the correlation id is empty and the request id is still ours', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    const read = await app.http().get(`/young-people/${person.id}`).set('authorization', adviser.auth);
    const trail = await app.http().get(`/young-people/${person.id}/audit`).set('authorization', manager.auth);
    expect(trail.body.find((entry: { requestId: string }) => entry.requestId === read.headers['x-request-id'])).toMatchObject({ correlationId: null, action: 'read' });
  });
});

describe('names and free text', () => {
  const refusedTexts = {
    'a right-to-left override': 'Alice\u202Eecila',
    'a first-strong isolate': 'Bob\u2068x\u2069',
    'a right-to-left mark': 'Cara\u200F',
    'a bell': 'Dan\u0007',
    'a NUL': 'Eve\u0000',
    'a tab': 'Fay\tSmith',
    'a C1 control': 'Gus\u0085',
  };
  for (const [what, text] of Object.entries(refusedTexts)) {
    it(`when a young person's name holds ${what}, then 400 names the field and nothing is created`, async () => {
      const response = await app.http().post('/young-people').set('authorization', adviser.auth).send(youngPersonBody({ homeDistrictId: districtId, firstName: text }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'firstName', message: expect.stringMatching(/control characters or text-direction overrides/) })]);
    });
  }

  it('when a name is typed with a combining accent, then it is stored in NFC, the same as the precomposed form', async () => {
    const decomposed = 'Zoe\u0301 Rene\u0301e';
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, firstName: decomposed, lastName: '  Nun\u0303ez ' });
    expect(person.firstName).toBe('Zo\u00e9 Ren\u00e9e');
    expect(person.lastName).toBe('Nu\u00f1ez');
  });

  it('when free text runs over several lines, then line breaks are kept; a bidi override in it is refused', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    const opening = await givenOpenOpportunity({ districtId, places: 3 });
    const ok = await app.http().post('/referrals').set('authorization', adviser.auth).send({ youngPersonId: person.id, opportunityId: opening.id, note: 'First line\nSecond line' });
    expect(ok.status).toBe(201);
    const other = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    const refused = await app.http().post('/referrals').set('authorization', adviser.auth).send({ youngPersonId: other.id, opportunityId: opening.id, note: 'Looks fine \u202Egnp.exe' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('note');
  });

  it('when an account, an organisation or an offer is named with an override, then 400 for each', async () => {
    const user = await app.http().post('/users').set('authorization', admin.auth).send({ email: 'bidi-user@example.test', name: 'Ann\u202Eeht', role: 'admin', password: 'long enough password' });
    expect(user.status).toBe(400);
    expect(user.body.errors[0].path).toBe('name');
    const organisation = await givenOrganisation(app, admin, districtId);
    const renamed = await app.http().patch(`/organisations/${organisation.id}`).set('authorization', organisation.employer.auth).send({ name: 'Acme\u2066 Ltd' });
    expect(renamed.status).toBe(400);
    const offer = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send({ kind: 'work_experience', title: 'Week \u202Eof work', places: 1, closingDate: '2026-08-01', description: 'x' });
    expect(offer.status).toBe(400);
    expect(JSON.stringify(offer.body.errors)).toContain('title');
  });
});

describe('creating an account for an organisation', () => {
  it('when the organisationId does not exist, then 400 names it and no account is created', async () => {
    const email = 'ghost-employer@example.test';
    const response = await app.http().post('/users').set('authorization', admin.auth).send({ email, name: 'Ghost Employer', role: 'employer', organisationId: '0123456789abcdef01234567', password: 'long enough password' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'organisationId' })]);
    const list = await app.http().get('/users?role=employer').set('authorization', admin.auth);
    expect(list.body.map((user: { email: string }) => user.email)).not.toContain(email);
  });

  it('when the organisation exists, then 201', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const response = await app.http().post('/users').set('authorization', admin.auth).send({ email: 'real-employer@example.test', name: 'Real Employer', role: 'employer', organisationId: organisation.id, password: 'long enough password' });
    expect(response.status).toBe(201);
  });
});

describe('a referral stage\'s date', () => {
  it('when an event date is before the day the referral was made, then 409 says so; the same day or later is fine', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    const opening = await givenOpenOpportunity({ districtId, places: 3 });
    const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: opening.id });
    const before = await moveStage(app, adviser, referral.id, { stage: 'informal_meeting', eventDate: '2026-06-14' });
    expect(before.status).toBe(409);
    expect(before.body.detail).toMatch(/before the referral was made/);
    expect((await app.http().get(`/referrals/${referral.id}`).set('authorization', adviser.auth)).body.stage).toBe('referred');
    expect((await moveStage(app, adviser, referral.id, { stage: 'informal_meeting', eventDate: '2026-06-15' })).status).toBe(200);
  });
});
