import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.js';
import type { AppDeps } from './app-deps.js';
import { attachShutdownSignal } from './lib/http/shutdown-signal.js';

export interface RunningServer {
  app: App;
  server: Server;
  url: string;
  /**
   * Stops accepting (a request arriving on an open keep-alive connection gets 503 shutting_down), lets in-flight
   * requests finish for `graceMs`, then tells the ones still running to stop at their next checkpoint (an import
   * answers with the rows applied so far) and, after a last short wait, closes every connection.
   */
  close(graceMs?: number): Promise<void>;
}

/** After the grace period: time for interrupted requests to finish their current batch and answer. */
const AFTER_CUT_OFF_MS = 15_000;

/** Listens on the configured port (0 for any free one). The database must already be connected, with its indexes. */
export async function startHttpServer(deps: AppDeps, port = deps.config.PORT, host = deps.config.HOST): Promise<RunningServer> {
  const app = createApp(deps);
  const cutOff = new AbortController();
  let draining = false;
  const server = createServer((req, res) => {
    if (draining) {
      res.writeHead(503, { 'content-type': 'application/problem+json', connection: 'close', 'retry-after': '5' });
      return void res.end(JSON.stringify({ type: 'about:blank#shutting_down', title: 'Service unavailable', status: 503, code: 'shutting_down', detail: 'The service is restarting; try again in a moment.' }));
    }
    attachShutdownSignal(req, cutOff.signal);
    app.express(req, res);
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    app,
    server,
    url: `http://${shownHost}:${address.port}`,
    close: (graceMs = deps.config.SHUTDOWN_GRACE_SECONDS * 1000) =>
      new Promise<void>((resolve) => {
        draining = true;
        const cut = setTimeout(() => cutOff.abort(), graceMs);
        const force = setTimeout(() => server.closeAllConnections(), graceMs + AFTER_CUT_OFF_MS);
        server.close(() => {
          clearTimeout(cut);
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
