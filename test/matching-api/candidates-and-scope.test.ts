import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity, missingOpportunityId } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let home: string;
let northAdviser: GivenUser;
let southAdviser: GivenUser;
let northManager: GivenUser;
let admin: GivenUser;

beforeAll(async () => {
  app = await startTestApp();
  home = (await givenDistrict({ latitude: 52.0, longitude: -0.5 })).id;
  northAdviser = await givenUser(app, 'personal_adviser', { team: 'cand-north' });
  southAdviser = await givenUser(app, 'personal_adviser', { team: 'cand-south' });
  northManager = await givenUser(app, 'manager', { team: 'cand-north' });
  admin = await givenUser(app, 'admin');
});
afterAll(async () => app.close());

type CandidatesBody = { matches: Candidate[]; nearMisses: Candidate[] };
type Candidate = { youngPerson: { id: string; name: string; age: { years: number; months: number } }; score: number; reasons: { code: string }[]; missing: unknown[] };

const candidates = (as: GivenUser, opportunityId: string, query = '') => app.http().get(`/opportunities/${opportunityId}/candidates${query}`).set('authorization', as.auth);

describe('GET /opportunities/:id/candidates', () => {
  it('when a manager asks, then ranked young people of their team only, with summary fields and why they fit; near misses apart', async () => {
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'digital', requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const keen = await givenYoungPerson(app, northAdviser, { homeDistrictId: home, firstName: 'Sam', lastName: 'Keen', preferredName: null, interests: ['digital'], dateOfBirth: '2007-01-20' });
    const lukewarm = await givenYoungPerson(app, northAdviser, { homeDistrictId: home, interests: ['care_services'] });
    const nearMiss = await givenYoungPerson(app, northAdviser, { homeDistrictId: home, qualifications: [] });
    const otherTeam = await givenYoungPerson(app, southAdviser, { homeDistrictId: home, interests: ['digital'] });
    const response = await candidates(northManager, opening.id);
    expect(response.status).toBe(200);
    const body = response.body as CandidatesBody;
    expect(body.matches.map((c) => c.youngPerson.id)).toEqual([keen.id, lukewarm.id]);
    expect(body.nearMisses.map((c) => c.youngPerson.id)).toEqual([nearMiss.id]);
    expect(body.matches[0]).toMatchObject({ youngPerson: { id: keen.id, name: 'Sam Keen', age: { years: 19, months: 4 } }, outcome: 'match' });
    expect(Object.keys(body.matches[0]!.youngPerson).sort()).toEqual(['age', 'id', 'name']);
    expect(body.matches[0]!.reasons.map((r) => r.code)).toContain('sector_interest');
    expect(JSON.stringify(body)).not.toContain(otherTeam.id);
  });

  it('when an admin asks, then every team\'s young people who fit', async () => {
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'construction_and_the_built_environment' });
    const north = await givenYoungPerson(app, northAdviser, { homeDistrictId: home });
    const south = await givenYoungPerson(app, southAdviser, { homeDistrictId: home });
    const ids = ((await candidates(admin, opening.id)).body as CandidatesBody).matches.map((c) => c.youngPerson.id);
    expect(ids).toEqual(expect.arrayContaining([north.id, south.id]));
  });

  it('when hard rules exclude some young people (age at start, care status, distance, consent), then only those who pass are candidates', async () => {
    const team = await givenUser(app, 'personal_adviser', { team: 'cand-rules' });
    const manager = await givenUser(app, 'manager', { team: 'cand-rules' });
    const far = (await givenDistrict({ latitude: 54.5, longitude: -2.5 })).id;
    const opening = await givenOpenOpportunity({ districtId: home, startDate: '2026-09-01', minAgeAtStart: 18, maxAgeAtStart: 24, eligibleCareStatus: 'care_leaver', sharingNeeded: 'name_and_contact' });
    const fits = await givenYoungPerson(app, team, { homeDistrictId: home, employerSharing: 'name_and_contact', dateOfBirth: '2008-09-01' });
    await givenYoungPerson(app, team, { homeDistrictId: home, employerSharing: 'name_and_contact', dateOfBirth: '2008-09-02' }); // 17 on the start date
    await givenYoungPerson(app, team, { homeDistrictId: home, employerSharing: 'name_and_contact', careStatus: 'in_care', legalCategory: 'eligible', dateOfBirth: '2008-01-10' });
    await givenYoungPerson(app, team, { homeDistrictId: far, employerSharing: 'name_and_contact' });
    await givenYoungPerson(app, team, { homeDistrictId: home, employerSharing: 'anonymous_profile' });
    const body = (await candidates(manager, opening.id)).body as CandidatesBody;
    expect(body.matches.map((c) => c.youngPerson.id)).toEqual([fits.id]);
    expect(body.nearMisses).toEqual([]);
  });

  it('when ?limit=1, then only the best candidate', async () => {
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'hair_and_beauty' });
    const best = await givenYoungPerson(app, northAdviser, { homeDistrictId: home, interests: ['hair_and_beauty'] });
    await givenYoungPerson(app, northAdviser, { homeDistrictId: home, interests: [] });
    const body = (await candidates(northManager, opening.id, '?limit=1')).body as CandidatesBody;
    expect(body.matches.map((c) => c.youngPerson.id)).toEqual([best.id]);
  });

  it('when the opening is not open, then no candidates', async () => {
    const opening = await givenOpenOpportunity({ districtId: home, status: 'draft' });
    await givenYoungPerson(app, northAdviser, { homeDistrictId: home });
    const body = (await candidates(northManager, opening.id)).body as CandidatesBody & { status: string };
    expect(body).toMatchObject({ status: 'draft', matches: [], nearMisses: [] });
  });

  it('when candidates are listed, then each young person shown has a list-read audit entry', async () => {
    const opening = await givenOpenOpportunity({ districtId: home, sector: 'transport_and_logistics' });
    const person = await givenYoungPerson(app, northAdviser, { homeDistrictId: home });
    await candidates(northManager, opening.id);
    const audit = await app.http().get(`/young-people/${person.id}/audit`).set('authorization', northManager.auth);
    expect(audit.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'list', via: 'GET /opportunities/:id/candidates', actorUserId: northManager.id })]));
  });

  it('when a PA, employer or housing officer asks, then 403; when the opening does not exist, then 404', async () => {
    const opening = await givenOpenOpportunity({ districtId: home });
    for (const as of [northAdviser, await givenUser(app, 'employer'), await givenUser(app, 'housing_officer')]) {
      expect((await candidates(as, opening.id)).status).toBe(403);
    }
    expect((await candidates(admin, missingOpportunityId())).status).toBe(404);
  });
});

