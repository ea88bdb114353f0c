/**
 * The database a benchmark runs on: MongoDB when BENCH_MONGODB_URI is set; FerretDB v1 on PostgreSQL when
 * BENCH_POSTGRES_URL is set (the same FerretDB binary as the embedded database, started with its postgresql
 * handler on a free loopback port); otherwise the embedded database (FerretDB on SQLite).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedDatabase, waitUntilReachable } from '../../src/lib/embedded-database.js';

export interface BenchDatabase {
  uri: string;
  /** What the numbers were measured on, printed with them. */
  handler: 'mongodb' | 'ferretdb-postgresql' | 'ferretdb-sqlite' | string;
  stop(): Promise<void>;
}

/** FerretDB v1 with its postgresql handler on a free loopback port (bench:reminders and bench:api). */
export async function startFerretDbOnPostgres(postgresUrl: string, log: (message: string) => void): Promise<BenchDatabase> {
  const binary = process.env.FERRETDB_BIN ?? '.cache/ferretdb/bin/ferretdb';
  const port = await freePort();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'clo-bench-ferretdb-pg-'));
  log(`Starting FerretDB with the postgresql handler on ${postgresUrl.replace(/\/\/[^@]*@/, '//')}`);
  const child = spawn(binary, ['--handler=postgresql', `--postgresql-url=${postgresUrl}`, `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', '--log-level=error', '--debug-addr=-', `--state-dir=${stateDir}`], { stdio: 'ignore' }); // its log repeats every duplicate-key insert (which the code expects) at error level
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitUntilReachable(uri, child);
  return {
    uri,
    handler: 'ferretdb-postgresql',
    stop: async () => {
      if (child.exitCode === null) await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export async function startBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  if (process.env.BENCH_MONGODB_URI) return { uri: process.env.BENCH_MONGODB_URI, handler: 'mongodb', stop: async () => {} };
  if (process.env.BENCH_POSTGRES_URL) return startFerretDbOnPostgres(process.env.BENCH_POSTGRES_URL, log);
  const embedded = await startEmbeddedDatabase({ log });
  return { uri: embedded.uri, handler: embedded.kind === 'ferretdb' ? 'ferretdb-sqlite' : embedded.kind, stop: () => embedded.stop() };
}
