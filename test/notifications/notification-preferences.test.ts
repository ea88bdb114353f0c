import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation } from '../factories/employers.js';
import { givenReferral } from '../factories/referrals.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { deliveredTo, digestAndSend, notificationsOf, pendingEmailsTo } from './activity-helpers.js';

let app: TestApp;
let admin: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const put = (user: GivenUser, body: unknown) => app.http().put('/notifications/preferences').set('authorization', user.auth).send(body as object);
const get = (user: GivenUser) => app.http().get('/notifications/preferences').set('authorization', user.auth);
type Item = { kind: string; delivery: string; chosen: boolean; defaultDelivery: string; canTurnOff: boolean };
const itemOf = (body: { items: Item[] }, kind: string) => body.items.find((item) => item.kind === kind);

/** A PA whose young person turns 18 on 20 July 2026: a "for information" reminder on the 15 June scan. */
async function adviserWithBirthdayComing() {
  const adviser = await givenUser(app, 'personal_adviser');
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-07-20', careStatus: 'in_care', legalCategory: 'eligible' });
  return { adviser, person };
}

describe('GET and PUT /notifications/preferences', () => {
  it('when a PA reads their preferences, then they see their role\'s kinds with defaults, and urgent safeguarding and housing alerts cannot be turned off', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const response = await get(adviser);
    expect(response.status).toBe(200);
    expect(itemOf(response.body, 'employer_outcome_recorded')).toEqual({ kind: 'employer_outcome_recorded', delivery: 'digest', chosen: false, defaultDelivery: 'digest', canTurnOff: true });
    expect(itemOf(response.body, 'employer_offer_made')).toMatchObject({ delivery: 'at_once', defaultDelivery: 'at_once' });
    expect(itemOf(response.body, 'custody_release_near_18')).toMatchObject({ canTurnOff: false });
    expect(itemOf(response.body, 'referral_received')).toBeUndefined(); // an employer's kind
  });

  it('when a user changes a kind, then it is stored for them alone, and null puts the default back', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const other = await givenUser(app, 'personal_adviser');
    const changed = await put(adviser, { preferences: { employer_outcome_recorded: 'at_once', eighteenth_birthday_in_8_weeks: 'never' } });
    expect(changed.status).toBe(200);
    expect(itemOf(changed.body, 'employer_outcome_recorded')).toMatchObject({ delivery: 'at_once', chosen: true });
    expect(itemOf((await get(adviser)).body, 'eighteenth_birthday_in_8_weeks')).toMatchObject({ delivery: 'never', chosen: true });
    expect(itemOf((await get(other)).body, 'eighteenth_birthday_in_8_weeks')).toMatchObject({ delivery: 'digest', chosen: false });
    const reset = await put(adviser, { preferences: { eighteenth_birthday_in_8_weeks: null } });
    expect(itemOf(reset.body, 'eighteenth_birthday_in_8_weeks')).toMatchObject({ delivery: 'digest', chosen: false });
  });

  it('when an urgent safeguarding or housing alert is set to never, then 400 and nothing changes', async () => {
    const housingOfficer = await givenUser(app, 'housing_officer', { districtIds: [districtId] });
    const refused = await put(housingOfficer, { preferences: { custody_release_near_18: 'never', housing_application_age_ahead: 'digest' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'preferences.custody_release_near_18', message: expect.stringContaining('cannot be turned off') })]);
    expect(itemOf((await get(housingOfficer)).body, 'housing_application_age_ahead')).toMatchObject({ chosen: false });
    const adviser = await givenUser(app, 'personal_adviser');
    for (const kind of ['no_contact_for_8_weeks', 'pathway_plan_review_overdue', 'housing_application_age_today']) {
      expect((await put(adviser, { preferences: { [kind]: 'never' } })).status).toBe(400);
    }
    expect((await put(housingOfficer, { preferences: { custody_release_near_18: 'digest' } })).status).toBe(200);
  });

  it('when the body names an unknown kind, an unknown choice, an unknown field or a kind of another role, then 400 with the path', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const unknownKind = await put(adviser, { preferences: { weekly_horoscope: 'never' } });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.errors[0]).toMatchObject({ path: 'preferences.weekly_horoscope', message: expect.stringContaining('weekly_horoscope') });
    expect((await put(adviser, { preferences: { pathway_plan_review_due: 'sometimes' } })).body.errors[0].path).toBe('preferences.pathway_plan_review_due');
    expect((await put(adviser, { preferences: {}, everything: 'never' })).status).toBe(400);
    const otherRole = await put(adviser, { preferences: { referral_received: 'never' } });
    expect(otherRole.status).toBe(400);
    expect(otherRole.body.errors[0]).toMatchObject({ path: 'preferences.referral_received' });
  });

  it('when nobody is signed in, then 401', async () => {
    expect((await app.http().get('/notifications/preferences')).status).toBe(401);
  });
});

