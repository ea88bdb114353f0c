/** bench:api's moving parts: FerretDB on SQLite or PostgreSQL, and the service started as `npm start` would, over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { freePort, startEmbeddedDatabase } from '../../src/lib/embedded-database.js';
import { startFerretDbOnPostgres } from '../reminders/bench-database.js';

export interface Database {
  uri: string;
  stop(): Promise<void>;
}

/** FerretDB v1 on SQLite (the embedded database), or on PostgreSQL at `postgresUrl`. */
export async function startFerretDb(postgresUrl?: string): Promise<Database> {
  const log = (message: string) => console.error(`[bench database] ${message}`);
  return postgresUrl ? startFerretDbOnPostgres(postgresUrl, log) : startEmbeddedDatabase({ log });
}

export interface Service {
  url: string;
  /** Resolves when the service logs that the matching indexes are ready (never on code without them). */
  indexesReady: Promise<void>;
  stop(): Promise<void>;
}

/** The service from `dir` (this checkout, or another one such as main's for a before/after), with tsx. */
export async function startService(options: { dir: string; mongoUri: string; dbName: string }): Promise<Service> {
  const port = await freePort();
  // Node itself (tsx as a loader), not the tsx wrapper: a signal then reaches the service, and its exit is the service's.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: options.dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MONGODB_URI: options.mongoUri,
      MONGODB_DB_NAME: options.dbName,
      PORT: String(port),
      HOST: '127.0.0.1',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'info',
      MONGODB_SOCKET_TIMEOUT_MS: '600000',
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: '100000',
      RATE_LIMIT_SIGN_IN_PER_EMAIL: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announceReady: () => void = () => {};
  const indexesReady = new Promise<void>((resolve) => (announceReady = resolve));
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.includes('matching indexes ready')) announceReady();
      // SHOW_SERVICE_OUTPUT=1: the service's log (JSON lines, requests with their times), for finding where time goes.
      if (process.env.SHOW_SERVICE_OUTPUT) console.error('service:', line);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not start in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    indexesReady,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

export interface Timed<T> {
  ms: number;
  status: number;
  body: T;
}

/** One request, timed; once more if a kept-alive connection was closed under it (the server's keep-alive timeout race). */
export async function request<T = unknown>(url: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<Timed<T>> {
  try {
    return await requestOnce<T>(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return requestOnce<T>(url, init);
  }
}

async function requestOnce<T>(url: string, init: { token?: string; method?: string; body?: unknown }): Promise<Timed<T>> {
  const start = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await response.json()) as T;
  return { ms: performance.now() - start, status: response.status, body };
}

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await request<{ token: string }>(`${url}/api/auth/login`, { method: 'POST', body: { email, password } });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  return response.body.token;
}

/** Signs in through the sign-in page as a browser would (cookie and CSRF token); returns the cookie header to send. */
export async function signInToPages(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const form = await fetch(`${url}/sign-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on the sign-in page');
  const signedIn = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  keep(signedIn);
  if (signedIn.status !== 303) throw new Error(`page sign-in as ${email} failed: ${signedIn.status}`);
  return cookieHeader();
}

/** One page, timed (the whole HTML read). */
export async function requestPage(url: string, cookie: string): Promise<{ ms: number; status: number; html: string }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const html = await response.text();
  return { ms: performance.now() - start, status: response.status, html };
}
