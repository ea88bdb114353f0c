import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough, moveStage } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today in these tests: Monday 15 June 2026; every referral here is made today.
const TEAM = 'event-dates-team';
let app: TestApp;
let adviser: GivenUser;
let home: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  adviser = await givenUser(app, 'personal_adviser', { team: TEAM });
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

async function givenReferredToday(by: GivenUser = adviser) {
  const person = await givenYoungPerson(app, by, { homeDistrictId: home });
  const opening = await givenOpenOpportunity({ districtId: home, places: 5 });
  return givenReferral(app, by, { youngPersonId: person.id, opportunityId: opening.id });
}

describe('event dates of referral steps', () => {
  it('when a step is dated the day before the referral was made, then 409 says so; dated the day it was made, then it moves', async () => {
    const referral = await givenReferredToday();
    const early = await moveStage(app, adviser, referral.id, { stage: 'informal_meeting', eventDate: '2026-06-14' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('The date, 14 June 2026, is before the referral was made (15 June 2026); give the day the step happened.');
    const sameDay = await moveStage(app, adviser, referral.id, { stage: 'informal_meeting', eventDate: '2026-06-15' });
    expect(sameDay.status).toBe(200);
    expect(sameDay.body.informalMeetingDate).toBe('2026-06-15');
  });

  it("when a step is dated the day before the previous step's event date, then 409 names that step; the same day, then it moves", async () => {
    const referral = await givenReferredToday();
    await givenReferralMovedThrough(app, adviser, referral.id, [{ stage: 'informal_meeting', eventDate: '2026-06-22' }]);
    const before = await moveStage(app, adviser, referral.id, { stage: 'work_trial', eventDate: '2026-06-21' });
    expect(before.status).toBe(409);
    expect(before.body.detail).toBe('The date, 21 June 2026, is before the previous step (informal meeting on 22 June 2026); steps are dated in the order they happen.');
    expect((await moveStage(app, adviser, referral.id, { stage: 'work_trial', eventDate: '2026-06-22' })).status).toBe(200);
  });

  it('when a step is dated more than a year ahead, then 400 on eventDate; exactly a year ahead, then it moves', async () => {
    const referral = await givenReferredToday();
    const tooFar = await moveStage(app, adviser, referral.id, { stage: 'offered', eventDate: '2027-06-16' });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.errors).toEqual([{ path: 'eventDate', message: 'must be no more than a year ahead (15 June 2027 at the latest)' }]);
    const aYear = await moveStage(app, adviser, referral.id, { stage: 'offered', eventDate: '2027-06-15' });
    expect(aYear.status).toBe(200);
    expect(aYear.body.offeredDate).toBe('2027-06-15');
  });

  it("when a start is dated ahead of the day it is recorded, then sustained counts 3 months from the start's event date", async () => {
    const referral = await givenReferredToday();
    await givenReferralMovedThrough(app, adviser, referral.id, ['offered', { stage: 'started', eventDate: '2026-07-31' }]);
    const early = await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2026-10-30' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('Sustained means still there 3 months after the start (2026-07-31): not before 2026-10-31.');
    expect((await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2026-10-31' })).status).toBe(200);
  });
});

describe('days between steps in the board figures', () => {
  it('when steps are recorded today but dated later, then the median days between them count to the event dates, not to when they were typed', async () => {
    const manager = await givenUser(app, 'manager', { team: 'event-dates-report-team' });
    const reportingAdviser = await givenUser(app, 'personal_adviser', { team: 'event-dates-report-team' }); // only these referrals
    // Five referred today (15 June), offered on 1 July and started 14, 14, 15, 16 and 20 days later: median 15.
    for (const days of [14, 14, 15, 16, 20]) {
      const referral = await givenReferredToday(reportingAdviser);
      await givenReferralMovedThrough(app, reportingAdviser, referral.id, [{ stage: 'offered', eventDate: '2026-07-01' }, { stage: 'started', eventDate: `2026-07-${String(1 + days).padStart(2, '0')}` }]);
    }
    const response = await app.http().get('/reports/referral-funnel?from=2026-06-15&to=2026-06-15').set('authorization', manager.auth);
    expect(response.status).toBe(200);
    const step = (key: string) => response.body.table.rows.find((row: { key: string }) => row.key === key).values;
    // From the offer (1 July) to the start: typed on 15 June, they would all be 0 days.
    expect(step('started')).toMatchObject({ reached: 5, medianDays: 15 });
  });
});
