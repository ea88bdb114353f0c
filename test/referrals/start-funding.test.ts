import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity, type OpenOpportunityOverrides } from '../factories/opportunities.js';
import { givenReferral, givenReferralMovedThrough } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Distinct amounts prove the figures come from configuration.
const BURSARY = 250_000;
const INCENTIVE = 90_000;

let app: TestApp;
let adviser: GivenUser;
let home: string;

beforeAll(async () => {
  app = await startTestApp({ config: { CARE_LEAVER_BURSARY_PENCE: String(BURSARY), EMPLOYER_INCENTIVE_PENCE: String(INCENTIVE) } });
  adviser = await givenUser(app, 'personal_adviser');
  home = (await givenDistrict()).id;
});
afterAll(async () => app.close());

/** Refers, offers and starts on `startDate`; the opening has no age limits so only the funding rules decide. */
async function started(person: Record<string, unknown>, opening: OpenOpportunityOverrides, startDate = '2026-06-15') {
  const youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId: home, ...person });
  const opportunity = await givenOpenOpportunity({ districtId: home, minAgeAtStart: null, maxAgeAtStart: null, startDate: null, ...opening });
  const referral = await givenReferral(app, adviser, { youngPersonId: youngPerson.id, opportunityId: opportunity.id });
  return givenReferralMovedThrough(app, adviser, referral.id, ['offered', { stage: 'started', eventDate: startDate }]);
}

describe('starting a care leaver apprentice', () => {
  it('when they agreed the employer may know they are a care leaver, then the bursary is recorded and the employer incentive is due', async () => {
    const referral = await started({ careStatus: 'care_leaver', employerMayKnowCareLeaver: true }, { kind: 'ring_fenced_apprenticeship', ringFenced: true });
    expect(referral.bursary).toEqual({ amountPence: BURSARY, reason: null });
    expect(referral.employerIncentive).toEqual({ status: 'due', amountPence: INCENTIVE, reason: null });
  });

  it('when they are 19 to 24 and have not agreed, then the bursary is still recorded and the incentive is not due, with the reason', async () => {
    const referral = await started({ careStatus: 'care_leaver', dateOfBirth: '2005-01-10', employerMayKnowCareLeaver: false }, { kind: 'apprenticeship' });
    expect(referral.bursary).toEqual({ amountPence: BURSARY, reason: null });
    expect(referral.employerIncentive).toEqual({ status: 'not_due', amountPence: null, reason: 'The young person has not agreed that the employer may be told they are a care leaver' });
  });

  it('when the opening is a job, not an apprenticeship, then no bursary and no incentive, with the reason', async () => {
    const referral = await started({ careStatus: 'care_leaver', employerMayKnowCareLeaver: true }, { kind: 'job' });
    expect(referral.bursary).toEqual({ amountPence: null, reason: 'Not an apprenticeship' });
    expect(referral.employerIncentive).toEqual({ status: null, amountPence: null, reason: null });
  });

  it('when the young person is still in care, then no care leaver bursary', async () => {
    const referral = await started({ careStatus: 'in_care', legalCategory: 'eligible', dateOfBirth: '2009-01-10', employerMayKnowCareLeaver: true }, { kind: 'apprenticeship' });
    expect(referral.bursary).toEqual({ amountPence: null, reason: 'Not a care leaver' });
  });

  it('when they turn 25 the day before, on, or the day after the start, then no bursary, no bursary, and a bursary', async () => {
    const dayBefore = await started({ dateOfBirth: '2001-06-14', employerMayKnowCareLeaver: true }, { kind: 'apprenticeship' }, '2026-06-15');
    const onTheDay = await started({ dateOfBirth: '2001-06-15', employerMayKnowCareLeaver: true }, { kind: 'apprenticeship' }, '2026-06-15');
    const dayAfter = await started({ dateOfBirth: '2001-06-16', employerMayKnowCareLeaver: true }, { kind: 'apprenticeship' }, '2026-06-15');
    expect(dayBefore.bursary).toEqual({ amountPence: null, reason: '25 or over on the start date' });
    expect(onTheDay.bursary).toEqual({ amountPence: null, reason: '25 or over on the start date' });
    expect(dayAfter.bursary).toEqual({ amountPence: BURSARY, reason: null });
    expect(dayAfter.employerIncentive).toMatchObject({ status: 'due' });
  });
});

describe('the employer incentive by age on the start date (start on 15 June 2026)', () => {
  const NOT_AGREED = 'The young person has not agreed that the employer may be told they are a care leaver';
  const due = { status: 'due', amountPence: INCENTIVE, reason: null };

  it.each([
    ['18 and 364 days, not agreed', '2007-06-16', false, due],
    ['19 on the start date, not agreed', '2007-06-15', false, { status: 'not_due', amountPence: null, reason: NOT_AGREED }],
    ['19 on the start date, agreed', '2007-06-15', true, due],
    ['24 and 364 days, agreed', '2001-06-16', true, due],
    ['25 on the start date, agreed', '2001-06-15', true, { status: 'not_due', amountPence: null, reason: '25 or over on the start date' }],
  ] as const)('when the apprentice is %s, then the incentive is as the age band says', async (_what, dateOfBirth, employerMayKnowCareLeaver, incentive) => {
    const referral = await started({ careStatus: 'care_leaver', dateOfBirth, employerMayKnowCareLeaver }, { kind: 'apprenticeship' });
    expect(referral.employerIncentive).toEqual(incentive);
  });

  it('when a 17-year-old still in care starts, then the incentive is due without their agreement (every 16-18 apprentice) but there is no care leaver bursary', async () => {
    const referral = await started({ careStatus: 'in_care', legalCategory: 'eligible', dateOfBirth: '2009-01-10', employerMayKnowCareLeaver: false }, { kind: 'ring_fenced_apprenticeship', ringFenced: true });
    expect(referral.employerIncentive).toEqual(due);
    expect(referral.bursary).toEqual({ amountPence: null, reason: 'Not a care leaver' });
  });
});
