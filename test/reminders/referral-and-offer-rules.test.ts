import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpportunity, givenReferral, remindersOf, rulesOf, runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const scan = (date: string) => runJob(app, 'reminder-scan', date);

/** A PA and a young person of theirs who is interested in nothing an opening offers unless told otherwise. */
async function adviserWith(overrides: Record<string, unknown> = {}) {
  const adviser = await givenUser(app, 'personal_adviser');
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2006-11-20', interests: ['catering_and_hospitality'], pathwayPlanReviewDate: null, lastContactDate: null, ...overrides });
  return { adviser, person };
}

const about = (items: Awaited<ReturnType<typeof remindersOf>>, rule: string) => items.filter((item) => item.rule === rule);

describe('an opening closes in 7 and in 2 days', () => {
  it('when a referred young person\'s opening closes on 10 July, then the PA is told from 3 July (7 days) and again from 8 July (2 days, urgent)', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-07-10', sector: 'construction_and_the_built_environment', districtId });
    await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, lastMovedAt: new Date('2026-07-01T10:00:00Z') });
    await scan('2026-07-02');
    expect(about(await remindersOf(app, adviser), 'opening_closes_in_7_days')).toEqual([]);
    await scan('2026-07-03');
    await scan('2026-07-07');
    expect(rulesOf(await remindersOf(app, adviser))).toEqual(['opening_closes_in_7_days']);
    await scan('2026-07-08');
    await scan('2026-07-09');
    const items = await remindersOf(app, adviser);
    expect(rulesOf(items)).toEqual(['opening_closes_in_2_days', 'opening_closes_in_7_days']);
    expect(about(items, 'opening_closes_in_2_days')[0]).toMatchObject({ urgency: 'urgent', dueDate: '2026-07-10' });
    expect(about(items, 'opening_closes_in_2_days')[0]!.text).toContain(opening.title);
  });

  it('when a young person strongly matches a closing opening (their area of work, qualifications met), then their PA is told; a weak match is not', async () => {
    const strong = await adviserWith({ interests: ['care_services'], qualifications: [{ subject: 'English', level: 2, grade: '5' }] });
    const weak = await adviserWith({ interests: ['sales_marketing_and_procurement'], qualifications: [{ subject: 'English', level: 2, grade: '5' }] });
    await givenOpportunity({ closingDate: '2026-07-17', sector: 'care_services', districtId, requiredQualifications: [{ subject: 'English', subjectKey: 'english', level: 2 }], minAgeAtStart: 16, maxAgeAtStart: 24 });
    await scan('2026-07-10');
    expect(rulesOf(await remindersOf(app, strong.adviser))).toEqual(['opening_closes_in_7_days']);
    expect(await remindersOf(app, weak.adviser)).toEqual([]);
  });
});

describe('meetings, trials and stalled referrals', () => {
  it('when an informal meeting is on 20 July, then the PA is told on 19 July only', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-09-30' });
    await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, stage: 'informal_meeting', informalMeetingDate: '2026-07-20', lastMovedAt: new Date('2026-07-15T10:00:00Z') });
    await scan('2026-07-18');
    expect(await remindersOf(app, adviser)).toEqual([]);
    await scan('2026-07-19');
    await scan('2026-07-20');
    const items = await remindersOf(app, adviser);
    expect(rulesOf(items)).toEqual(['informal_meeting_tomorrow']);
    expect(items[0]!.text).toContain('Monday 20 July 2026');
  });

  it('when a work trial is tomorrow, then the PA is told', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-09-30' });
    await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, stage: 'work_trial', workTrialDate: '2026-07-22', lastMovedAt: new Date('2026-07-15T10:00:00Z') });
    await scan('2026-07-21');
    expect(rulesOf(await remindersOf(app, adviser))).toEqual(['work_trial_tomorrow']);
  });

  it('when a referral last moved on 1 June, then it is stalled from 22 June (21 days), not on 21 June', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-09-30' });
    const referral = await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, lastMovedAt: new Date('2026-06-01T10:00:00Z') });
    await scan('2026-06-21');
    expect(await remindersOf(app, adviser)).toEqual([]);
    await scan('2026-06-22');
    await scan('2026-06-23');
    const items = await remindersOf(app, adviser);
    expect(rulesOf(items)).toEqual(['referral_not_moved_21_days']);
    expect(items[0]!.text).toContain(referral.referralCode);
  });
});

