import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { OPPORTUNITY_HEADER, csvOf, opportunityRow, postCsv } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let otherAdviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager', { team: 'north-team' });
  adviser = await givenUser(app, 'personal_adviser', { team: 'north-team' });
  otherAdviser = await givenUser(app, 'personal_adviser', { team: 'north-team' });
  district = await givenDistrict();
});
afterAll(async () => app.close());

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
const exportCaseload = (as: GivenUser, query = '') => app.http().get(`/exports/caseload.csv${query}`).set('authorization', as.auth);

describe("a PA's caseload as CSV", () => {
  it('when a PA exports, then they get their own caseload only, in the import columns, and the export is audited per young person', async () => {
    const mine = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, phone: '+44 7700 900123' });
    const theirs = await givenYoungPerson(app, otherAdviser, { homeDistrictId: district.id });

    const response = await exportCaseload(adviser);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const rows = rowsOf(response.text);
    expect(rows.map((row) => row.first_name)).toContain(mine.firstName);
    expect(rows.map((row) => row.first_name)).not.toContain(theirs.firstName);
    expect(rows.find((row) => row.first_name === mine.firstName)).toMatchObject({ pa_email: adviser.email, district_code: district.code, date_of_birth: mine.dateOfBirth, phone: "'+44 7700 900123" });
    expect(await AuditEntryModel.countDocuments({ action: 'export', youngPersonIds: mine.id, actorUserId: adviser.id, via: 'GET /exports/caseload.csv' })).toBe(1);
  });

  it('when a manager names a PA in their team, then that caseload; a PA in another team, then 404', async () => {
    const theirs = await givenYoungPerson(app, otherAdviser, { homeDistrictId: district.id });
    const ofOther = rowsOf((await exportCaseload(manager, `?personalAdviserId=${otherAdviser.id}`)).text);
    expect(ofOther.map((row) => row.first_name)).toContain(theirs.firstName);
    expect(new Set(ofOther.map((row) => row.pa_email))).toEqual(new Set([otherAdviser.email]));
    const southAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    expect((await exportCaseload(manager, `?personalAdviserId=${southAdviser.id}`)).status).toBe(404);
  });

  it("when a PA asks for another PA's caseload, then 403", async () => {
    expect((await exportCaseload(adviser, `?personalAdviserId=${otherAdviser.id}`)).status).toBe(403);
  });

  it('when an exported caseload is imported back unchanged, then every row is found unchanged and nothing is created or written', async () => {
    await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    const exported = (await exportCaseload(manager, `?personalAdviserId=${adviser.id}`)).text;
    const response = await postCsv(app, '/imports/young-people', manager.auth, exported);
    expect(response.body).toMatchObject({ created: 0, rejected: 0, updated: 0, unchanged: rowsOf(exported).length });
  });

  it('when a name starts with a formula character, then the cell is defused for spreadsheets', async () => {
    const risky = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, preferredName: '=HYPERLINK("http://x")' });
    const row = rowsOf((await exportCaseload(adviser)).text).find((candidate) => candidate.first_name === risky.firstName);
    expect(row?.preferred_name).toBe('\'=HYPERLINK("http://x")');
  });
});

describe('opportunities as CSV', () => {
  it('when council staff export offers, then each imported offer is there with its reference and effective status, and the file re-imports', async () => {
    const offer = opportunityRow({ district_code: district.code });
    await postCsv(app, '/imports/opportunities?publish=true', manager.auth, csvOf(OPPORTUNITY_HEADER, [offer])).expect(200);

    const response = await app.http().get('/exports/opportunities.csv?status=open').set('authorization', manager.auth);

    expect(response.status).toBe(200);
    const rows = rowsOf(response.text);
    expect(rows.find((row) => row.source_reference === offer.source_reference)).toMatchObject({ title: offer.title, status: 'open', district_code: district.code, required_qualifications: 'Maths:2;English:2', places_filled: '0' });
    const reimport = await postCsv(app, '/imports/opportunities', manager.auth, response.text);
    expect(reimport.body).toMatchObject({ created: 0, rejected: 0 });
  });

  it('when a PA asks for the offers export, then 403', async () => {
    expect((await app.http().get('/exports/opportunities.csv').set('authorization', adviser.auth)).status).toBe(403);
  });
});
