import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { placement } from './matching-helpers.js';

// GOV.UK: a required qualification is essential or desirable. Only essential ones exclude or make a near miss;
// desirable ones earn points when held. Checked both ways: a young person's openings and an opening's candidates.
let app: TestApp;
let adviser: GivenUser;
let manager: GivenUser;
let area = 0;
const newArea = async () => (await givenDistrict({ latitude: 53.1 + area * 0.6, longitude: -1.5 - (area++ % 2) })).id;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser', { team: 'importance-team' });
  manager = await givenUser(app, 'manager', { team: 'importance-team' });
});
afterAll(async () => app.close());

type Candidate = { youngPerson: { id: string }; score: number; reasons: { code: string }[] };
async function candidateOutcome(opportunityId: string, youngPersonId: string): Promise<{ where: 'match' | 'near_miss' | 'absent'; score: number | null }> {
  const response = await app.http().get(`/opportunities/${opportunityId}/candidates`).set('authorization', manager.auth);
  expect(response.status).toBe(200);
  const body = response.body as { matches: Candidate[]; nearMisses: Candidate[] };
  const match = body.matches.find((c) => c.youngPerson.id === youngPersonId);
  const near = body.nearMisses.find((c) => c.youngPerson.id === youngPersonId);
  return { where: match ? 'match' : near ? 'near_miss' : 'absent', score: (match ?? near)?.score ?? null };
}

describe('essential and desirable qualifications', () => {
  it('when a young person lacks two desirable qualifications, then it is still a match in /matches and /candidates; lacking two essential ones, then neither lists them', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [] });
    const desirable = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2, importance: 'desirable' }, { subject: 'English', level: 2, importance: 'desirable' }] });
    const essential = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2, importance: 'essential' }, { subject: 'English', level: 2 }] });
    expect(await placement(app, adviser, person.id, [desirable.id, essential.id])).toEqual({ [desirable.id]: 'match', [essential.id]: 'absent' });
    expect((await candidateOutcome(desirable.id, person.id)).where).toBe('match');
    expect((await candidateOutcome(essential.id, person.id)).where).toBe('absent');
  });

  it('when one essential is missing, then a near miss both ways; one desirable missing, then a match both ways', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [] });
    const oneEssential = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const oneDesirable = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2, importance: 'desirable' }] });
    expect(await placement(app, adviser, person.id, [oneEssential.id, oneDesirable.id])).toEqual({ [oneEssential.id]: 'near_miss', [oneDesirable.id]: 'match' });
    expect((await candidateOutcome(oneEssential.id, person.id)).where).toBe('near_miss');
    expect((await candidateOutcome(oneDesirable.id, person.id)).where).toBe('match');
  });

  it('when a desirable qualification is held, then it scores the met points, so the holder ranks above one without it', async () => {
    const home = await newArea();
    const holder = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ type: 'other', subject: 'Maths', level: 2 }] });
    const without = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [] });
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2, importance: 'desirable' }] });
    const withIt = await candidateOutcome(opening.id, holder.id);
    const withoutIt = await candidateOutcome(opening.id, without.id);
    expect(withIt.where).toBe('match');
    expect(withoutIt.where).toBe('match');
    expect(withIt.score! - withoutIt.score!).toBe(10);
  });
});