describe('the reminder scan, the digest and immediate emails honour each preference', () => {
  it('when a PA chose "never" for a reminder, then the scan stores nothing and nothing is emailed; another PA still gets it', async () => {
    const { adviser } = await adviserWithBirthdayComing();
    const { adviser: other } = await adviserWithBirthdayComing();
    expect((await put(adviser, { preferences: { eighteenth_birthday_in_8_weeks: 'never' } })).status).toBe(200);
    await runJob(app, 'reminder-scan', '2026-06-15');
    expect(await notificationsOf(app, adviser, 'eighteenth_birthday_in_8_weeks')).toEqual([]);
    expect(await notificationsOf(app, other, 'eighteenth_birthday_in_8_weeks')).toHaveLength(1);
    await digestAndSend(app, '2026-06-15');
    expect(await deliveredTo(app, adviser.email)).toEqual([]);
    expect(await deliveredTo(app, other.email)).toHaveLength(1);
  });

  it('when a PA chose "at once" for a routine reminder, then the scan emails it now, without calling it urgent', async () => {
    const { adviser, person } = await adviserWithBirthdayComing();
    await put(adviser, { preferences: { eighteenth_birthday_in_8_weeks: 'at_once' } });
    await runJob(app, 'reminder-scan', '2026-06-15');
    const [email] = await pendingEmailsTo(app, admin, adviser.email);
    expect(email).toMatchObject({ kind: 'immediate' });
    expect(email!.subject).toBe('A change in support is coming up for someone on your caseload');
    expect(email!.subject).not.toContain(person.firstName as string);
    expect(email!.subject).not.toContain('Urgent');
  });

  it('when a PA turns a kind off after its reminder was stored, then the daily digest leaves it out', async () => {
    const { adviser } = await adviserWithBirthdayComing();
    await runJob(app, 'reminder-scan', '2026-06-16');
    expect(await notificationsOf(app, adviser, 'eighteenth_birthday_in_8_weeks')).toHaveLength(1);
    await put(adviser, { preferences: { eighteenth_birthday_in_8_weeks: 'never' } });
    await digestAndSend(app, '2026-06-16');
    expect(await deliveredTo(app, adviser.email)).toEqual([]);
  });

  it('when a PA chose "never" for employer outcomes, then an employer\'s outcome tells them nothing; with "at once", then an email is queued now', async () => {
    const organisation = await givenOrganisation(app, admin, districtId);
    const offer = await givenOpenEmployerOffer(app, organisation, admin, { sharingNeeded: 'none', places: 3 });
    const record = async (adviser: GivenUser) => {
      const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, employerSharing: 'anonymous_profile' });
      const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: offer.id });
      const response = await app.http().post(`/employer/referrals/${referral.id}/outcome`).set('authorization', organisation.employer.auth).send({ outcome: 'informal_meeting_held' });
      expect(response.status).toBe(200);
    };
    const silent = await givenUser(app, 'personal_adviser');
    await put(silent, { preferences: { employer_outcome_recorded: 'never' } });
    await record(silent);
    expect(await notificationsOf(app, silent)).toEqual([]);

    const eager = await givenUser(app, 'personal_adviser');
    await put(eager, { preferences: { employer_outcome_recorded: 'at_once' } });
    await record(eager);
    expect(await notificationsOf(app, eager, 'employer_outcome_recorded')).toHaveLength(1);
    const [email] = await pendingEmailsTo(app, admin, eager.email);
    expect(email!.subject).toMatch(/^Referral R-[A-Z0-9]{8}: the employer recorded a step$/);
  });
});
