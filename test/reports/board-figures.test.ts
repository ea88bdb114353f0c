import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { NotificationModel } from '../../src/notifications/notification.model.js';
import { givenOpenEmployerOffer, givenOrganisation } from '../factories/employers.js';
import { changeStatus, startApplication, travelTo } from '../factories/housing.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * A small known population built through the API, over the summer of 2026 (British Summer Time), with the board
 * figures for 1 June to 31 August checked against hand counts. Today: Tuesday 15 September 2026.
 * Counts of young people under 5 read "fewer than 5" (F5 below); a count of 5 or more hidden so that a smaller one
 * cannot be worked out reads "hidden". A reader knows "fewer than 5" is 0 to 4 and "hidden" 5 or more: no cell may
 * be pinned to one value by those bounds and the totals.
 */
const F5 = 'fewer than 5';
/** A count of 5 or more hidden so that a smaller one cannot be worked out. */
const HIDDEN = 'hidden';
const PERIOD = '?from=2026-06-01&to=2026-08-31';
const TEAM = 'figures-team';

let app: TestApp;
let admin: GivenUser;
let manager: GivenUser;
let pa1: GivenUser;
let pa2: GivenUser;
let alpha: { id: string; name: string };
let beta: { id: string; name: string };
const people: Record<string, string> = {};
const referralIds: Record<string, string> = {};

const at = (instant: string) => travelTo(app, instant, admin, manager, pa1, pa2);
const grown = { careStatus: 'care_leaver', legalCategory: 'former_relevant' };
const under18Leaver = { careStatus: 'care_leaver', legalCategory: 'relevant' };
const inCare = { careStatus: 'in_care', legalCategory: 'eligible' };
const guarantorPlan = { kind: 'guarantor', details: 'Council guarantor scheme' };

async function person(key: string, as: GivenUser, body: Record<string, unknown>) {
  people[key] = (await givenYoungPerson(app, as, { homeDistrictId: alpha.id, lastContactDate: '2026-04-30', pathwayPlanReviewDate: '2026-12-01', ...body })).id;
}

