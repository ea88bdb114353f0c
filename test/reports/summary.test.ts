import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HousingApplicationModel } from '../../src/housing/housing-applications.model.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { ReferralModel, type ReferralStage } from '../../src/referrals/referrals.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today in these tests: Monday 15 June 2026.
let app: TestApp;
let adviser: GivenUser;
let manager: GivenUser;
let districtId: string;

async function report(as: GivenUser, query = '') {
  const response = await app.http().get(`/reports/summary${query}`).set('authorization', as.auth);
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00Z' });
  districtId = (await givenDistrict()).id;
  adviser = await givenUser(app, 'personal_adviser', { team: 'reports-team' });
  manager = await givenUser(app, 'manager', { team: 'reports-team' });
  const person = (overrides: Record<string, unknown>) => givenYoungPerson(app, adviser, { homeDistrictId: districtId, pathwayPlanReviewDate: '2026-09-01', lastContactDate: '2026-06-01', ...overrides });
  // EET cohort (care leavers 17-21): one in work, one NEET, one unknown; a 16-year-old in care is outside it.
  await person({ dateOfBirth: '2007-01-10', careStatus: 'care_leaver', activityCode: 'F5', accommodationCode: 'U1' });
  await person({ dateOfBirth: '2006-05-10', careStatus: 'care_leaver', activityCode: 'G5', accommodationCode: 'V2' });
  await person({ dateOfBirth: '2005-02-10', careStatus: 'care_leaver', activityCode: null, pathwayPlanReviewDate: '2026-06-14' });
  await person({ dateOfBirth: '2010-01-10', careStatus: 'in_care', legalCategory: 'eligible', activityCode: 'F2', pathwayPlanReviewDate: '2026-06-29', lastContactDate: '2026-04-20' });
  await person({ dateOfBirth: '2004-06-01', careStatus: 'care_leaver', pathwayPlanReviewDate: '2026-06-30', lastContactDate: '2026-04-21' });
  // Housing from 17½: reached it on 1 June 2026 and applied on 10 June; reached it on 1 March 2026 and has not applied.
  const applied = await person({ dateOfBirth: '2008-12-01', careStatus: 'in_care', legalCategory: 'eligible' });
  await person({ dateOfBirth: '2008-09-01', careStatus: 'in_care', legalCategory: 'eligible' });
  await HousingApplicationModel.create({ youngPersonId: applied.id, districtId, status: 'application_submitted', submittedDate: '2026-06-10', createdByUserId: adviser.id, guarantorPlan: { kind: 'guarantor', details: 'Council guarantor scheme' } });
  // Someone in another team never counts in this manager's figures.
  const otherAdviser = await givenUser(app, 'personal_adviser', { team: 'other-team' });
  await givenYoungPerson(app, otherAdviser, { homeDistrictId: districtId, dateOfBirth: '2007-01-10', activityCode: 'G5' });

  await OpportunityModel.create({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Business Admin', providerName: 'County Council', status: 'open', places: 2, placesFilled: 1 });
  await OpportunityModel.create({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Highways', providerName: 'County Council', status: 'filled', places: 1, placesFilled: 1 });
  // Still stored as open, but its closing date (yesterday) has passed: its free places are no longer open.
  await OpportunityModel.create({ kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Parks', providerName: 'County Council', status: 'open', closingDate: '2026-06-14', places: 2, placesFilled: 0 });
  await OpportunityModel.create({ kind: 'job', ringFenced: false, title: 'Barista', providerName: 'Cafe', status: 'open', places: 3, placesFilled: 0 });

  const referral = (stages: [ReferralStage, string][], team = 'reports-team') =>
    ReferralModel.create({
      youngPersonId: new mongoose.Types.ObjectId(), opportunityId: new mongoose.Types.ObjectId(), personalAdviserId: adviser.id, team,
      referralCode: `R-${Math.random().toString(36).slice(2, 10)}`, stage: stages.at(-1)![0], lastMovedAt: new Date(stages.at(-1)![1]),
      history: stages.map(([stage, at]) => ({ stage, at: new Date(at), byUserId: adviser.id, byRole: 'personal_adviser' })),
      createdAt: new Date(stages[0]![1]),
    });
  await referral([['referred', '2026-05-01T10:00:00Z'], ['informal_meeting', '2026-05-05T10:00:00Z'], ['work_trial', '2026-05-10T10:00:00Z'], ['offered', '2026-05-15T10:00:00Z'], ['started', '2026-05-21T10:00:00Z']]);
  await referral([['referred', '2026-05-01T10:00:00Z'], ['informal_meeting', '2026-05-06T10:00:00Z'], ['unsuccessful', '2026-05-11T10:00:00Z']]);
  await referral([['referred', '2026-06-01T10:00:00Z']]);
  await referral([['referred', '2026-06-01T10:00:00Z'], ['started', '2026-06-02T10:00:00Z']], 'other-team');
});
afterAll(async () => app.close());

describe('summary report for a manager', () => {
  it("when a manager asks, then caseloads count only their team's young people", async () => {
    const body = await report(manager);
    expect(body.team).toBe('reports-team');
    expect(body.youngPeople).toBe(7);
    expect(body.caseloads.personalAdvisers).toEqual([{ personalAdviserId: adviser.id, name: adviser.name, youngPeople: 7 }]);
  });

  it('when care leavers aged 17-21 have activity codes, then EET counts use the SSDA903 codes and leave out unknowns from the percentage', async () => {
    const { educationEmploymentAndTraining: eet } = await report(manager);
    expect(eet).toMatchObject({ total: 3, inEducationEmploymentOrTraining: 1, notInEducationEmploymentOrTraining: 1, unknown: 1, percentInEet: 50, byActivityCode: { F5: 1, G5: 1 } });
  });

  it('when accommodation codes are recorded, then suitable (1) and unsuitable (2) are counted', async () => {
    expect((await report(manager)).accommodation).toEqual({ suitable: 1, unsuitable: 1, unknown: 5 });
  });

  it('when plan reviews and contact dates fall either side of the thresholds, then only those past them count', async () => {
    expect((await report(manager)).keepingInTouch).toEqual({
      pathwayPlanReviewsOverdue: 1, // 14 June: yesterday
      pathwayPlanReviewsDueWithin14Days: 1, // 29 June: today + 14 counts, 30 June does not
      noPathwayPlanReviewDate: 0,
      noContactFor8Weeks: 1, // 20 April: exactly 8 weeks ago counts, 21 April does not
    });
  });

  it('when young people have passed 17½ and are under 18, then the report shows who has applied for housing', async () => {
    expect((await report(manager)).housingFrom17AndAHalf).toEqual({ reachedApplicationAgeAndUnder18: 2, applicationMade: 1, madeWithin4WeeksOfApplicationAge: 1, noApplicationYet: 1 });
  });

  it('when ring-fenced apprenticeships have places filled, then places and fills are totalled without other kinds, and places past the closing date are not still open', async () => {
    expect((await report(manager)).ringFencedPlaces).toEqual({ opportunities: 3, places: 5, filled: 2, stillOpen: 1 });
  });

  it("when referrals moved through the funnel, then stages reached, exits and the median time to an outcome are the team's", async () => {
    const { referrals } = await report(manager);
    expect(referrals).toMatchObject({ referrals: 3, reached: { referred: 3, informal_meeting: 2, work_trial: 1, offered: 1, started: 1, sustained: 0 }, exits: { unsuccessful: 1, declined: 0, withdrawn: 0 }, withAnOutcome: 2, medianDaysFromReferralToOutcome: 15 });
  });

  it('when an admin asks without a team, then the figures cover every team; a PA may not ask', async () => {
    const admin = await givenUser(app, 'admin');
    const body = await report(admin);
    expect(body.youngPeople).toBe(8);
    expect(body.referrals.referrals).toBe(4);
    expect((await app.http().get('/reports/summary').set('authorization', adviser.auth)).status).toBe(403);
  });
});

describe('referrals counted from a date', () => {
  it('when referralsFrom is given, then the day starts at midnight in London, not UTC (British Summer Time)', async () => {
    const admin = await givenUser(app, 'admin');
    const referredAt = (at: string) =>
      ReferralModel.create({
        youngPersonId: new mongoose.Types.ObjectId(), opportunityId: new mongoose.Types.ObjectId(), personalAdviserId: adviser.id, team: 'from-date-team',
        referralCode: `R-${Math.random().toString(36).slice(2, 10)}`, stage: 'referred', lastMovedAt: new Date(at),
        history: [{ stage: 'referred', at: new Date(at), byUserId: adviser.id, byRole: 'personal_adviser' }], createdAt: new Date(at),
      });
    await referredAt('2026-05-31T22:59:00Z'); // 23:59 on 31 May in London: before the day
    await referredAt('2026-05-31T23:00:00Z'); // 00:00 on 1 June in London: the day itself
    await referredAt('2026-06-01T10:00:00Z'); // later on 1 June
    const { referrals } = await report(admin, '?team=from-date-team&referralsFrom=2026-06-01');
    expect(referrals.referrals).toBe(2);
  });
});
