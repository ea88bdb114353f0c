import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let district: { id: string };
beforeAll(async () => {
  app = await startTestApp();
  district = await givenDistrict();
});
afterAll(async () => app.close());

const auditOf = (as: GivenUser, id: string) => app.http().get(`/young-people/${id}/audit`).set('authorization', as.auth);
const auditCsvOf = (as: GivenUser, id: string) => app.http().get(`/young-people/${id}/audit.csv`).set('authorization', as.auth);

describe("a closed record's audit trail (issue 11 item 9)", () => {
  it("when a record is closed, then an admin and the owning team's manager still read its audit trail and CSV, and another team's manager gets 404", async () => {
    const team = unique('team');
    const adviser = await givenUser(app, 'personal_adviser', { team });
    const manager = await givenUser(app, 'manager', { team });
    const otherManager = await givenUser(app, 'manager', { team: unique('other-team') });
    const admin = await givenUser(app, 'admin');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    expect((await app.http().delete(`/young-people/${person.id}`).set('authorization', adviser.auth)).status).toBe(204);
    expect((await app.http().get(`/young-people/${person.id}`).set('authorization', manager.auth)).status).toBe(404);

    for (const reader of [admin, manager]) {
      const trail = await auditOf(reader, person.id);
      expect(trail.status).toBe(200);
      expect(trail.body.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['create', 'delete']));
      const csv = await auditCsvOf(reader, person.id);
      expect(csv.status).toBe(200);
      expect((parse(csv.text, { columns: true }) as { action: string }[]).map((row) => row.action)).toContain('delete');
    }
    expect((await auditOf(otherManager, person.id)).status).toBe(404);
    expect((await auditCsvOf(otherManager, person.id)).status).toBe(404);
    expect((await auditOf(adviser, person.id)).status).toBe(403);
  });
});
