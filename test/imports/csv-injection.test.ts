import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreCell, safeCell } from '../../src/exports/csv-output.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { postCsv } from '../factories/imports.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/** OWASP's CSV injection payloads, and the ones the sweep found coming out unchanged. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-1+1',
  "-2+3+cmd|' /C calc'!A0",
  '-1+HYPERLINK("http://evil.example","x")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+thing',
  '\t=1+1',
  '\r=1+1',
];
/** Those a name may hold (names refuse control characters). */
const NAME_PAYLOADS = PAYLOADS.filter((payload) => !/[\t\r]/.test(payload));
const FORMULA_START = /^[=+\-@\t\r]/;

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp();
  manager = await givenUser(app, 'manager', { team: 'injection-team' });
  adviser = await givenUser(app, 'personal_adviser', { team: 'injection-team' });
  district = await givenDistrict();
});
afterAll(async () => app.close());

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
const cellsOf = (csv: string) => (parse(csv, { relax_column_count: true }) as string[][]).flat();

describe('CSV exports neutralise formulas (OWASP)', () => {
  it('when any cell would start with = + - @ tab or CR, then it starts with an apostrophe, and the rule undoes exactly', () => {
    for (const payload of PAYLOADS) {
      expect(safeCell(payload)).toBe(`'${payload}`);
      expect(restoreCell(safeCell(payload))).toBe(payload);
    }
    expect(safeCell('Sam')).toBe('Sam');
    expect(restoreCell("O'Neil")).toBe("O'Neil");
    expect(restoreCell("'quoted")).toBe("'quoted");
  });

  it('when young people carry the payloads in their names, then caseload.csv neutralises every cell and imports back unchanged', async () => {
    const people = [];
    for (const payload of NAME_PAYLOADS) {
      people.push(await givenYoungPerson(app, adviser, { homeDistrictId: district.id, firstName: payload, lastName: `Smith ${payload}`, preferredName: payload, phone: '+44 7700 900123' }));
    }
    const exported = await app.http().get('/exports/caseload.csv').set('authorization', adviser.auth);
    expect(exported.status).toBe(200);
    expect(cellsOf(exported.text).filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    const rows = rowsOf(exported.text);
    for (const payload of NAME_PAYLOADS) {
      expect(rows.find((row) => row.first_name === `'${payload}`), payload).toMatchObject({ preferred_name: `'${payload}`, phone: "'+44 7700 900123" });
    }

    const reimported = await postCsv(app, '/imports/young-people', manager.auth, exported.text);
    // The apostrophes come off on import, so every row matches what is stored: nothing is written again.
    expect(reimported.body).toMatchObject({ created: 0, rejected: 0, updated: 0, unchanged: rows.length });
    for (const [index, person] of people.entries()) {
      const after = await app.http().get(`/young-people/${person.id}`).set('authorization', adviser.auth);
      expect(after.body).toMatchObject({ firstName: NAME_PAYLOADS[index], preferredName: NAME_PAYLOADS[index], phone: '+44 7700 900123', dateOfBirth: person.dateOfBirth });
    }
  });

  it('when offers carry the payloads in their title and description, then opportunities.csv neutralises every cell', async () => {
    for (const payload of PAYLOADS) await givenOpenOpportunity({ title: payload, description: payload, providerName: payload, districtId: district.id });
    const exported = await app.http().get('/exports/opportunities.csv').set('authorization', manager.auth);
    expect(exported.status).toBe(200);
    expect(cellsOf(exported.text).filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    const rows = rowsOf(exported.text);
    for (const payload of PAYLOADS) {
      expect(rows.map((row) => row.title)).toContain(`'${payload.trim()}`); // titles are stored trimmed
      expect(rows.map((row) => row.description)).toContain(`'${payload}`);
    }
  });

  it('when staff names carry the payloads, then audit.csv neutralises the actor names', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id });
    for (const payload of NAME_PAYLOADS) {
      const reader = await givenUser(app, 'manager', { team: 'injection-team', name: payload });
      expect((await app.http().get(`/young-people/${person.id}`).set('authorization', reader.auth)).status).toBe(200);
    }
    const exported = await app.http().get(`/young-people/${person.id}/audit.csv`).set('authorization', manager.auth);
    expect(exported.status).toBe(200);
    expect(cellsOf(exported.text).filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    const actorNames = rowsOf(exported.text).map((row) => row.actor_name);
    for (const payload of NAME_PAYLOADS) expect(actorNames).toContain(`'${payload}`);
  });
});