async function submitApplication(key: string, districtId: string, submittedDate: string) {
  const owner = key.startsWith('P') ? pa2 : pa1;
  const application = await startApplication(app, owner, people[key]!, districtId);
  const response = await changeStatus(app, owner, application.id, { status: 'application_submitted', submittedDate, guarantorPlan });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function table(id: string, as: GivenUser = manager, query = PERIOD) {
  const response = await app.http().get(`/reports/${id}${query}`).set('authorization', as.auth);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.table as { rows: { key: string; values: Record<string, unknown>; suppressed: string[] }[]; definition: string; notes: string[] };
}
const row = (body: Awaited<ReturnType<typeof table>>, key: string) => body.rows.find((candidate) => candidate.key === key)!.values;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-05-01T09:00:00Z', config: { SESSION_TTL_HOURS: '720' } });
  alpha = await givenDistrict({ name: 'Alpha' });
  beta = await givenDistrict({ name: 'Beta', applicationAgeYears: 17, applicationAgeMonths: 0 });
  admin = await givenUser(app, 'admin');
  manager = await givenUser(app, 'manager', { team: TEAM });
  pa1 = await givenUser(app, 'personal_adviser', { team: TEAM, name: 'Ada Adviser' });
  pa2 = await givenUser(app, 'personal_adviser', { team: TEAM, name: 'Bo Adviser' });
  const elsewhere = await givenUser(app, 'personal_adviser', { team: 'other-team' });
  expect((await app.http().put('/council-targets/2026').set('authorization', admin.auth).send({ ringFencedApprenticeshipPlaces: 6 })).status).toBe(200);

  const ringFenced = await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Council business admin', places: 6, remote: true, closingDate: '2026-12-31', startDate: '2027-01-15', approvedAt: new Date('2026-04-10T09:00:00Z') });
  const acme = await givenOrganisation(app, admin, alpha.id, { overrides: { organisation: { name: 'Acme Builders' } } });
  const acmeOffer = await givenOpenEmployerOffer(app, acme, admin, { places: 10, closingDate: '2026-12-31', startDate: '2027-01-15' });

  // EET: six in full-time work (20th birthday on 10 July; E6 was NEET and changed on 1 August), one in higher education.
  for (const key of ['E1', 'E2', 'E3', 'E4', 'E5']) await person(key, pa1, { ...grown, dateOfBirth: '2006-07-10', activityCode: 'F5', accommodationCode: 'U1', employerMayKnowCareLeaver: ['E1', 'E2', 'E3'].includes(key) });
  await person('E6', pa1, { ...grown, dateOfBirth: '2006-07-10', activityCode: 'G5', accommodationCode: 'U1' });
  await person('E7', pa1, { ...grown, dateOfBirth: '2007-03-10', activityCode: 'F1', accommodationCode: 'B1' });
  // NEET (other reasons), turning 18 on 20 August, in emergency accommodation.
  for (const key of ['N1', 'N2', 'N3', 'N4', 'N5']) await person(key, pa1, { ...under18Leaver, dateOfBirth: '2008-08-20', activityCode: 'G5', accommodationCode: 'V2' });
  await person('U1', pa1, { ...grown, dateOfBirth: '2005-02-01', pathwayPlanReviewDate: '2026-09-01' });
  // Leaving custody on 10 August, 15 days before turning 18.
  await person('K1', pa1, { ...under18Leaver, dateOfBirth: '2008-08-25', inCustody: true, expectedReleaseDate: '2026-08-10', accommodationCode: 'X2' });
  // Reaching the application age: Q1 on 28 August (17½, Alpha), Q2 on 1 September (outside), Q3 on 31 August (17, Beta).
  await person('Q1', pa1, { ...inCare, dateOfBirth: '2009-02-28' });
  await person('Q2', pa1, { ...inCare, dateOfBirth: '2009-03-01' });
  await person('Q3', pa1, { ...inCare, dateOfBirth: '2009-08-31', homeDistrictId: beta.id });
  // Reaching 17½ on 15 July in Alpha: P1 and P2 apply by then, P3 within 4 weeks, P4 a day later, P5 and P6 not at all.
  for (const key of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) await person(key, pa2, { ...inCare, dateOfBirth: '2009-01-15', activityCode: 'F2', pathwayPlanReviewDate: key === 'P1' ? '2026-09-01' : '2026-12-01' });
  await givenYoungPerson(app, elsewhere, { homeDistrictId: alpha.id, dateOfBirth: '2006-07-10', activityCode: 'G6' });

  // 00:30 on 1 June in London (23:30 UTC on 31 May): in the period.
  await at('2026-05-31T23:30:00Z');
  referralIds.E7 = (await givenReferral(app, pa1, { youngPersonId: people.E7!, opportunityId: acmeOffer.id })).id;
  await at('2026-06-02T09:00:00Z');
  for (const [index, key] of ['E1', 'E2', 'E3', 'E4', 'E5'].entries()) {
    referralIds[key] = (await givenReferral(app, pa1, { youngPersonId: people[key]!, opportunityId: acmeOffer.id })).id;
    const day = (n: number) => `2026-06-${String(n).padStart(2, '0')}`;
    await givenReferralMovedThrough(app, pa1, referralIds[key]!, [
      { stage: 'informal_meeting', eventDate: day(5 + index) },
      { stage: 'work_trial', eventDate: day([10, 12, 13, 14, 15][index]!) },
      { stage: 'offered', eventDate: day([15, 16, 17, 18, 19][index]!) },
      { stage: 'started', eventDate: day([20, 22, 24, 26, 28][index]!) },
    ]);
  }
  referralIds.E6 = (await givenReferral(app, pa1, { youngPersonId: people.E6!, opportunityId: acmeOffer.id })).id;
  await givenReferralMovedThrough(app, pa1, referralIds.E6!, [{ stage: 'informal_meeting', eventDate: '2026-06-10' }, { stage: 'unsuccessful', eventDate: '2026-06-12', reason: 'Not the right fit' }]);

  await at('2026-07-01T09:00:00Z');
  for (const key of ['N1', 'N2', 'N3', 'N4', 'N5']) referralIds[key] = (await givenReferral(app, pa1, { youngPersonId: people[key]!, opportunityId: ringFenced.id })).id;
  await givenReferralMovedThrough(app, pa1, referralIds.N1!, [{ stage: 'offered', eventDate: '2026-07-15' }, { stage: 'started', eventDate: '2026-07-20' }]);

  await at('2026-07-10T09:00:00Z');
  await submitApplication('P1', alpha.id, '2026-07-10');
  await at('2026-07-15T09:00:00Z');
  await submitApplication('P2', alpha.id, '2026-07-15');
  await at('2026-08-01T09:00:00Z');
  await submitApplication('K1', alpha.id, '2026-08-01');
  expect((await app.http().patch(`/young-people/${people.E6}`).set('authorization', pa1.auth).send({ activityCode: 'F5' })).status).toBe(200);
  await at('2026-08-05T09:00:00Z');
  await submitApplication('P3', alpha.id, '2026-08-05');
  await at('2026-08-13T09:00:00Z');
  await submitApplication('P4', alpha.id, '2026-08-13');
  // 00:30 on 1 September in London: Q3 reached 17 on 31 August, so this is the day after, and the referral is outside the period.
  await at('2026-08-31T23:30:00Z');
  await submitApplication('Q3', beta.id, '2026-09-01');
  await givenReferral(app, pa1, { youngPersonId: people.U1!, opportunityId: acmeOffer.id });

  await at('2026-09-15T09:00:00Z');
  expect((await app.http().post(`/employer-incentives/${referralIds.E1}/claimed`).set('authorization', admin.auth)).status).toBe(200);
  for (const key of Object.keys(people).filter((key) => key !== 'U1')) {
    const lastContactDate = key === 'E1' ? '2026-07-21' : key === 'E2' ? '2026-07-22' : '2026-09-01';
    expect((await app.http().patch(`/young-people/${people[key]}`).set('authorization', key.startsWith('P') ? pa2.auth : pa1.auth).send({ lastContactDate })).status).toBe(200);
  }

  // Reminders (written as the reminder scan writes them) and reminder emails, either side of the period's London days.
  const reminder = (createdAt: string, subjectKey: string, rule: string, youngPersonId: string | null) => ({
    _id: new mongoose.Types.ObjectId(), recipientUserId: new mongoose.Types.ObjectId(pa1.id), audience: 'personal_adviser', subjectKey, rule, dueDate: createdAt.slice(0, 10), urgency: 'soon',
    youngPersonId: youngPersonId ? new mongoose.Types.ObjectId(youngPersonId) : null, facts: {}, text: 'A reminder', link: '/reminders', byEmail: true, digestDate: null, readAt: null, createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
  });
  await NotificationModel.collection.insertMany([
    reminder('2026-06-01T10:00:00Z', `referral:${referralIds.E1}`, 'referral_not_moved_21_days', people.E1!), // moved on 2 June: acted on
    reminder('2026-06-03T10:00:00Z', `referral:${referralIds.E7}`, 'referral_not_moved_21_days', people.E7!), // never moved since
    reminder('2026-07-30T09:00:00Z', `yp:${people.P3}/district:${alpha.id}`, 'housing_application_age_today', people.P3!), // submitted 5 August: within 7 days
    reminder('2026-07-01T09:00:00Z', `yp:${people.U1}`, 'pathway_plan_review_due', people.U1!),
    reminder('2026-07-28T09:00:00Z', `yp:${people.K1}`, 'custody_release_near_18', people.K1!), // the PA's; K1's application made 1 August: within 7 days
    reminder('2026-05-31T23:30:00Z', `opportunity:${ringFenced.id}`, 'offer_awaiting_approval', null), // 1 June in London; no young person: admins only
    reminder('2026-08-31T23:30:00Z', `yp:${people.U1}`, 'pathway_plan_review_overdue', people.U1!), // 1 September in London: outside
  ]);
  const email = (createdAt: string, status: string) => ({ dedupeKey: new mongoose.Types.ObjectId().toHexString(), kind: 'immediate', recipientUserId: new mongoose.Types.ObjectId(pa1.id), to: pa1.email, subject: 'Reminder', text: 'x', html: 'x', status, attempts: 1, claimCount: 1, nextAttemptAt: new Date(createdAt), createdAt: new Date(createdAt), updatedAt: new Date(createdAt) });
  await MailOutboxModel.collection.insertMany([email('2026-06-01T10:00:00Z', 'sent'), email('2026-07-01T10:00:00Z', 'sent'), email('2026-08-01T10:00:00Z', 'sent'), email('2026-08-02T10:00:00Z', 'failed'), email('2026-08-31T23:30:00Z', 'sent')]);
}, 180_000);
afterAll(async () => app.close());

