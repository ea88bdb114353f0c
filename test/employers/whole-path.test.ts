import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { lastLinkToken, logIn, offerBody, registrationBody } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// One story, in order: each step builds on the one before (so the tests in this file run in sequence).
let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let employer: GivenUser;
let districtId: string;
let organisationId: string;
let offerId: string;
const youngPeople: Record<'sharesNothing' | 'anonymous' | 'named' | 'anonymousMayKnow', { id: string; firstName: string; lastName: string }> = {} as never;
const referralIds: Record<keyof typeof youngPeople, string> = {} as never;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const as = (user: GivenUser) => ({
  get: (path: string) => app.http().get(path).set('authorization', user.auth),
  post: (path: string, body?: object) => app.http().post(path).set('authorization', user.auth).send(body),
  patch: (path: string, body: object) => app.http().patch(path).set('authorization', user.auth).send(body),
});

describe('an organisation joins, offers an apprenticeship and follows the young people referred to it', () => {
  it('when an organisation registers and its user verifies the emailed link, then the user can sign in', async () => {
    const body = registrationBody(districtId);
    const registered = await app.http().post('/organisations/register').send(body);
    expect(registered.status).toBe(201);
    organisationId = registered.body.organisation.id;
    const token = await lastLinkToken(app, body.user.email, '/verify-email');
    expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
    employer = await logIn(app, body.user.email);
    expect((await as(employer).get('/auth/me')).body).toMatchObject({ role: 'employer', organisationId });
  });

  it('when council staff approve the organisation, then it is approved', async () => {
    expect((await as(manager).post(`/organisations/${organisationId}/approve`)).body.status).toBe('approved');
  });

  it('when the employer creates an offer, it is sent back, edited and resubmitted, then council staff approve it', async () => {
    const created = await as(employer).post('/opportunities', offerBody({ places: 3, sharingNeeded: 'none', title: 'Digital apprentice' }));
    expect(created.status).toBe(201);
    offerId = created.body.id;
    expect((await as(employer).post(`/opportunities/${offerId}/submit`)).body.status).toBe('pending_approval');
    await as(manager).post(`/opportunities/${offerId}/send-back`, { reason: 'Please give the yearly wage.' });
    const draft = await as(employer).get(`/opportunities/${offerId}`);
    expect(draft.body).toMatchObject({ status: 'draft', sentBackReason: 'Please give the yearly wage.' });
    await as(employer).patch(`/opportunities/${offerId}`, { yearlyWagePence: 1_450_000 });
    await as(employer).post(`/opportunities/${offerId}/submit`);
    expect((await as(manager).post(`/opportunities/${offerId}/approve`)).body.status).toBe('open');
  });

  it('when a PA refers young people with each sharing choice, then the employer sees only those who share something', async () => {
    const choices = {
      sharesNothing: { employerSharing: 'nothing', employerMayKnowCareLeaver: false },
      anonymous: { employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: false },
      named: { employerSharing: 'name_and_contact', employerMayKnowCareLeaver: true },
      anonymousMayKnow: { employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: true },
    } as const;
    for (const [key, choice] of Object.entries(choices) as [keyof typeof choices, (typeof choices)[keyof typeof choices]][]) {
      const person = await givenYoungPerson(app, adviser, {
        homeDistrictId: districtId,
        dateOfBirth: '2006-03-10', // 20 at the start: the incentive then depends on their agreement
        ...choice,
        email: `${key.toLowerCase()}@example.test`,
        phone: '07700 900123',
        interests: ['digital', 'care_services'],
        qualifications: [{ subject: 'Maths', level: 2, grade: '5' }, { subject: 'Art', level: 2, grade: '7' }],
        careHistoryNotes: 'Placement history that no employer may read',
      });
      youngPeople[key] = { id: person.id, firstName: String(person.firstName), lastName: String(person.lastName) };
      const referral = await as(adviser).post('/referrals', { youngPersonId: person.id, opportunityId: offerId });
      expect(referral.status).toBe(201);
      referralIds[key] = referral.body.id;
    }
    const listed = await as(employer).get('/employer/referrals');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual([referralIds.anonymous, referralIds.named, referralIds.anonymousMayKnow].sort());
    expect((await as(employer).get(`/employer/referrals/${referralIds.sharesNothing}`)).status).toBe(404);
  });

  it('when sharing is anonymous, then the employer sees the code, stage, the interest in the offer\'s sector and the relevant qualification, and nothing that identifies them', async () => {
    const response = await as(employer).get(`/employer/referrals/${referralIds.anonymous}`);
    expect(response.body.youngPerson).toEqual({
      sharing: 'anonymous_profile',
      matchingInterests: ['digital'],
      relevantQualifications: [{ subject: 'Maths', level: 2, grade: '5' }],
    });
    expect(response.body).toMatchObject({ referralCode: expect.stringMatching(/^R-/), stage: 'referred', opportunity: { id: offerId, title: 'Digital apprentice' } });
    const text = JSON.stringify(response.body);
    for (const value of [youngPeople.anonymous.firstName, youngPeople.anonymous.lastName, '2008-03-10', districtId, adviser.id, 'Placement history', 'care_leaver', 'anonymous@example.test']) {
      expect(text).not.toContain(value);
    }
  });

  it('when sharing is name and contact, then the employer also sees first and last name, email and phone', async () => {
    const response = await as(employer).get(`/employer/referrals/${referralIds.named}`);
    expect(response.body.youngPerson).toMatchObject({ sharing: 'name_and_contact', firstName: youngPeople.named.firstName, lastName: youngPeople.named.lastName, email: 'named@example.test', phone: '07700 900123' });
    expect(JSON.stringify(response.body)).not.toMatch(/dateOfBirth|2008-03-10|careHistoryNotes|careStatus|personalAdviser/);
  });

  it('when the employer records outcomes without the date or reason they need, then 400', async () => {
    expect((await as(employer).post(`/employer/referrals/${referralIds.anonymous}/outcome`, { outcome: 'work_trial_arranged' })).status).toBe(400);
    expect((await as(employer).post(`/employer/referrals/${referralIds.anonymous}/outcome`, { outcome: 'not_progressed' })).status).toBe(400);
    expect((await as(employer).post(`/employer/referrals/${referralIds.anonymous}/outcome`, { outcome: 'informal_meeting_held', date: '2026-06-16' })).status).toBe(400);
  });

  it('when the employer records each outcome, then the stage and dates move and the PA sees each change recorded by the employer', async () => {
    const record = (key: keyof typeof referralIds, body: object) => as(employer).post(`/employer/referrals/${referralIds[key]}/outcome`, body);
    expect((await record('anonymous', { outcome: 'informal_meeting_held', date: '2026-06-15' })).body).toMatchObject({ stage: 'informal_meeting', informalMeetingDate: '2026-06-15' });
    expect((await record('anonymous', { outcome: 'work_trial_arranged', date: '2026-06-22' })).body).toMatchObject({ stage: 'work_trial', workTrialDate: '2026-06-22' });
    expect((await record('anonymous', { outcome: 'offer_made', date: '2026-06-29' })).body).toMatchObject({ stage: 'offered', offeredDate: '2026-06-29' });
    expect((await record('anonymous', { outcome: 'started', date: '2026-09-01' })).body).toMatchObject({ stage: 'started', startDate: '2026-09-01' });
    await record('named', { outcome: 'offer_made' });
    await record('named', { outcome: 'started', date: '2026-09-01' });
    const notProgressed = await record('anonymousMayKnow', { outcome: 'not_progressed', reason: 'Another candidate had more experience' });
    expect(notProgressed.body).toMatchObject({ stage: 'unsuccessful', notProgressedReason: 'Another candidate had more experience', incentive: null });

    const seenByPa = await as(adviser).get(`/referrals/${referralIds.anonymous}`);
    expect(seenByPa.body.history.filter((change: { byRole: string }) => change.byRole === 'employer').map((change: { stage: string }) => change.stage)).toEqual(['informal_meeting', 'work_trial', 'offered', 'started']);
  });

  it('when a start is not an allowed move (started twice), then 409', async () => {
    const response = await as(employer).post(`/employer/referrals/${referralIds.anonymous}/outcome`, { outcome: 'started' });
    expect(response.status).toBe(409);
  });

  it('when the young person agreed the employer may know they are a care leaver, then the incentive shows as due; otherwise the employer sees nothing about it', async () => {
    const named = await as(employer).get(`/employer/referrals/${referralIds.named}`);
    expect(named.body.incentive).toEqual({ status: 'due', amountPence: 100_000, reason: null });
    const anonymous = await as(employer).get(`/employer/referrals/${referralIds.anonymous}`);
    expect(anonymous.body.incentive).toBeNull();
    expect(JSON.stringify(anonymous.body)).not.toMatch(/incentive"\s*:\s*\{|not_due|care leaver/i);
  });

  it('when council staff list incentives, then the due one is there and the one without consent is not_due with the reason; claiming it shows as claimed to the employer', async () => {
    const due = await as(manager).get('/employer-incentives');
    expect(due.body.map((row: { referralId: string }) => row.referralId)).toEqual([referralIds.named]);
    expect(due.body[0]).toMatchObject({ organisationId, opportunityId: offerId, status: 'due', amountPence: 100_000, startDate: '2026-09-01' });
    const notDue = await as(manager).get('/employer-incentives?status=not_due');
    const row = notDue.body.find((r: { referralId: string }) => r.referralId === referralIds.anonymous);
    expect(row.reason).toMatch(/not agreed/);

    expect((await as(employer).get('/employer-incentives')).status).toBe(403);
    expect((await as(manager).post(`/employer-incentives/${referralIds.named}/claimed`)).body).toMatchObject({ status: 'claimed', claimedAt: '2026-06-15T09:00:00.000Z' });
    expect((await as(manager).post(`/employer-incentives/${referralIds.named}/claimed`)).status).toBe(409);
    expect((await as(manager).post(`/employer-incentives/${referralIds.anonymous}/claimed`)).status).toBe(409);
    expect((await as(employer).get(`/employer/referrals/${referralIds.named}`)).body.incentive).toMatchObject({ status: 'claimed' });
  });

  it('when council staff look at the Covenant locally, then the organisation shows 1 open offer, 4 referrals and 2 starts', async () => {
    const response = await as(manager).get('/organisations');
    const mine = response.body.find((row: { id: string }) => row.id === organisationId);
    expect(mine).toMatchObject({ status: 'approved', openOffers: 1, referrals: 4, starts: 2, covenantSignedOn: '2025-01-15' });
  });

  it('when a PA only suggests a young person, then the employer does not see them and the council does not count it', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, employerSharing: 'name_and_contact' });
    const suggested = await as(adviser).post('/referrals', { youngPersonId: person.id, opportunityId: offerId, stage: 'suggested' });
    expect(suggested.status).toBe(201);
    expect((await as(employer).get('/employer/referrals')).body.total).toBe(3);
    expect((await as(employer).get(`/employer/referrals/${suggested.body.id}`)).status).toBe(404);
    const mine = (await as(manager).get('/organisations')).body.find((row: { id: string }) => row.id === organisationId);
    expect(mine.referrals).toBe(4);
  });

  it('when a colleague is invited, then they see the same referrals', async () => {
    const email = 'colleague.whole-path@example.test';
    await as(employer).post(`/organisations/${organisationId}/invitations`, { email });
    const token = await lastLinkToken(app, email, '/accept-invitation');
    await app.http().post('/organisations/invitations/accept').send({ token, name: 'Colleague', password: TEST_PASSWORD });
    const colleague = await logIn(app, email);
    expect((await as(colleague).get('/employer/referrals')).body.total).toBe(3);
  });
});
