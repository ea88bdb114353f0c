/**
 * A service instance's job side, run as its own process by tests (node --import tsx), against the test database
 * named in the environment:
 *   scheduler             the real scheduler (crons from the environment) with a takeover sweep every second;
 *   claim-and-hang <job> <slot>   claims <job>'s slot through the real runner, prints CLAIMED, then never
 *                         finishes: an instance to kill -9 in the middle of a run.
 * Prints READY once started; exits on SIGTERM.
 */
import { runJobForSlot, type JobDefinition } from '../../../jobs/job-runner.js';
import { findJob } from '../../../jobs/jobs.js';
import { startScheduler } from '../../../jobs/scheduler.js';
import { loadConfig } from '../../../src/config.js';
import { systemClock } from '../../../src/lib/clock.js';
import { openDatabase } from '../../../src/lib/database.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createMailer } from '../../../src/lib/mailer.js';

const [mode, jobName, slot] = process.argv.slice(2);
const config = loadConfig();
// Several instances against one database are what MongoDB deployments run; on FerretDB the service refuses a
// second instance (single-instance lease), so these test instances skip the lease, like operator tools, to
// exercise the takeover that several MongoDB instances rely on (job claims are unique inserts, safe on both).
const database = await openDatabase(config, () => {}, { operatorTool: true });
const deps = { config, clock: systemClock, logger: createLogger(config.LOG_LEVEL), mailer: createMailer(config) };

if (mode === 'scheduler') {
  const scheduler = startScheduler(deps, { takeoverSweepMs: 1_000 });
  console.log('READY');
  process.once('SIGTERM', () => {
    void scheduler.stop().then(() => database.close()).then(() => process.exit(0));
  });
} else if (mode === 'claim-and-hang') {
  const job = findJob(jobName ?? '');
  if (!job || !slot) throw new Error('usage: claim-and-hang <job> <slot>');
  const hanging: JobDefinition = { ...job, run: () => new Promise(() => console.log('CLAIMED')) };
  console.log('READY');
  void runJobForSlot(hanging, deps, { slot: new Date(slot) });
} else {
  throw new Error(`unknown mode ${mode}`);
}