describe('board figures for a manager, 1 June to 31 August 2026', () => {
  it('when care leavers aged 17-21 have activity codes, then "now" counts today\'s codes and small cells, and one that could be worked out from the total, are suppressed', async () => {
    const activity = await table('activity');
    // Now: F5 6 + F1 1 = 7 in EET; G5 5 = 5 NEET; 2 not recorded (U1, K1); 14 in all.
    // At the 20th birthday (10 July): E1-E5 F5; E6 changed since; at the 18th (20 and 25 August): N1-N5 G5, K1 not recorded.
    // Now, 7 in EET of 14: the 1 in F1 hides nothing more (7 - 6 = 1 spread over seven "fewer than 5" pins none).
    expect(row(activity, 'F5')).toMatchObject({ now: 6 });
    expect(row(activity, 'F1')).toMatchObject({ now: F5, birthday: F5 });
    expect(row(activity, 'in_eet')).toMatchObject({ now: 7 });
    // G5's 5 is all of NEET (5): shown, every other G code would be 0; then NEET (5) beside 14 - 7 would give the 2
    // not recorded. Both are hidden; the 2 is then 0 to 2, NEET 5 to 7.
    expect(row(activity, 'G5')).toMatchObject({ now: HIDDEN });
    expect(row(activity, 'not_in_eet')).toMatchObject({ now: HIDDEN });
    expect(row(activity, 'not_recorded')).toMatchObject({ now: F5, birthday: F5 });
    // At the birthday, F5's 5 is all of EET and G5's 5 all of NEET; hidden, "hidden" (5 or more) in a total of 5
    // could only be 5, so EET and NEET go too: only the cohort of 12 is left.
    expect(row(activity, 'F5')).toMatchObject({ birthday: HIDDEN, birthdayShare: HIDDEN });
    expect(row(activity, 'in_eet')).toMatchObject({ birthday: HIDDEN, birthdayShare: HIDDEN });
    expect(row(activity, 'not_in_eet')).toMatchObject({ birthday: HIDDEN });
    expect(row(activity, 'changed_since')).toMatchObject({ now: null, birthday: F5 });
    expect(row(activity, 'total')).toMatchObject({ now: 14, birthday: 12 });
    // A share built on a hidden count is hidden: the shares now divide by EET + NEET, and NEET is hidden.
    expect(row(activity, 'F5')).toMatchObject({ nowShare: HIDDEN });
    expect(row(activity, 'F1')).toMatchObject({ nowShare: F5 });
  });

  it('when accommodation codes are recorded, then a row whose other cell is hidden hides its visible cell too, leaving the row total', async () => {
    const accommodation = await table('accommodation');
    // U: 6 suitable, 0 unsuitable: the 6 beside a total of 6 would tell the 0. V: 0 and 5 of 5, so the total goes too
    // ("hidden", 5 or more, in a total of 5 is 5).
    expect(row(accommodation, 'U')).toMatchObject({ suitable: HIDDEN, unsuitable: F5, total: 6 });
    expect(row(accommodation, 'V')).toMatchObject({ suitable: F5, unsuitable: HIDDEN, total: HIDDEN });
    expect(row(accommodation, 'X')).toMatchObject({ suitable: F5, unsuitable: F5, total: F5 });
    expect(row(accommodation, 'not_recorded')).toMatchObject({ suitable: null, unsuitable: null, total: F5 });
    // 14 = 7 suitable + 6 unsuitable + 1 not recorded: with the 1 hidden, the 6 is hidden too (else 14 - 7 - 6 = 1).
    expect(row(accommodation, 'all')).toMatchObject({ suitable: 7, unsuitable: HIDDEN, total: 14 });
  });

  it('when young people reach the application age on London days in the period, then Alpha\'s 7 is hidden because Beta\'s 1 could be worked out from the total of 8', async () => {
    const housing = await table('housing-application-age');
    // Alpha's 7 reads "hidden" (5 to 8 beside Beta's "fewer than 5"), not "fewer than 5": two of those could not make 8.
    expect(row(housing, alpha.id)).toMatchObject({ reached: HIDDEN, byThen: F5, within4Weeks: F5, laterOrNot: F5, shareByThen: F5 });
    expect(row(housing, beta.id)).toMatchObject({ reached: F5, byThen: F5, within4Weeks: F5 });
    expect(row(housing, 'all')).toMatchObject({ reached: 8, byThen: F5, within4Weeks: F5, laterOrNot: F5 });
    // The counts behind it, for a wider period with Q2 (1 September): 9 reached. Still suppressed the same way.
    const wider = await table('housing-application-age', manager, '?from=2026-06-01&to=2026-09-01');
    expect(row(wider, 'all')).toMatchObject({ reached: 9 });
  });

  it('when someone leaves custody near 18 in the period with an application made before release, then the case is counted (and suppressed)', async () => {
    const custody = await table('custody-near-18');
    expect(row(custody, 'all')).toMatchObject({ cases: F5, applied: F5, notApplied: F5, share: F5 });
  });

  it('when referrals moved through the funnel, then reach, conversion and the median days between event dates are as counted by hand', async () => {
    const funnel = await table('referral-funnel');
    expect(funnel.rows.map((step) => [step.key, step.values.reached, step.values.conversion, step.values.medianDays])).toEqual([
      ['referred', 12, null, null],
      ['informal_meeting', 7, 58, 5.5],
      // 1 of the 7 stopped before a work trial, and none of the 6 offered before starting: those who stopped are
      // counts too, so the 6 trials (7 - 1) and the 6 starts (6 - 0) are hidden (each now 5 to 7, and 5 to 6).
      ['work_trial', HIDDEN, HIDDEN, 6],
      ['offered', 6, HIDDEN, 4],
      ['started', HIDDEN, HIDDEN, 6.5],
      // Nobody sustained yet: the median (of no pairs) is hidden like the count it is built on, not "not recorded".
      ['sustained', F5, F5, F5],
    ]);
  });

  it('when ring-fenced places are offered and one is filled, then places and the target show and the fill is suppressed', async () => {
    expect(row(await table('ring-fenced-places'), '2026')).toEqual({ label: 'April 2026 to March 2027', target: 6, offered: 6, filled: F5, againstTarget: F5 });
  });

  it('when a signatory had an offer open and referrals, then it is active with its referrals and starts in the period', async () => {
    const signatories = await table('covenant-signatories');
    // The council's ring-fenced start (N1) is 1: without its row, 6 starts in the trend less Acme's 5 would tell it.
    expect(signatories.rows.map((entry) => entry.values)).toEqual([
      { label: 'Acme Builders', offersOpen: 1, referred: 7, started: HIDDEN },
      { label: "The council's own offers (not a signatory)", offersOpen: 1, referred: 5, started: F5 },
      { label: 'All offers and referrals', offersOpen: 2, referred: 12, started: 6 },
    ]);
    const areas = await table('covenant-areas');
    expect(row(areas, 'education_employment_training')).toEqual({ label: 'Education, employment and training', offers: 1 });
    expect(row(areas, 'independent_living')).toEqual({ label: 'Independent living', offers: 0 });
    expect(row(areas, 'all')).toEqual({ label: 'All offers open', offers: 1 });
  });

  it('when apprentices started, then bursaries due show, incentives are suppressed with their amounts, and bursary payments are said to be unrecorded', async () => {
    const money = await table('bursaries-incentives');
    expect(row(money, 'bursary')).toEqual({ label: 'Care leaver apprenticeship bursary (£3,000)', due: 6, paid: null, unclaimed: null, amountDue: 18000, amountUnclaimed: null });
    expect(row(money, 'employer_incentive')).toEqual({ label: 'Employer incentive (£1,000)', due: F5, paid: F5, unclaimed: F5, amountDue: F5, amountUnclaimed: F5 });
    expect(money.notes.join(' ')).toContain('Bursary payments are not recorded');
  });

  it('when counting by month, then July\'s 5 referrals are hidden because August\'s 0 could otherwise be worked out (and June\'s 7, since a hidden 5 or more beside 12 - 7 could only be 5), and June\'s 6 meetings because they are the whole period\'s', async () => {
    const trend = await table('monthly-trend');
    expect(trend.rows.map((month) => [month.key, month.values.referred, month.values.meetings, month.values.started, month.values.applications])).toEqual([
      ['2026-06', HIDDEN, HIDDEN, 5, F5],
      ['2026-07', HIDDEN, F5, F5, F5],
      ['2026-08', F5, F5, F5, F5],
      ['all', 12, 6, 6, 5],
    ]);
  });

  it("when the team's caseloads are counted as they stand today, then each adviser's young people, overdue reviews and lost contact are as counted", async () => {
    const caseloads = await table('caseloads');
    expect(caseloads.rows.map((entry) => entry.values)).toEqual([
      { label: 'Ada Adviser', youngPeople: 17, overdue: F5, noContact: F5 },
      { label: 'Bo Adviser', youngPeople: 6, overdue: F5, noContact: F5 },
      { label: 'All personal advisers', youngPeople: 23, overdue: F5, noContact: F5 },
    ]);
  });

  it('when reminders were raised either side of London midnight, then only those on London days in the period count, with emails and those acted on within 7 days', async () => {
    const reminders = await table('reminders');
    expect(reminders.rows.map((entry) => [entry.key, entry.values.count, entry.values.share])).toEqual([
      ['raised', 5, null],
      ['emails_sent', 3, 75],
      ['emails_failed', 1, 25],
      ['actionable', 4, null],
      ['acted_on', 3, 75],
    ]);
    const all = await table('reminders', admin, `${PERIOD}&team=${TEAM}`);
    expect(row(all, 'raised')).toMatchObject({ count: 5 });
    expect(row(await table('reminders', admin), 'raised')).toMatchObject({ count: 6 });
  });
});