describe('money due to a started care leaver apprentice and their employer', () => {
  it('when a bursary instalment falls on 30 June (60 days after a 1 May start), then the PA is told from 23 June', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-04-01', status: 'filled' });
    await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, stage: 'started', startDate: '2026-05-01', bursaryAmountPence: 300_000, lastMovedAt: new Date('2026-05-01T10:00:00Z') });
    await scan('2026-06-22');
    expect(await remindersOf(app, adviser)).toEqual([]);
    await scan('2026-06-23');
    const items = await remindersOf(app, adviser);
    expect(rulesOf(items)).toEqual(['bursary_instalment_due']);
    expect(items[0]!.dueDate).toBe('2026-06-30');
  });

  it('when the employer incentive is due 90 days after a 1 March start and not claimed, then the PA is told from 30 May; once claimed, never', async () => {
    const { adviser, person } = await adviserWith();
    const opening = await givenOpportunity({ closingDate: '2026-02-01', status: 'filled' });
    await givenReferral({ youngPersonId: person.id, opportunityId: opening.id, adviser, stage: 'started', startDate: '2026-03-01', employerIncentiveStatus: 'due', lastMovedAt: new Date('2026-03-01T10:00:00Z') });
    await scan('2026-05-29');
    expect(await remindersOf(app, adviser)).toEqual([]);
    await scan('2026-05-30');
    expect(rulesOf(await remindersOf(app, adviser))).toEqual(['employer_incentive_unclaimed']);

    const claimed = await adviserWith();
    await givenReferral({ youngPersonId: claimed.person.id, opportunityId: opening.id, adviser: claimed.adviser, stage: 'started', startDate: '2026-03-01', employerIncentiveStatus: 'claimed', lastMovedAt: new Date('2026-03-01T10:00:00Z') });
    await scan('2026-05-31');
    expect(await remindersOf(app, claimed.adviser)).toEqual([]);
  });
});

describe('employers and council staff', () => {
  it('when an employer\'s offer closes on 10 July with no referrals, then its employer users are told from 3 July; an offer with a referral is not mentioned', async () => {
    const organisationId = String(new mongoose.Types.ObjectId());
    const employer = await givenUser(app, 'employer', { organisationId });
    const lonely = await givenOpportunity({ organisationId, closingDate: '2026-07-10' });
    const referred = await givenOpportunity({ organisationId, closingDate: '2026-07-10' });
    const { adviser, person } = await adviserWith();
    await givenReferral({ youngPersonId: person.id, opportunityId: referred.id, adviser });
    await scan('2026-07-02');
    expect(await remindersOf(app, employer)).toEqual([]);
    await scan('2026-07-03');
    const items = await remindersOf(app, employer);
    expect(rulesOf(items)).toEqual(['offer_closes_without_referrals']);
    expect(items[0]!.text).toContain(lonely.title);
    expect(items[0]!.youngPersonId).toBeNull();
  });

  it('when an offer submitted on Monday 1 June still waits for approval, then council staff are told on Friday 5 June (over 3 working days), not Thursday', async () => {
    const admin: GivenUser = await givenUser(app, 'admin');
    const offer = await givenOpportunity({ status: 'pending_approval', submittedAt: new Date('2026-06-01T10:00:00Z'), closingDate: '2026-08-31' });
    await scan('2026-06-04');
    expect((await remindersOf(app, admin)).filter((item) => item.link.includes(offer.id))).toEqual([]);
    await scan('2026-06-05');
    const items = (await remindersOf(app, admin)).filter((item) => item.link.includes(offer.id));
    expect(rulesOf(items)).toEqual(['offer_awaiting_approval']);
  });
});
