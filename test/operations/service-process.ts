import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { hashPassword } from '../../src/users/password.js';

/** The service as its own process (`npm start` on the build, or any command), with what it printed. */
export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const PROJECT_ROOT = new URL('../..', import.meta.url).pathname;

/** Starts `command` with the service's settings and waits for it to say where it listens. */
export async function startServiceProcess(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const listening = /"url":"(http:\/\/[^"]+)"[^\n]*is listening/.exec(output);
    if (listening) return { child, url: listening[1]!, output: () => output, exited };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the service did not start: ${output.slice(-2000)}`);
}

/** An admin account in `dbName`, written straight to the database (the process under test has no factories). */
export async function givenAdminIn(mongoUri: string, dbName: string): Promise<{ email: string; password: string }> {
  const email = `admin-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'correct horse battery staple';
  const client = new MongoClient(mongoUri);
  try {
    const now = new Date();
    await client.db(dbName).collection('users').insertOne({ email, name: 'Shutdown Admin', role: 'admin', passwordHash: await hashPassword(password), active: true, team: null, districtIds: [], organisationId: null, emailVerifiedAt: now, failedLoginCount: 0, lockedUntil: null, lastLoginAt: null, createdAt: now, updatedAt: now });
    await client.db(dbName).collection('districts').insertOne({ code: 'shutdown-district', name: 'Shutdown District', latitude: 52.6, longitude: -1.1, applicationAgeYears: 17, applicationAgeMonths: 6, alertLookaheadWeeks: 8, alertChannels: 'both', withinCouncilArea: true, housingContactEmail: null, housingContactAddress: null, createdAt: now, updatedAt: now });
    await client.db(dbName).collection('users').insertOne({ email: `pa-${email}`, name: 'Shutdown PA', role: 'personal_adviser', passwordHash: null, active: true, team: 'north-team', districtIds: [], organisationId: null, emailVerifiedAt: now, failedLoginCount: 0, lockedUntil: null, lastLoginAt: null, createdAt: now, updatedAt: now });
  } finally {
    await client.close();
  }
  return { email, password };
}
