import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferralEventModel } from '../../src/referrals/referral-events.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough, moveStage } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let adviser: GivenUser;
let manager: GivenUser;
let home: string;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser', { team: 'stages-team' });
  manager = await givenUser(app, 'manager', { team: 'stages-team' });
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

async function givenReferred(as: GivenUser = adviser) {
  const person = await givenYoungPerson(app, as, { homeDistrictId: home });
  const opening = await givenOpenOpportunity({ districtId: home, places: 5 });
  return givenReferral(app, as, { youngPersonId: person.id, opportunityId: opening.id });
}

describe('moving a referral through the funnel', () => {
  it('when it goes referred, informal meeting, work trial, offered, started, then each step is dated, attributed, and counted as an outcome', async () => {
    const referral = await givenReferred();
    const moved = await givenReferralMovedThrough(app, adviser, referral.id, [
      { stage: 'informal_meeting', eventDate: '2026-06-17' },
      { stage: 'work_trial', eventDate: '2026-06-22' },
      { stage: 'offered', eventDate: '2026-06-29' },
      { stage: 'started', eventDate: '2026-07-06' },
    ]);
    expect(moved).toMatchObject({ stage: 'started', informalMeetingDate: '2026-06-17', workTrialDate: '2026-06-22', offeredDate: '2026-06-29', startDate: '2026-07-06', outcomesReached: ['informal_meeting', 'work_trial', 'offered', 'started'] });
    expect((moved.history as { stage: string; byUserId: string; eventDate: string }[]).map((h) => [h.stage, h.byUserId, h.eventDate])).toEqual([
      ['referred', adviser.id, '2026-06-15'],
      ['informal_meeting', adviser.id, '2026-06-17'],
      ['work_trial', adviser.id, '2026-06-22'],
      ['offered', adviser.id, '2026-06-29'],
      ['started', adviser.id, '2026-07-06'],
    ]);
    const events = await ReferralEventModel.find({ referralId: referral.id }).sort({ _id: 1 }).lean();
    expect(events.map((e) => e.stage)).toEqual(['referred', 'informal_meeting', 'work_trial', 'offered', 'started']);
  });

  it('when an informal meeting was attended and then the young person declined, then the meeting still counts as an outcome', async () => {
    const referral = await givenReferred();
    const moved = await givenReferralMovedThrough(app, adviser, referral.id, ['informal_meeting', { stage: 'declined', reason: 'Prefers outdoor work' }]);
    expect(moved).toMatchObject({ stage: 'declined', exitReason: 'Prefers outdoor work', outcomesReached: ['informal_meeting'] });
  });

  it('when a move skips past the funnel (referred to started), then 409 says where it can go', async () => {
    const referral = await givenReferred();
    const response = await moveStage(app, adviser, referral.id, { stage: 'started' });
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('A referral at referred cannot move to started; it can move to informal meeting, work trial, offered, declined, withdrawn, unsuccessful.');
  });

  it.each(['declined', 'withdrawn', 'unsuccessful'])('when it ends as %s without a reason, then 400; with one, then it ends and can move no further', async (exit) => {
    const referral = await givenReferred();
    const withoutReason = await moveStage(app, adviser, referral.id, { stage: exit });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.errors).toEqual([{ path: 'reason', message: `is required when a referral ends as ${exit}` }]);
    const ended = await moveStage(app, adviser, referral.id, { stage: exit, reason: 'Recorded reason' });
    expect(ended.status).toBe(200);
    expect(ended.body.exitReason).toBe('Recorded reason');
    const after = await moveStage(app, adviser, referral.id, { stage: 'informal_meeting' });
    expect(after.status).toBe(409);
    expect(after.body.detail).toMatch(/it has ended/);
  });

  it('when a started young person leaves early, then the referral can be withdrawn with the reason', async () => {
    const referral = await givenReferred();
    const moved = await givenReferralMovedThrough(app, adviser, referral.id, ['offered', 'started', { stage: 'withdrawn', reason: 'Moved out of the area' }]);
    expect(moved).toMatchObject({ stage: 'withdrawn', outcomesReached: ['offered', 'started'] });
  });
});

describe('sustained: still there 3 months after the start', () => {
  async function givenStartedOn(startDate: string) {
    const referral = await givenReferred();
    await givenReferralMovedThrough(app, adviser, referral.id, ['offered', { stage: 'started', eventDate: startDate }]);
    return referral;
  }

  it('when recorded the day before 3 calendar months, then 409; on the day, then sustained', async () => {
    const referral = await givenStartedOn('2026-06-15');
    const early = await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2026-09-14' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/not before 2026-09-15/);
    const onTheDay = await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2026-09-15' });
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.body).toMatchObject({ stage: 'sustained', sustainedDate: '2026-09-15', outcomesReached: ['offered', 'started', 'sustained'] });
  });

  it('when the start was on 30 November, then 3 months later is 1 March (there is no 30 February): 28 February is too early, 1 March is fine', async () => {
    const referral = await givenStartedOn('2026-11-30');
    expect((await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2027-02-28' })).status).toBe(409);
    expect((await moveStage(app, adviser, referral.id, { stage: 'sustained', eventDate: '2027-03-01' })).status).toBe(200);
  });

  it('when no date is given, then today is used: too early today, then fine once the clock reaches 3 months', async () => {
    const referral = await givenStartedOn('2026-06-15');
    expect((await moveStage(app, adviser, referral.id, { stage: 'sustained' })).status).toBe(409);
    app.clock.set('2026-09-15T08:00:00.000Z');
    try {
      const managerLater = await givenUser(app, 'manager', { team: 'stages-team' }); // sessions expire: sign in on the day
      const response = await moveStage(app, managerLater, referral.id, { stage: 'sustained' });
      expect(response.status).toBe(200);
      expect(response.body.sustainedDate).toBe('2026-09-15');
    } finally {
      app.clock.set('2026-06-15T09:00:00.000Z');
    }
  });
});

describe('who may move a referral', () => {
  it('when the team manager moves it, then it moves and the history says a manager did', async () => {
    const referral = await givenReferred();
    const response = await moveStage(app, manager, referral.id, { stage: 'informal_meeting' });
    expect(response.status).toBe(200);
    expect(response.body.history.at(-1)).toMatchObject({ byUserId: manager.id, byRole: 'manager' });
  });

  it('when another PA, or a manager of another team, tries, then 404; an employer, then 403', async () => {
    const referral = await givenReferred();
    const otherAdviser = await givenUser(app, 'personal_adviser', { team: 'stages-team' });
    const otherManager = await givenUser(app, 'manager', { team: 'other-team' });
    expect((await moveStage(app, otherAdviser, referral.id, { stage: 'informal_meeting' })).status).toBe(404);
    expect((await moveStage(app, otherManager, referral.id, { stage: 'informal_meeting' })).status).toBe(404);
    expect((await moveStage(app, await givenUser(app, 'employer'), referral.id, { stage: 'informal_meeting' })).status).toBe(403);
  });

  it('when a stage changes, then the young person\'s audit trail records the update', async () => {
    const referral = await givenReferred();
    await moveStage(app, adviser, referral.id, { stage: 'informal_meeting' });
    const audit = await app.http().get(`/young-people/${referral.youngPersonId}/audit`).set('authorization', manager.auth);
    expect(audit.status).toBe(200);
    expect(audit.body.map((e: { action: string; resource: string; via: string }) => `${e.action} ${e.resource} ${e.via}`)).toEqual(
      expect.arrayContaining(['create referral POST /referrals', 'update referral POST /referrals/:id/stage']),
    );
  });
});
