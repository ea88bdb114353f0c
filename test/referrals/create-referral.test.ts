import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferralEventModel } from '../../src/referrals/referral-events.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity, missingOpportunityId } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let adviser: GivenUser;
let otherAdviser: GivenUser;
let home: string;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser');
  otherAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const post = (as: GivenUser, body: Record<string, unknown>) => app.http().post('/referrals').set('authorization', as.auth).send(body);

describe('POST /referrals', () => {
  it('when a PA refers a young person from their caseload to an open opening, then 201 at referred with a non-guessable code, a dated history and an event for notifications', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home });
    const response = await post(adviser, { youngPersonId: person.id, opportunityId: opening.id, note: 'Keen, has asked twice' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ youngPersonId: person.id, opportunityId: opening.id, personalAdviserId: adviser.id, stage: 'referred', note: 'Keen, has asked twice', outcomesReached: [] });
    expect(response.body.referralCode).toMatch(/^R-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    expect(response.body.history).toEqual([{ stage: 'referred', at: '2026-06-15T09:00:00.000Z', byUserId: adviser.id, byRole: 'personal_adviser', eventDate: '2026-06-15', reason: null }]);
    const events = await ReferralEventModel.find({ referralId: response.body.id }).lean();
    expect(events.map((e) => ({ stage: e.stage, personalAdviserId: String(e.personalAdviserId), byRole: e.byRole }))).toEqual([{ stage: 'referred', personalAdviserId: adviser.id, byRole: 'personal_adviser' }]);
  });

  it('when two referrals are made, then their codes differ', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const first = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: (await givenOpenOpportunity({ districtId: home })).id });
    const second = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: (await givenOpenOpportunity({ districtId: home })).id });
    expect(first.referralCode).not.toBe(second.referralCode);
  });

  it('when the young person is already referred to that opening, then 409 with a clear message', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home });
    await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: opening.id });
    const again = await post(adviser, { youngPersonId: person.id, opportunityId: opening.id });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already has a referral for this opportunity/);
  });

  it('when the same referral is posted 5 times at once, then exactly one is created', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home });
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(adviser, { youngPersonId: person.id, opportunityId: opening.id })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it.each(['draft', 'pending_approval', 'closed', 'filled', 'withdrawn'] as const)('when the opening is %s, then 409 says it is not open', async (status) => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home, status });
    const response = await post(adviser, { youngPersonId: person.id, opportunityId: opening.id });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/not open for referrals/);
  });

  it('when the opening needs name and contact and they agreed only to an anonymous profile, then 409 says what consent is missing', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, employerSharing: 'anonymous_profile' });
    const opening = await givenOpenOpportunity({ districtId: home, sharingNeeded: 'name_and_contact' });
    const response = await post(adviser, { youngPersonId: person.id, opportunityId: opening.id });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('The young person agreed to share an anonymous profile with employers; this opening needs their name and contact details. Talk to them about consent first.');
    expect(response.body.details.excludedBy).toEqual(['sharing_not_agreed']);
  });

  it('when a hard matching rule excludes them (too old at start), then 409 names the rule; when only one qualification is missing (a near miss), then the referral is allowed', async () => {
    const tooOld = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2001-08-01' });
    const nearMiss = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [] });
    const opening = await givenOpenOpportunity({ districtId: home, startDate: '2026-09-01', maxAgeAtStart: 24, requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const refused = await post(adviser, { youngPersonId: tooOld.id, opportunityId: opening.id });
    expect(refused.status).toBe(409);
    expect(refused.body.details.excludedBy).toEqual(['too_old_at_start']);
    expect(refused.body.detail).toMatch(/above the maximum age on the start date/);
    expect((await post(adviser, { youngPersonId: nearMiss.id, opportunityId: opening.id })).status).toBe(201);
  });

  it('when the young person is on another PA\'s caseload, then 404', async () => {
    const someoneElses = await givenYoungPerson(app, otherAdviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home });
    expect((await post(adviser, { youngPersonId: someoneElses.id, opportunityId: opening.id })).status).toBe(404);
  });

  it('when the opening does not exist, then 404; when an employer or housing officer tries, then 403; with an unknown field, then 400', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    expect((await post(adviser, { youngPersonId: person.id, opportunityId: missingOpportunityId() })).status).toBe(404);
    const opening = await givenOpenOpportunity({ districtId: home });
    for (const role of ['employer', 'housing_officer'] as const) {
      expect((await post(await givenUser(app, role), { youngPersonId: person.id, opportunityId: opening.id })).status).toBe(403);
    }
    expect((await post(adviser, { youngPersonId: person.id, opportunityId: opening.id, priority: 'high' })).status).toBe(400);
  });

  it('when a PA records only a suggestion, then the referral starts at suggested', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: (await givenOpenOpportunity({ districtId: home })).id, stage: 'suggested' });
    expect(referral.stage).toBe('suggested');
  });
});
