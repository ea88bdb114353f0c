import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { inject } from 'vitest';
import type { AppDeps } from '../../src/app-deps.js';
import { buildConfig, type Config } from '../../src/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import { connectDatabase, databaseTimeouts, disconnectDatabase, ensureIndexes } from '../../src/lib/database.js';
import { createLogger } from '../../src/lib/logger.js';
import { createMailer } from '../../src/lib/mailer.js';
import { startHttpServer, type RunningServer } from '../../src/server.js';

export interface TestApp {
  /** supertest bound to the JSON API (the server's URL + /api). */
  http: () => supertest.Agent;
  /** supertest bound to the server's root: health, readiness, metrics and pages. */
  root: () => supertest.Agent;
  clock: ManualClock;
  deps: AppDeps;
  server: RunningServer;
  dbName: string;
  close(): Promise<void>;
}

export const TEST_NOW = '2026-06-15T09:00:00.000Z';

/**
 * The app on port 0 against the run's real database, in a database of this file's own (dropped at the end),
 * with a clock that stands still at `now` until the test moves it.
 */
export async function startTestApp(options: { now?: string; config?: Partial<Record<keyof Config, string>>; mongoUri?: string } = {}): Promise<TestApp> {
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  const config = buildConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    MAIL_OUTBOX_DIR: mkdtempSync(path.join(tmpdir(), 'clo-mail-')),
    // Every test signs in from 127.0.0.1: limits out of the way unless a test sets its own.
    RATE_LIMIT_SIGN_IN_PER_ADDRESS: '100000',
    RATE_LIMIT_SIGN_IN_PER_EMAIL: '100000',
    RATE_LIMIT_PUBLIC_PER_ADDRESS: '100000',
    RATE_LIMIT_EMAILS_PER_ADDRESSEE: '100000',
    RATE_LIMIT_IMPORTS_PER_USER: '100000',
    ...options.config,
  });
  // The same connection rule as the service (one connection and one instance on FerretDB), so tests reproduce it.
  await connectDatabase(options.mongoUri ?? inject('mongoUri'), dbName, databaseTimeouts(config));
  const clock = new ManualClock(options.now ?? TEST_NOW);
  const deps: AppDeps = { config, clock, logger: createLogger(config.LOG_LEVEL), mailer: createMailer(config) };
  const server = await startHttpServer(deps, 0, '127.0.0.1');
  await ensureIndexes();
  return {
    http: () => supertest(`${server.url}/api`) as unknown as supertest.Agent,
    root: () => supertest(server.url) as unknown as supertest.Agent,
    clock,
    deps,
    server,
    dbName,
    close: async () => {
      await server.close(1_000);
      deps.mailer.close();
      await mongoose.connection.db?.dropDatabase().catch(() => {}); // the database may have been stopped by the test
      await disconnectDatabase();
    },
  };
}
