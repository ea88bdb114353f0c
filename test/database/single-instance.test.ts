import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/lib/embedded-database.js';
import { PROJECT_ROOT, startServiceProcess, type ServiceProcess } from '../operations/service-process.js';
import { spawn } from 'node:child_process';

/**
 * FerretDB v1 loses concurrent writes to one document, so one process at a time may use a FerretDB database.
 * Real processes (the service run with tsx, as `npm run demo` does) against a FerretDB this test starts.
 */
let database: EmbeddedDatabase | undefined;
const started: ServiceProcess[] = [];
afterAll(async () => {
  for (const service of started) service.child.kill('SIGKILL');
  await database?.stop();
});

const TSX = ['--import', 'tsx', 'src/index.ts'];

function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const begun = Date.now();
  const child = spawn(process.execPath, TSX, { cwd: PROJECT_ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output, ms: Date.now() - begun })));
}

describe('one instance per FerretDB database', () => {
  it('when a second instance starts against the FerretDB database a live one uses, then it exits at start saying several instances need MongoDB, and the first keeps serving', async () => {
    if (inject('databaseKind') !== 'ferretdb') return expect(inject('databaseKind')).not.toBe('ferretdb'); // MongoDB: several instances are fine
    database = await startEmbeddedDatabase();
    const env = { MONGODB_URI: database.uri, MONGODB_DB_NAME: `t_${randomBytes(6).toString('hex')}` };
    const first = await startServiceProcess(process.execPath, TSX, env);
    started.push(first);
    expect(first.output()).toContain('FerretDB detected: using one database connection');

    const second = await runToExit(env);
    expect(second.code).toBe(1);
    expect(second.output).toContain('Another instance of the service is running against this FerretDB database');
    expect(second.output).toContain('several instances against MongoDB');
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    // Once the first has stopped cleanly (its lease released), a new instance starts at once.
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const third = await startServiceProcess(process.execPath, TSX, env);
    started.push(third);
    expect((await fetch(`${third.url}/readyz`)).status).toBe(200);
  }, 120_000);
});
