import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.js';
import type { AppDeps } from './app-deps.js';

export interface RunningServer {
  app: App;
  server: Server;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes idle connections. */
  close(graceMs?: number): Promise<void>;
}

/** Listens on the configured port (0 for any free one). The database must already be connected, with its indexes. */
export async function startHttpServer(deps: AppDeps, port = deps.config.PORT, host = deps.config.HOST): Promise<RunningServer> {
  const app = createApp(deps);
  const server = app.express.listen(port, host);
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
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
