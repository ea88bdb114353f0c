import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { liveMatching } from '../../src/matching/live-matching.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { YOUNG_PEOPLE_HEADER, csvOf, youngPersonRow } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp();
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  district = await givenDistrict();
  for (let waited = 0; !liveMatching()?.youngPeople.ready && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
});
afterAll(async () => app.close());

function runImport(file: string, ...args: string[]) {
  // A small heap on purpose: the script streams the file, so it needs little whatever the file's size.
  return promisify(execFile)(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', 'scripts/import.ts', file, ...args], {
    env: { ...process.env, MONGODB_URI: inject('mongoUri'), MONGODB_DB_NAME: app.dbName, LOG_LEVEL: 'silent' },
    timeout: 50_000,
  });
}

describe('npm run import, for operators', () => {
  it('when an operator dry-runs, imports and re-imports a file as a manager, then nothing, then creations audited as that manager, then nothing again (unchanged rows are not written)', async () => {
    const prefix = unique('CLI');
    const rows = Array.from({ length: 300 }, (_, index) => youngPersonRow({ pa_email: adviser.email, district_code: district.code, source_child_id: `${prefix}-${index}` }));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'clo-import-')), 'export.csv');
    writeFileSync(file, csvOf(YOUNG_PEOPLE_HEADER, rows));
    const count = () => YoungPersonModel.countDocuments({ sourceSystemId: { $regex: `^${prefix}-` } });

    expect(JSON.parse((await runImport(file, '--dry-run', '--as', manager.email)).stdout)).toMatchObject({ dryRun: true, created: 300, rejected: 0 });
    expect(await count()).toBe(0);
    expect(JSON.parse((await runImport(file, '--as', manager.email)).stdout)).toMatchObject({ created: 300, rejected: 0 });
    // The service (here, in this process) answers caseloads from memory on FerretDB: the tool's stamped writes show at once.
    const caseload = await app.http().get('/young-people?limit=1').set('authorization', adviser.auth);
    expect(caseload.body.total).toBe(300);
    expect(JSON.parse((await runImport(file, '--as', manager.email)).stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 300 });
    expect(await count()).toBe(300);
    expect(await AuditEntryModel.distinct('action', { actorUserId: manager.id, via: 'npm run import' })).toEqual(['create']);
  }, 120_000);

  it('when the file lacks a required column, then the script exits non-zero naming it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'clo-import-')), 'broken.csv');
    writeFileSync(file, 'source_child_id,first_name\nA1,Sam\n');
    const failure = await runImport(file).then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('last_name');
  }, 60_000);
});
