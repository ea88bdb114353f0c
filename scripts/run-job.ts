/**
 * npm run job -- <name> [--at 2026-03-01T07:00:00Z]
 * Runs one scheduled job once, through the same code and the same (job name, slot) claim as the scheduler,
 * so running it beside the service is safe: a slot another instance has is reported and skipped.
 * --at sets both the slot and the time the job computes for (to re-run a missed day, or in tests).
 * Prints one JSON line; exit 0 when the run succeeded or the slot was already claimed, 1 when it failed.
 */
import { parseArgs } from 'node:util';
import { findJob, JOB_NAMES } from '../jobs/jobs.js';
import { runJobForSlot } from '../jobs/job-runner.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { systemClock } from '../src/lib/clock.js';
import { openDatabase } from '../src/lib/database.js';
import { createLogger } from '../src/lib/logger.js';
import { createMailer } from '../src/lib/mailer.js';

const USAGE = `Usage: npm run job -- <${JOB_NAMES.join('|')}> [--at 2026-03-01T07:00:00Z]`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
  const job = positionals[0] ? findJob(positionals[0]) : undefined;
  if (!job || positionals.length !== 1) {
    console.error(USAGE);
    return 64; // EX_USAGE
  }
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at && Number.isNaN(at.getTime())) {
    console.error(`--at must be an ISO date-time such as 2026-03-01T07:00:00Z, not ${values.at}\n${USAGE}`);
    return 64;
  }
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, { job: job.name });
  const database = await openDatabase(config, (message) => logger.info(message), { operatorTool: true });
  const mailer = createMailer(config);
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort());
  try {
    const slot = at ?? systemClock.now();
    const result = await runJobForSlot(job, { config, clock: systemClock, logger, mailer }, { slot, asAt: slot, stopSignal: stop.signal });
    if (!result.claimed) {
      console.log(JSON.stringify({ job: job.name, slot: result.slot.toISOString(), claimed: false, detail: 'another instance has this slot' }));
      return 0;
    }
    const { run } = result;
    console.log(JSON.stringify({ job: job.name, slot: run.slot.toISOString(), claimed: true, status: run.status, attempt: run.attempt, found: run.found, stored: run.stored, queued: run.queued, sent: run.sent, errors: run.errorMessages }));
    return run.status === 'succeeded' ? 0 : 1;
  } finally {
    mailer.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `Job failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
