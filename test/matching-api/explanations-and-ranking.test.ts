import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { getMatches } from './matching-helpers.js';

// Today is 2026-06-15. Each test works in an area of its own, far from the others, and ignores remote offers
// other tests made by looking only at the openings it created.
let app: TestApp;
let adviser: GivenUser;
let area = 0;
const newArea = async () => (await givenDistrict({ latitude: 50.5 + area * 0.6, longitude: -3 + (area++ % 2) })).id;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser');
});
afterAll(async () => app.close());

describe('the explanation a PA reads', () => {
  it('when an opening fits on every count, then the reasons list each with its points, adding up to the score, highest first', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ subject: 'Maths', level: 3, grade: 'B' }] });
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'digital', kind: 'ring_fenced_apprenticeship', ringFenced: true, closingDate: '2026-06-20', requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const body = await getMatches(app, adviser, person.id);
    const match = body.matches.find((m) => m.opportunity.id === opening.id)!;
    expect(match.outcome).toBe('match');
    expect(match.missing).toEqual([]);
    expect(match.reasons).toEqual([
      { code: 'sector_interest', points: 40, text: 'Interested in digital' },
      { code: 'ring_fenced', points: 30, text: 'Ring-fenced for children in care and care leavers: offered to them before anyone else' },
      { code: 'distance', points: 20, text: 'In one of their districts (they travel up to 20 km)' },
      { code: 'qualification_above', points: 15, text: 'Has Level 3 Maths, above the Level 2 needed' },
      { code: 'closing_within_7_days', points: 10, text: 'Closes in 5 days (2026-06-20): refer soon' },
    ]);
    expect(match.score).toBe(115);
    expect(match.opportunity).toMatchObject({ id: opening.id, title: opening.title, kind: 'ring_fenced_apprenticeship', closingDate: '2026-06-20', placesLeft: 1 });
  });

  it('when one qualification is missing, then it is listed apart as a near miss saying what to work on', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'English', level: 1, grade: '3' }] });
    const opening = await givenOpenOpportunity({ districtId: home, requiredQualifications: [{ subject: 'English', level: 2 }] });
    const body = await getMatches(app, adviser, person.id);
    expect(body.matches.map((m) => m.opportunity.id)).not.toContain(opening.id);
    const nearMiss = body.nearMisses.find((m) => m.opportunity.id === opening.id)!;
    expect(nearMiss.outcome).toBe('near_miss');
    expect(nearMiss.missing).toEqual([{ subject: 'english', level: 2, heldLevel: 1, awaitingCheck: false }]);
    expect(nearMiss.reasons.at(-1)).toEqual({ code: 'qualification_missing', points: 0, text: 'Needs Level 2 English: holds Level 1' });
  });

  it('when they hold no qualification in the subject, then the near miss says so', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [] });
    const opening = await givenOpenOpportunity({ districtId: home, requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const nearMiss = (await getMatches(app, adviser, person.id)).nearMisses.find((m) => m.opportunity.id === opening.id)!;
    expect(nearMiss.reasons.at(-1)!.text).toBe('Needs Level 2 Maths: holds no Maths qualification');
    expect(nearMiss.missing).toEqual([{ subject: 'maths', level: 2, heldLevel: null, awaitingCheck: false }]);
  });
});

describe('ranking and limits', () => {
  it('when openings differ in fit, then the better fit ranks first, and ?limit= caps matches and near misses separately', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['care_services'], qualifications: [] });
    const best = await givenOpenOpportunity({ districtId: home, sector: 'care_services', ringFenced: true, kind: 'ring_fenced_apprenticeship' });
    const middle = await givenOpenOpportunity({ districtId: home, sector: 'care_services' });
    const worst = await givenOpenOpportunity({ districtId: home, sector: 'hair_and_beauty' });
    const body = await getMatches(app, adviser, person.id);
    const ours = body.matches.map((m) => m.opportunity.id).filter((id) => [best.id, middle.id, worst.id].includes(id));
    expect(ours).toEqual([best.id, middle.id, worst.id]);
    const limited = await getMatches(app, adviser, person.id, 1);
    expect(limited.matches).toHaveLength(1);
    expect(limited.matches[0]!.opportunity.id).toBe(best.id);
  });

  it('when a referral already exists, then the match shows its stage', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const opening = await givenOpenOpportunity({ districtId: home });
    const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: opening.id });
    const match = (await getMatches(app, adviser, person.id)).matches.find((m) => m.opportunity.id === opening.id)!;
    expect(match.referral).toEqual({ id: referral.id, stage: 'referred' });
  });

  it('when ?limit= is 0 or not a number, then 400', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: await newArea() });
    for (const limit of ['0', 'ten']) {
      expect((await app.http().get(`/young-people/${person.id}/matches?limit=${limit}`).set('authorization', adviser.auth)).status).toBe(400);
    }
  });
});
