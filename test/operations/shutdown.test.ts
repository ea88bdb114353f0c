import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { YOUNG_PEOPLE_HEADER, csvOf, youngPersonRow } from '../factories/imports.js';
import { PROJECT_ROOT, givenAdminIn, startServiceProcess } from './service-process.js';

/**
 * Real signals to real processes: the build started by `npm start` (SIGTERM sent to npm itself) and by node.
 * Each service works in a database of its own on the run's database server.
 */
const mongoUri = inject('mongoUri');
let client: MongoClient;

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  client = await new MongoClient(mongoUri).connect();
}, 400_000);
afterAll(async () => client?.close());

function csvLines(paEmail: string, count: number): string[] {
  const rows = Array.from({ length: count }, () => youngPersonRow({ pa_email: paEmail, district_code: 'shutdown-district' }));
  return csvOf(YOUNG_PEOPLE_HEADER, rows).split('\n').filter(Boolean).map((line) => `${line}\n`);
}

function postStream(url: string, token: string, body: Readable): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    request.on('error', reject);
    body.pipe(request);
  });
}

async function signIn(url: string, account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
  return ((await response.json()) as { token: string }).token;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('shutting down on SIGTERM', () => {
  it('when npm start gets SIGTERM during an import, then the service stops accepting, finishes the import, and exits 0', async () => {
    const dbName = `t_${randomBytes(6).toString('hex')}`;
    const admin = await givenAdminIn(mongoUri, dbName);
    const service = await startServiceProcess('npm', ['start'], { MONGODB_URI: mongoUri, MONGODB_DB_NAME: dbName, SHUTDOWN_GRACE_SECONDS: '60' });
    const lines = csvLines(`pa-${admin.email}`, 1200);
    const upload = new PassThrough();
    const response = postStream(`${service.url}/api/imports/young-people`, await signIn(service.url, admin), upload);
    upload.write(lines.slice(0, 701).join('')); // the header and 700 rows: the first batch of 500 is written
    await waitFor(async () => (await client.db(dbName).collection('young_people').countDocuments()) >= 500);

    service.child.kill('SIGTERM'); // to npm, not to node: npm must pass it on
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    upload.end(lines.slice(701).join(''));

    const { status, body } = await response;
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 1200, created: 1200, interrupted: false, appliedLines: [{ from: 2, to: 1201 }] });
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.output()).toContain('"msg":"stopped"');
    await client.db(dbName).dropDatabase();
  }, 120_000);

  it('when the grace period ends before an import does, then the import answers with the lines it applied and says it was interrupted', async () => {
    const dbName = `t_${randomBytes(6).toString('hex')}`;
    const admin = await givenAdminIn(mongoUri, dbName);
    const service = await startServiceProcess(process.execPath, ['dist/src/index.js'], { MONGODB_URI: mongoUri, MONGODB_DB_NAME: dbName, SHUTDOWN_GRACE_SECONDS: '1' });
    const lines = csvLines(`pa-${admin.email}`, 1200);
    const upload = new PassThrough();
    const response = postStream(`${service.url}/api/imports/young-people`, await signIn(service.url, admin), upload);
    upload.write(lines.slice(0, 701).join(''));
    await waitFor(async () => (await client.db(dbName).collection('young_people').countDocuments()) >= 500);

    service.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the 1 s grace period
    upload.end(lines.slice(701).join(''));

    const { status, body } = await response;
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 500, created: 500, interrupted: true, appliedLines: [{ from: 2, to: 501 }], stoppedEarly: { line: 502 } });
    expect(String((body.stoppedEarly as { message: string }).message)).toMatch(/shut down during the import/);
    expect(await client.db(dbName).collection('young_people').countDocuments()).toBe(500);
    expect(await service.exited).toEqual({ code: 0, signal: null });
    await client.db(dbName).dropDatabase();
  }, 120_000);
});
