import { loadConfig, ConfigError, type Config } from './config.js';
import { systemClock } from './lib/clock.js';
import { openDatabase } from './lib/database.js';
import { FERRETDB_MATCHING_REFRESH_SECONDS, MONGODB_MATCHING_REFRESH_SECONDS } from './matching/live-matching.js';
import { createLogger } from './lib/logger.js';
import { createMailer } from './lib/mailer.js';
import { startHttpServer } from './server.js';
import { stopLiveMatching } from './matching/live-matching.js';
import { startScheduler } from '../jobs/scheduler.js';
import type { AppDeps } from './app-deps.js';

/** Composition root: configuration, database, HTTP server, scheduled jobs, and signals for a clean shutdown. */
export interface MainOptions {
  config?: Config;
  /** Runs after the database is connected and before the service listens (demo data). */
  prepare?: (deps: AppDeps) => Promise<void>;
}

export async function main(options: MainOptions = {}): Promise<{ url: string; stop: () => Promise<void>; deps: AppDeps }> {
  let config: Config;
  try {
    config = options.config ?? loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let stop: () => Promise<void> = async () => {};
  const database = await openDatabase(config, (message) => logger.info(message), {
    onLeaseLost: () => {
      logger.fatal('another instance took over this FerretDB database (this one stopped answering its heartbeat): stopping');
      void stop().finally(() => process.exit(1));
    },
  });
  logger.info({ database: database.kind, dbName: database.dbName }, 'database connected');
  const refresh = config.MATCHING_INDEX_REFRESH_SECONDS ?? (database.ferretdb ? FERRETDB_MATCHING_REFRESH_SECONDS : MONGODB_MATCHING_REFRESH_SECONDS);
  const deps: AppDeps = { config: { ...config, MATCHING_INDEX_REFRESH_SECONDS: refresh }, clock: systemClock, logger, mailer: createMailer(config) };
  await options.prepare?.(deps);
  const http = await startHttpServer(deps);
  const scheduler = config.JOBS_ENABLED ? startScheduler(deps) : undefined;
  logger.info({ url: http.url, mail: deps.mailer.mode, jobs: Boolean(scheduler) }, 'Care Leaver Offers is listening');

  let stopping: Promise<void> | undefined;
  // HTTP first (in-flight requests finish within SHUTDOWN_GRACE_SECONDS), then jobs, then the database.
  stop = () =>
    (stopping ??= (async () => {
      logger.info({ graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutting down: no new requests, finishing in-flight ones');
      await http.close();
      const jobsStopped = scheduler?.stop();
      // Closing the transport aborts an SMTP wait at once; the outbox keeps that message and sends it after restart.
      deps.mailer.close();
      await jobsStopped;
      stopLiveMatching();
      await database.close();
      logger.info('stopped');
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0), (error: unknown) => { logger.error({ err: error }, 'shutdown failed'); process.exit(1); }));
  }
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
  return { url: http.url, stop, deps };
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntryPoint) {
  main().catch((error: unknown) => {
    console.error('Could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
