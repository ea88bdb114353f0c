import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager', { team: 'north-team' });
  adviser = await givenUser(app, 'personal_adviser', { team: 'north-team', name: 'Priya Adviser' });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('subject access: the audit trail of one young person as CSV', () => {
  it('when a PA read the record, then the manager\'s export lists that read: who, what, when', async () => {
    const youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    app.clock.set('2026-06-15T10:30:00.000Z');
    await app.http().get(`/young-people/${youngPerson.id}`).set('authorization', adviser.auth).expect(200);
    app.clock.set('2026-06-15T11:00:00.000Z');

    const response = await app.http().get(`/young-people/${youngPerson.id}/audit.csv`).set('authorization', manager.auth);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="audit-.*\.csv"/);
    const rows = rowsOf(response.text);
    expect(rows).toContainEqual(expect.objectContaining({ at: '2026-06-15T10:30:00.000Z', actor_name: 'Priya Adviser', actor_email: adviser.email, actor_role: 'personal_adviser', action: 'read', via: 'GET /young-people/:id' }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'create', actor_user_id: adviser.id }));
    // The export is itself recorded, and so appears first (newest first).
    expect(rows[0]).toMatchObject({ action: 'export', actor_user_id: manager.id, via: 'GET /young-people/:id/audit.csv' });
  });

  it('when the young person is on another team\'s caseload, then 404', async () => {
    const southAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const youngPerson = await givenYoungPerson(app, southAdviser, { homeDistrictId: districtId });
    const response = await app.http().get(`/young-people/${youngPerson.id}/audit.csv`).set('authorization', manager.auth);
    expect(response.status).toBe(404);
  });

  it('when a PA asks for the export, then 403', async () => {
    const youngPerson = await givenYoungPerson(app, adviser, { homeDistrictId: districtId });
    expect((await app.http().get(`/young-people/${youngPerson.id}/audit.csv`).set('authorization', adviser.auth)).status).toBe(403);
  });
});