describe('GET /young-people/:id/matches scoping', () => {
  it('when a PA asks about another PA\'s young person, or a manager about another team\'s, then 404 (not 403)', async () => {
    const person = await givenYoungPerson(app, southAdviser, { homeDistrictId: home });
    expect((await app.http().get(`/young-people/${person.id}/matches`).set('authorization', northAdviser.auth)).status).toBe(404);
    expect((await app.http().get(`/young-people/${person.id}/matches`).set('authorization', northManager.auth)).status).toBe(404);
    expect((await app.http().get(`/young-people/${missingOpportunityId()}/matches`).set('authorization', admin.auth)).status).toBe(404);
  });

  it('when their own PA, their team manager or an admin asks, then 200; an employer or housing officer, then 403', async () => {
    const person = await givenYoungPerson(app, northAdviser, { homeDistrictId: home });
    for (const as of [northAdviser, northManager, admin]) {
      expect((await app.http().get(`/young-people/${person.id}/matches`).set('authorization', as.auth)).status).toBe(200);
    }
    for (const role of ['employer', 'housing_officer'] as const) {
      expect((await app.http().get(`/young-people/${person.id}/matches`).set('authorization', (await givenUser(app, role)).auth)).status).toBe(403);
    }
  });

  it('when matches are read, then the read is audited', async () => {
    const person = await givenYoungPerson(app, northAdviser, { homeDistrictId: home });
    await app.http().get(`/young-people/${person.id}/matches`).set('authorization', northAdviser.auth);
    const audit = await app.http().get(`/young-people/${person.id}/audit`).set('authorization', northManager.auth);
    expect(audit.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'read', via: 'GET /young-people/:id/matches', actorUserId: northAdviser.id, fields: ['matches'] })]));
  });
});

describe('the API document', () => {
  it('when /openapi.json is fetched, then the matching and referral endpoints are described', async () => {
    const response = await app.http().get('/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/young-people/{id}/matches', '/opportunities/{id}/candidates', '/referrals', '/referrals/{id}', '/referrals/{id}/stage']));
  });
});
