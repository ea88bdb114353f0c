import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough, moveStage } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let home: string;

beforeAll(async () => {
  app = await startTestApp();
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

/** A referral at `offered` for a new young person on `adviser`'s caseload. */
async function givenOffered(adviser: GivenUser, opportunityId: string) {
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
  const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId });
  await givenReferralMovedThrough(app, adviser, referral.id, ['offered']);
  return referral;
}

const stored = async (id: string) => (await OpportunityModel.findById(id).lean())!;
const stageOf = async (as: GivenUser, referralId: string) => (await app.http().get(`/referrals/${referralId}`).set('authorization', as.auth)).body.stage as string;

describe('taking a place when a referral reaches started', () => {
  it('when one of two places is taken, then placesFilled is 1 and the opening stays open', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const opening = await givenOpenOpportunity({ districtId: home, kind: 'ring_fenced_apprenticeship', ringFenced: true, places: 2 });
    const referral = await givenOffered(adviser, opening.id);
    expect((await moveStage(app, adviser, referral.id, { stage: 'started' })).status).toBe(200);
    expect(await stored(opening.id)).toMatchObject({ placesFilled: 1, status: 'open' });
  });

  it('when two PAs start the last place at the same moment, then exactly one succeeds, the other gets 409 and stays at offered, and the opening is filled', async () => {
    const [first, second] = await Promise.all([givenUser(app, 'personal_adviser'), givenUser(app, 'personal_adviser')]);
    const opening = await givenOpenOpportunity({ districtId: home, kind: 'ring_fenced_apprenticeship', ringFenced: true, places: 1 });
    const referrals = [await givenOffered(first!, opening.id), await givenOffered(second!, opening.id)];
    const responses = await Promise.all([moveStage(app, first!, referrals[0]!.id, { stage: 'started' }), moveStage(app, second!, referrals[1]!.id, { stage: 'started' })]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.findIndex((r) => r.status === 409);
    expect(responses[loser]!.body.detail).toMatch(/No place is left/);
    expect(await stageOf(loser === 0 ? first! : second!, referrals[loser]!.id)).toBe('offered');
    expect(await stored(opening.id)).toMatchObject({ places: 1, placesFilled: 1, status: 'filled' });
  });

  it('when 10 referrals start at once for 3 places, then exactly 3 succeed and placesFilled never exceeds 3', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const opening = await givenOpenOpportunity({ districtId: home, places: 3 });
    const referrals = [];
    for (let i = 0; i < 10; i += 1) referrals.push(await givenOffered(adviser, opening.id));
    const responses = await Promise.all(referrals.map((r) => moveStage(app, adviser, r.id, { stage: 'started' })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await stored(opening.id)).toMatchObject({ places: 3, placesFilled: 3, status: 'filled' });
    const list = await app.http().get(`/referrals?opportunityId=${opening.id}&stage=started`).set('authorization', adviser.auth);
    expect(list.body.total).toBe(3);
  });

  it('when the same referral is started by 10 requests at once, then one succeeds and only one place is taken', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const opening = await givenOpenOpportunity({ districtId: home, places: 5 });
    const referral = await givenOffered(adviser, opening.id);
    const responses = await Promise.all(Array.from({ length: 10 }, () => moveStage(app, adviser, referral.id, { stage: 'started' })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await stored(opening.id)).toMatchObject({ placesFilled: 1, status: 'open' });
  });

  it('when the opening has closed by its closing date, then a start still takes a place; when it was withdrawn, then 409', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const closedLater = await givenOpenOpportunity({ districtId: home, places: 1 });
    const withdrawnLater = await givenOpenOpportunity({ districtId: home, places: 1 });
    const a = await givenOffered(adviser, closedLater.id);
    const b = await givenOffered(adviser, withdrawnLater.id);
    await OpportunityModel.updateOne({ _id: closedLater.id }, { $set: { status: 'closed', closedReason: 'closing_date' } });
    await OpportunityModel.updateOne({ _id: withdrawnLater.id }, { $set: { status: 'withdrawn' } });
    expect((await moveStage(app, adviser, a.id, { stage: 'started' })).status).toBe(200);
    expect(await stored(closedLater.id)).toMatchObject({ placesFilled: 1, status: 'filled' });
    expect((await moveStage(app, adviser, b.id, { stage: 'started' })).status).toBe(409);
    expect(await stored(withdrawnLater.id)).toMatchObject({ placesFilled: 0, status: 'withdrawn' });
  });
});
