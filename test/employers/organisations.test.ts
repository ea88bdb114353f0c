import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneTimeTokenModel, OrganisationModel } from '../../src/employers/organisations.model.js';
import { TEST_PASSWORD, givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { givenOrganisation, lastLinkToken, logIn, mailsTo, registrationBody } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const register = (body: object) => app.http().post('/organisations/register').send(body);

describe('registering an organisation and verifying the first user', () => {
  it('when an organisation registers, then it is pending approval and its user cannot sign in before verifying the emailed link', async () => {
    const body = registrationBody(districtId);
    const response = await register(body);
    expect(response.status).toBe(201);
    expect(response.body.organisation.status).toBe('pending_approval');
    expect(response.body.organisation.address.postcode).toBe('LE1 1AA');
    expect(response.body.user).toMatchObject({ email: body.user.email, emailVerified: false });

    const before = await app.http().post('/auth/login').send({ email: body.user.email, password: TEST_PASSWORD });
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('email_not_verified');

    const [mail] = await mailsTo(app, body.user.email);
    expect(mail?.subject).toMatch(/confirm your email/i);
    const token = await lastLinkToken(app, body.user.email, '/verify-email');
    const verified = await app.http().post('/organisations/verify-email').send({ token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: body.user.email, emailVerified: true });
    expect((await app.http().post('/auth/login').send({ email: body.user.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('when a link has been used, then it does not work a second time', async () => {
    const body = registrationBody(districtId);
    await register(body);
    const token = await lastLinkToken(app, body.user.email, '/verify-email');
    expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
    const again = await app.http().post('/organisations/verify-email').send({ token });
    expect(again.status).toBe(400);
    expect(again.body.detail).toMatch(/expired or been used/);
  });

  it('when the link is stored, then only its SHA-256 hash is kept', async () => {
    const body = registrationBody(districtId);
    await register(body);
    const token = await lastLinkToken(app, body.user.email, '/verify-email');
    const stored = await OneTimeTokenModel.findOne({ email: body.user.email }).lean();
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('when the link is opened a minute before 72 hours, then it works; at 72 hours, then it has expired', async () => {
    const early = registrationBody(districtId);
    const late = registrationBody(districtId);
    await register(early);
    await register(late);
    const earlyToken = await lastLinkToken(app, early.user.email, '/verify-email');
    const lateToken = await lastLinkToken(app, late.user.email, '/verify-email');
    try {
      app.clock.set('2026-06-18T08:59:00.000Z');
      expect((await app.http().post('/organisations/verify-email').send({ token: earlyToken })).status).toBe(200);
      app.clock.set('2026-06-18T09:00:00.000Z');
      expect((await app.http().post('/organisations/verify-email').send({ token: lateToken })).status).toBe(400);
      const resent = await app.http().post('/organisations/resend-verification').send({ email: late.user.email });
      expect(resent.status).toBe(202);
      const fresh = await lastLinkToken(app, late.user.email, '/verify-email');
      expect(fresh).not.toBe(lateToken);
      expect((await app.http().post('/organisations/verify-email').send({ token: fresh })).status).toBe(200);
    } finally {
      app.clock.set('2026-06-15T09:00:00.000Z');
    }
  });

  it('when asked to resend for an unknown address, then it answers the same and sends nothing', async () => {
    const email = `${unique('nobody')}@example.test`;
    const response = await app.http().post('/organisations/resend-verification').send({ email });
    expect(response.status).toBe(202);
    expect(await mailsTo(app, email)).toEqual([]);
  });

  it('when the email already has an account, then the answer is the same as for a new one, nothing is registered, and the owner is told by email', async () => {
    const first = registrationBody(districtId);
    const firstAnswer = await register(first);
    const second = registrationBody(districtId, { user: { email: first.user.email } });
    const secondAnswer = await register(second);
    expect(secondAnswer.status).toBe(firstAnswer.status);
    expect(shapeOf(secondAnswer.body)).toEqual(shapeOf(firstAnswer.body));
    expect(secondAnswer.body.organisation).toMatchObject({ name: second.organisation.name, status: 'pending_approval' });
    expect(await OrganisationModel.countDocuments({ name: second.organisation.name })).toBe(0);
    const notices = (await mailsTo(app, first.user.email)).filter((mail) => /someone used your email address/.test(mail.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(second.organisation.name);
    expect(notices[0]!.text).not.toMatch(/token=/);
  });
});

/** The JSON's structure with every value replaced by its type: what a caller can compare between two answers. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, shapeOf(inner)]));
  return value === null ? 'null' : typeof value;
}

describe('organisation details are validated', () => {
  it.each([
    ['1234567', '01234567'],
    ['sc123456', 'SC123456'],
    ['OC 301234', 'OC301234'],
  ])('when the Companies House number is %s, then it is stored as %s', async (input, stored) => {
    const response = await register(registrationBody(districtId, { organisation: { companiesHouseNumber: input } }));
    expect(response.status).toBe(201);
    expect(response.body.organisation.companiesHouseNumber).toBe(stored);
  });

  it.each(['123456789', 'ABC12345', '12-34567'])('when the Companies House number is %s, then 400', async (input) => {
    const response = await register(registrationBody(districtId, { organisation: { companiesHouseNumber: input } }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('companiesHouseNumber');
  });

  it.each([['1123456', 201], ['SC012345', 201], ['NIC100002', 201], ['12345', 400], ['X1234567', 400]])('when the charity number is %s, then %i', async (input, status) => {
    expect((await register(registrationBody(districtId, { organisation: { charityNumber: input } }))).status).toBe(status);
  });

  it('when another organisation has the Companies House number, then 409', async () => {
    expect((await register(registrationBody(districtId, { organisation: { companiesHouseNumber: '07654321' } }))).status).toBe(201);
    expect((await register(registrationBody(districtId, { organisation: { companiesHouseNumber: '07654321' } }))).status).toBe(409);
  });

  it.each([
    ['2018-09-30', 400],
    ['2018-10-01', 201],
    ['2026-06-15', 201],
    ['2026-06-16', 400],
  ])('when the covenant was signed on %s (launched 2018-10-01, today 2026-06-15), then %i', async (signedOn, status) => {
    const body = registrationBody(districtId, { organisation: { covenant: { signedOn, pledgedOutcomeAreas: ['health'] } } });
    expect((await register(body)).status).toBe(status);
  });

  it('when no outcome area is pledged, or an unknown one, then 400', async () => {
    expect((await register(registrationBody(districtId, { organisation: { covenant: { signedOn: '2025-01-01', pledgedOutcomeAreas: [] } } }))).status).toBe(400);
    expect((await register(registrationBody(districtId, { organisation: { covenant: { signedOn: '2025-01-01', pledgedOutcomeAreas: ['happiness'] } } }))).status).toBe(400);
  });

  it('when the district does not exist, then 404 and nothing is created', async () => {
    const body = registrationBody('0123456789abcdef01234567');
    expect((await register(body)).status).toBe(404);
    expect(await mailsTo(app, body.user.email)).toEqual([]);
  });
});

describe('council approval, suspension and who sees an organisation', () => {
  it('when council staff approve, then the organisation is approved; an employer or PA cannot approve', async () => {
    const organisation = await givenOrganisation(app, manager, districtId, { approved: false });
    const adviser = await givenUser(app, 'personal_adviser');
    expect((await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', organisation.employer.auth)).status).toBe(403);
    expect((await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', adviser.auth)).status).toBe(403);
    const approved = await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', manager.auth);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', manager.auth)).status).toBe(409);
  });

  it('when suspended and then approved again, then it is reinstated', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const suspended = await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'Complaint under review' });
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'Complaint under review' });
    expect((await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', manager.auth).send({ reason: 'again' })).status).toBe(409);
    const reinstated = await app.http().post(`/organisations/${organisation.id}/approve`).set('authorization', manager.auth);
    expect(reinstated.body).toMatchObject({ status: 'approved', suspendedReason: null });
  });

  it('when an employer user reads their own organisation, then 200; another organisation, then 404', async () => {
    const mine = await givenOrganisation(app, manager, districtId);
    const theirs = await givenOrganisation(app, manager, districtId);
    expect((await app.http().get(`/organisations/${mine.id}`).set('authorization', mine.employer.auth)).status).toBe(200);
    expect((await app.http().get(`/organisations/${theirs.id}`).set('authorization', mine.employer.auth)).status).toBe(404);
    expect((await app.http().get('/organisations').set('authorization', mine.employer.auth)).status).toBe(403);
  });
});

describe('keeping organisation details up to date', () => {
  it('when an employer user updates their own organisation, then it changes; another\'s, then 404; its status, then 400', async () => {
    const mine = await givenOrganisation(app, manager, districtId);
    const theirs = await givenOrganisation(app, manager, districtId);
    const contact = { name: 'New Contact', email: 'new.contact@example.test', phone: null };
    const updated = await app.http().patch(`/organisations/${mine.id}`).set('authorization', mine.employer.auth).send({ contact, covenant: { signedOn: '2026-06-15', pledgedOutcomeAreas: ['health', 'finance'] } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ contact, covenant: { signedOn: '2026-06-15', pledgedOutcomeAreas: ['health', 'finance'] }, status: 'approved' });
    expect((await app.http().patch(`/organisations/${theirs.id}`).set('authorization', mine.employer.auth).send({ contact })).status).toBe(404);
    expect((await app.http().patch(`/organisations/${mine.id}`).set('authorization', mine.employer.auth).send({ status: 'approved' })).status).toBe(400);
    const future = await app.http().patch(`/organisations/${mine.id}`).set('authorization', mine.employer.auth).send({ covenant: { signedOn: '2026-06-16', pledgedOutcomeAreas: ['health'] } });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('covenant.signedOn');
  });
});

describe('inviting colleagues', () => {
  it('when a colleague accepts the emailed invitation, then they can sign in and see only their organisation', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const other = await givenOrganisation(app, manager, districtId);
    const email = `${unique('colleague')}@example.test`;
    const invited = await app.http().post(`/organisations/${organisation.id}/invitations`).set('authorization', organisation.employer.auth).send({ email });
    expect(invited.status).toBe(201);
    expect(invited.body.expiresAt).toBe('2026-06-18T09:00:00.000Z');
    const token = await lastLinkToken(app, email, '/accept-invitation');
    const accepted = await app.http().post('/organisations/invitations/accept').send({ token, name: 'Col League', password: TEST_PASSWORD });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ email, role: 'employer', organisationId: organisation.id });
    const colleague = await logIn(app, email);
    expect((await app.http().get(`/organisations/${organisation.id}`).set('authorization', colleague.auth)).status).toBe(200);
    expect((await app.http().get(`/organisations/${other.id}`).set('authorization', colleague.auth)).status).toBe(404);
    expect((await app.http().post('/organisations/invitations/accept').send({ token, name: 'Again', password: TEST_PASSWORD })).status).toBe(400);
  });

  it('when an employer invites to another organisation, then 404; council staff cannot invite, then 403', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const other = await givenOrganisation(app, manager, districtId);
    const email = `${unique('colleague')}@example.test`;
    expect((await app.http().post(`/organisations/${other.id}/invitations`).set('authorization', organisation.employer.auth).send({ email })).status).toBe(404);
    expect((await app.http().post(`/organisations/${other.id}/invitations`).set('authorization', manager.auth).send({ email })).status).toBe(403);
    expect(await mailsTo(app, email)).toEqual([]);
  });

  it('when the invited address already has an account, then the answer is the same as for a new address, no link is issued, and the owner is told by email', async () => {
    const organisation = await givenOrganisation(app, manager, districtId);
    const invite = (email: string) => app.http().post(`/organisations/${organisation.id}/invitations`).set('authorization', organisation.employer.auth).send({ email });
    const fresh = await invite(`${unique('colleague')}@example.test`);
    const existing = await invite(manager.email);
    expect(existing.status).toBe(fresh.status);
    expect(shapeOf(existing.body)).toEqual(shapeOf(fresh.body));
    expect(existing.body).toMatchObject({ email: manager.email, expiresAt: fresh.body.expiresAt });
    expect(await OneTimeTokenModel.countDocuments({ email: manager.email })).toBe(0);
    const notices = (await mailsTo(app, manager.email)).filter((mail) => /someone used your email address/.test(mail.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(organisation.name);
  });
});

describe('the API document', () => {
  it('when the OpenAPI document is generated, then it describes the employer and offer endpoints', async () => {
    const response = await app.http().get('/openapi.json');
    expect(response.status).toBe(200);
    const paths = Object.keys(response.body.paths ?? {});
    for (const path of ['/organisations/register', '/organisations/{id}/suspend', '/employer/referrals/{id}/outcome', '/employer-incentives', '/opportunities/{id}/send-back']) {
      expect(paths).toContain(path);
    }
  });
});
