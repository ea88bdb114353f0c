import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, type GivenOrganisation } from '../factories/employers.js';
import { givenReferral, givenReferralMovedThrough } from '../factories/referrals.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let organisation: GivenOrganisation;
let offerId: string;
const referralIds: Record<'referred' | 'meeting', string> = {} as never;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  const manager: GivenUser = await givenUser(app, 'manager');
  const adviser: GivenUser = await givenUser(app, 'personal_adviser');
  const districtId = (await givenDistrict()).id;
  organisation = await givenOrganisation(app, manager, districtId);
  offerId = (await givenOpenEmployerOffer(app, organisation, manager, { places: 3 })).id;
  for (const key of ['referred', 'meeting'] as const) {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, employerSharing: 'anonymous_profile' });
    referralIds[key] = (await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: offerId })).id;
  }
  await givenReferralMovedThrough(app, adviser, referralIds.meeting, [{ stage: 'informal_meeting', eventDate: '2026-06-15' }]);
});
afterAll(async () => app.close());

describe('GET /employer/referrals filtered by stage', () => {
  it('when the employer asks for one stage, then only referrals at that stage', async () => {
    const response = await app.http().get(`/employer/referrals?opportunityId=${offerId}&stage=informal_meeting`).set('authorization', organisation.employer.auth);
    expect(response.status).toBe(200);
    expect((response.body.items as { id: string }[]).map((item) => item.id)).toEqual([referralIds.meeting]);
    expect(response.body.total).toBe(1);
  });

  it('when the employer asks for suggested, then nothing (suggestions stay hidden)', async () => {
    const response = await app.http().get(`/employer/referrals?stage=suggested`).set('authorization', organisation.employer.auth);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([]);
  });
});
