import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveReferralStage } from '../../src/referrals/referrals.service.js';
import type { Actor } from '../../src/users/roles.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// moveReferralStage is the contract the employers capability builds its routes on; until those routes exist
// it is exercised here directly, with an employer's context, and asserted through the referrals API.
let app: TestApp;
let adviser: GivenUser;
let home: string;
const organisationId = String(new mongoose.Types.ObjectId());
const otherOrganisationId = String(new mongoose.Types.ObjectId());

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser');
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const employer = (orgId: string): Actor => ({ userId: String(new mongoose.Types.ObjectId()), role: 'employer', name: 'Employer', team: null, districtIds: [], organisationId: orgId });
const contextFor = (actor: Actor) => ({ actor, now: app.clock.now(), requestId: 'test-request', deps: app.deps });

async function givenReferredToOrganisation() {
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
  const opening = await givenOpenOpportunity({ districtId: home, organisationId, places: 2 });
  return givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: opening.id });
}

describe('an employer recording outcomes with moveReferralStage', () => {
  it('when the employer of the opening records a meeting, a trial with its date, an offer and a start, then the PA sees them attributed to the employer', async () => {
    const referral = await givenReferredToOrganisation();
    const actor = employer(organisationId);
    await moveReferralStage(contextFor(actor), referral.id, { stage: 'informal_meeting', eventDate: '2026-06-15' }, { asEmployerOfOrganisationId: organisationId });
    await moveReferralStage(contextFor(actor), referral.id, { stage: 'work_trial', eventDate: '2026-06-29' }, { asEmployerOfOrganisationId: organisationId });
    await moveReferralStage(contextFor(actor), referral.id, { stage: 'offered', eventDate: '2026-07-01' }, { asEmployerOfOrganisationId: organisationId });
    const started = await moveReferralStage(contextFor(actor), referral.id, { stage: 'started', eventDate: '2026-07-06' }, { asEmployerOfOrganisationId: organisationId });
    expect(started).toMatchObject({ stage: 'started', workTrialDate: '2026-06-29', startDate: '2026-07-06' });
    const seen = await app.http().get(`/referrals/${referral.id}`).set('authorization', adviser.auth);
    expect(seen.body.history.slice(1).map((h: { byRole: string; byUserId: string }) => [h.byRole, h.byUserId])).toEqual(Array.from({ length: 4 }, () => ['employer', actor.userId]));
  });

  it('when the employer records "not progressed" without a reason, then it is refused; with one, then the referral is unsuccessful', async () => {
    const referral = await givenReferredToOrganisation();
    const context = contextFor(employer(organisationId));
    await expect(moveReferralStage(context, referral.id, { stage: 'unsuccessful' }, { asEmployerOfOrganisationId: organisationId })).rejects.toMatchObject({ status: 400 });
    const moved = await moveReferralStage(context, referral.id, { stage: 'unsuccessful', reason: 'Another candidate was stronger' }, { asEmployerOfOrganisationId: organisationId });
    expect(moved).toMatchObject({ stage: 'unsuccessful', exitReason: 'Another candidate was stronger' });
  });

  it('when an employer tries to record a stage that is the PA\'s (withdrawn), then 403', async () => {
    const referral = await givenReferredToOrganisation();
    await expect(moveReferralStage(contextFor(employer(organisationId)), referral.id, { stage: 'withdrawn', reason: 'x' }, { asEmployerOfOrganisationId: organisationId })).rejects.toMatchObject({ status: 403 });
  });

  it('when the referral is for another organisation\'s opening, then 404; when the actor is not an employer of the organisation named, then 403', async () => {
    const referral = await givenReferredToOrganisation();
    await expect(moveReferralStage(contextFor(employer(otherOrganisationId)), referral.id, { stage: 'informal_meeting' }, { asEmployerOfOrganisationId: otherOrganisationId })).rejects.toMatchObject({ status: 404 });
    await expect(moveReferralStage(contextFor(employer(otherOrganisationId)), referral.id, { stage: 'informal_meeting' }, { asEmployerOfOrganisationId: organisationId })).rejects.toMatchObject({ status: 403 });
  });
});
