import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { placement } from '../matching-api/matching-helpers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The Care Leaver Covenant's five areas, and national offers (no district, available to all).
let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let organisation: GivenOrganisation;
let near: string;
let far: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  near = (await givenDistrict({ latitude: 50.2, longitude: -5.0 })).id;
  far = (await givenDistrict({ latitude: 55.8, longitude: -2.0 })).id;
  organisation = await givenOrganisation(app, manager, near);
});
afterAll(async () => app.close());

const benefit = (overrides: Record<string, unknown>) => ({ kind: 'benefit', description: 'A travel card for a year', benefitType: 'Travel card', sector: null, level: null, startDate: null, weeklyHours: null, durationMonths: null, wageType: null, requiredQualifications: [], ...overrides });
const browse = async (query: string) => {
  const response = await app.http().get(`/opportunities?${query}&limit=500`).set('authorization', adviser.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id);
};

describe('Covenant areas', () => {
  it('when an offer names no area, then it takes its kind\'s (work: education, employment and training; a benefit: independent living)', async () => {
    const apprenticeship = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody());
    expect(apprenticeship.body.areas).toEqual(['education_employment_training']);
    const card = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody(benefit({ remote: true })));
    expect(card.body.areas).toEqual(['independent_living']);
  });

  it('when an area is unknown, repeated, or the list empty, then 400', async () => {
    for (const areas of [['housing'], ['finance', 'finance'], []]) {
      const response = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody({ areas }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.errors)).toContain('areas');
    }
  });

  it('when a PA browses by area, kind and district, then only the open offers that fit, national ones in every district', async () => {
    const money = await givenOpenEmployerOffer(app, organisation, manager, benefit({ areas: ['finance', 'independent_living'], remote: false, districtId: near }));
    const health = await givenOpenEmployerOffer(app, organisation, manager, benefit({ areas: ['mental_physical_health'], national: true, remote: false, districtId: null }));
    expect(health).toMatchObject({ national: true, districtId: null });
    expect(await browse('area=finance')).toContain(money.id);
    expect(await browse('area=finance')).not.toContain(health.id);
    expect(await browse('area=mental_physical_health&kind=benefit')).toContain(health.id);
    expect(await browse('area=mental_physical_health&kind=job')).not.toContain(health.id);
    expect(await browse(`districtId=${far}`)).toContain(health.id);
    expect(await browse(`districtId=${far}`)).not.toContain(money.id);
    expect((await app.http().get('/opportunities?area=housing').set('authorization', adviser.auth)).status).toBe(400);
  });

  it('when a national offer names a district, then 400; a national offer reaches a young person far away, a local one does not', async () => {
    const both = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody(benefit({ national: true, remote: false, districtId: near })));
    expect(both.status).toBe(400);
    const national = await givenOpenEmployerOffer(app, organisation, manager, benefit({ national: true, remote: false, districtId: null }));
    const local = await givenOpenEmployerOffer(app, organisation, manager, benefit({ remote: false, districtId: near }));
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: far });
    expect(await placement(app, adviser, person.id, [national.id, local.id])).toEqual({ [national.id]: 'match', [local.id]: 'absent' });
  });
});