describe('scope and the API', () => {
  it('when a manager asks for another team, then it is refused; a PA may not see figures at all', async () => {
    expect((await app.http().get(`/reports/activity${PERIOD}&team=other-team`).set('authorization', manager.auth)).status).toBe(403);
    expect((await app.http().get(`/reports/board${PERIOD}`).set('authorization', pa1.auth)).status).toBe(403);
  });

  it('when an admin asks for everyone, then the other team\'s young person counts too', async () => {
    const activity = await table('activity', admin);
    expect(row(activity, 'total')).toMatchObject({ now: 15 });
  });

  it('when a district is chosen, then only young people whose home district it is count', async () => {
    const activity = await table('activity', manager, `${PERIOD}&districtId=${beta.id}`);
    expect(row(activity, 'total')).toMatchObject({ now: F5 }); // nobody aged 17-21 lives in Beta
    const housing = await table('housing-application-age', manager, `${PERIOD}&districtId=${beta.id}`);
    expect(housing.rows.map((entry) => entry.key)).toEqual([beta.id]);
    expect(row(housing, beta.id)).toMatchObject({ reached: F5 });
  });

  it("when a district is chosen, then its row is the all-districts table's, so a figure hidden there (Alpha's 7, beside Beta's 1 and the total of 8) is not shown", async () => {
    const alphaOnly = await table('housing-application-age', manager, `${PERIOD}&districtId=${alpha.id}`);
    expect(alphaOnly.rows.map((entry) => [entry.key, entry.values.reached])).toEqual([[alpha.id, HIDDEN]]);
    expect(alphaOnly.definition).toContain('as it stands among all districts');
    const activity = await table('activity', manager, `${PERIOD}&districtId=${alpha.id}`);
    expect(row(activity, 'total')).toMatchObject({ now: 14 }); // the other tables count Alpha's young people
  });

  it('when the period ends before it starts, or a date is not real, then the query is refused naming the field', async () => {
    const backwards = await app.http().get('/reports/board?from=2026-09-01&to=2026-06-01').set('authorization', manager.auth);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0].path).toBe('from');
    const unreal = await app.http().get('/reports/board?from=2026-02-30').set('authorization', manager.auth);
    expect(unreal.status).toBe(400);
    expect(unreal.body.errors[0].path).toBe('from');
  });

  it('when the whole report is asked for, then every table comes with its definition', async () => {
    const response = await app.http().get(`/reports/board${PERIOD}`).set('authorization', manager.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: '2026-06-01', to: '2026-08-31', team: TEAM, districtId: null });
    expect(response.body.tables.map((entry: { id: string }) => entry.id)).toEqual(['activity', 'accommodation', 'monthly-trend', 'housing-application-age', 'custody-near-18', 'ring-fenced-places', 'referral-funnel', 'covenant-signatories', 'covenant-areas', 'bursaries-incentives', 'caseloads', 'reminders']);
    for (const entry of response.body.tables) expect(entry.definition.length).toBeGreaterThan(40);
  });

  it('when an admin sets a council year target, then it is listed; a manager may not set one', async () => {
    expect((await app.http().put('/council-targets/2027').set('authorization', manager.auth).send({ ringFencedApprenticeshipPlaces: 8 })).status).toBe(403);
    const listed = await app.http().get('/council-targets').set('authorization', manager.auth);
    expect(listed.body).toEqual([expect.objectContaining({ councilYear: 2026, ringFencedApprenticeshipPlaces: 6 })]);
  });
});

describe('the council year boundary in London time', () => {
  it('when a ring-fenced offer went live at 23:30 UTC on 31 March (00:30 on 1 April in British Summer Time), then its places count in the year from April, not the year before', async () => {
    await givenOpenOpportunity({ kind: 'ring_fenced_apprenticeship', ringFenced: true, places: 5, remote: true, closingDate: '2026-12-31', startDate: '2027-01-15', approvedAt: new Date('2026-03-31T23:30:00Z') });
    const years = await table('ring-fenced-places', admin, '?from=2026-03-01&to=2026-04-30');
    expect(years.rows.map((year) => [year.key, year.values.offered])).toEqual([
      ['2025', 0],
      ['2026', 11], // with the 6 places of the offer approved on 10 April
    ]);
  });
});
