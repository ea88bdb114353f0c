import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

/**
 * Where the database comes from when MONGODB_URI is not set, in this order:
 *   1. a `mongod` binary on the PATH (run by mongodb-memory-server);
 *   2. FerretDB v1 (`ferretdb` on the PATH, FERRETDB_BIN, or built into .cache/ferretdb by scripts/build-ferretdb.sh
 *      when Go is installed), on SQLite, on 127.0.0.1 and a free port, with telemetry off;
 *   3. mongodb-memory-server's own download of mongod (needs internet);
 * otherwise an error that says how to provide MongoDB.
 */
export interface EmbeddedDatabase {
  uri: string;
  kind: 'mongod' | 'ferretdb' | 'downloaded-mongod';
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder for data that should survive restarts (demo); omit for a throwaway folder (tests). */
  dataDir?: string;
  ferretdbBin?: string;
  log?: (message: string) => void;
}

/** The folder with package.json: src/lib when run with tsx, dist/src/lib when built, so found rather than assumed. */
function projectDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const PROJECT_DIR = projectDir();
const FERRETDB_CACHE_BIN = path.join(PROJECT_DIR, '.cache/ferretdb/bin/ferretdb');

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const mongod = findOnPath('mongod');
  if (mongod) {
    log(`Starting embedded MongoDB from ${mongod}`);
    return startMemoryServer({ systemBinary: mongod }, 'mongod');
  }
  const ferretdb = findFerretDb(options.ferretdbBin, log);
  if (ferretdb) {
    log(`Starting embedded FerretDB from ${ferretdb}`);
    return startFerretDb(ferretdb, options.dataDir);
  }
  try {
    log('No mongod or FerretDB here: trying mongodb-memory-server download of mongod');
    return await startMemoryServer({}, 'downloaded-mongod');
  } catch (error) {
    throw new Error(
      'No database available. Set MONGODB_URI to a MongoDB server, or install Go (to build FerretDB with ' +
        '`bash scripts/build-ferretdb.sh`), or put `mongod` or `ferretdb` on the PATH. ' +
        `Download of mongod failed: ${(error as Error).message}`,
    );
  }
}

function findOnPath(binary: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

function findFerretDb(configured: string | undefined, log: (message: string) => void): string | undefined {
  if (configured) return configured;
  const onPath = findOnPath('ferretdb');
  if (onPath) return onPath;
  if (existsSync(FERRETDB_CACHE_BIN)) return FERRETDB_CACHE_BIN;
  if (!findOnPath('go')) return undefined;
  log('Building FerretDB v1.24.2 with Go (first run only, about two minutes)');
  const build = spawnSync('bash', [path.join(PROJECT_DIR, 'scripts/build-ferretdb.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return build.status === 0 && existsSync(FERRETDB_CACHE_BIN) ? FERRETDB_CACHE_BIN : undefined;
}

async function startMemoryServer(binary: { systemBinary?: string }, kind: EmbeddedDatabase['kind']): Promise<EmbeddedDatabase> {
  // Loaded lazily: only laptops without FerretDB ever need it.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({ binary, instance: { ip: '127.0.0.1' } });
  return { uri: server.getUri(), kind, stop: async () => void (await server.stop()) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startFerretDb(binary: string, persistentDir?: string): Promise<EmbeddedDatabase> {
  const dataDir = persistentDir ? path.resolve(persistentDir) : mkdtempSync(path.join(tmpdir(), 'clo-ferretdb-'));
  mkdirSync(dataDir, { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--state-dir=${dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        '--log-level=error',
        '--debug-addr=-', // no debug HTTP listener: it would take a fixed port (8088) and clash between instances
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
    const uri = `mongodb://127.0.0.1:${port}/`;
    try {
      await waitUntilReachable(uri, child);
      return {
        uri,
        kind: 'ferretdb',
        stop: async () => {
          await stopChild(child);
          if (!persistentDir) rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = new Error(`FerretDB did not start: ${(error as Error).message}; stderr: ${stderr.trim()}`);
      await stopChild(child);
    }
  }
  throw lastError;
}

/** Waits until a database process just started answers pings (30 s at most), failing at once if it exits. */
export async function waitUntilReachable(uri: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error('not reachable within 30 s');
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
