import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../src/app-deps.js';
import { LONDON } from '../src/lib/dates.js';
import { runJobForSlot, slotOf, takeOverExpiredRuns } from './job-runner.js';
import { JOBS } from './jobs.js';

export interface Scheduler {
  /** Stops firing, tells running jobs to stop at their next checkpoint, and waits for them to end. */
  stop(): Promise<void>;
}

/**
 * Registers every job on its cron expression (London time, so "07:00" stays 07:00 through clock changes).
 * Every instance runs the same schedule; the claim on (job name, slot) makes each slot run on one of them.
 */
/** How often each instance looks for runs whose instance died (one small indexed read). */
export const TAKEOVER_SWEEP_MS = 30_000;

export function startScheduler(deps: AppDeps, options: { takeoverSweepMs?: number } = {}): Scheduler {
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping || stopping.signal.aborted) return;
    sweeping = true;
    const run = takeOverExpiredRuns(JOBS, deps, { stopSignal: stopping.signal })
      .catch((error: unknown) => deps.logger.error({ err: error }, 'could not take over expired job runs'))
      .finally(() => {
        sweeping = false;
        running.delete(run);
      });
    running.add(run);
  }, options.takeoverSweepMs ?? TAKEOVER_SWEEP_MS);
  sweep.unref();
  const tasks: ScheduledTask[] = JOBS.map((job) =>
    cron.schedule(
      job.schedule(deps.config),
      (context) => {
        if (stopping.signal.aborted) return;
        const slot = slotOf(context.date);
        const run = runJobForSlot(job, deps, { slot, stopSignal: stopping.signal })
          .then((result) => {
            if (!result.claimed) deps.logger.debug({ job: job.name, slot }, 'slot already claimed by another instance');
          })
          .catch((error: unknown) => deps.logger.error({ err: error, job: job.name, slot }, 'could not run job'))
          .finally(() => running.delete(run));
        running.add(run);
        return run; // awaited by node-cron, so with noOverlap a long run of a job never overlaps its next one here
      },
      { name: `care-leaver-offers:${job.name}`, timezone: LONDON, noOverlap: true },
    ),
  );
  deps.logger.info({ jobs: JOBS.map((job) => ({ name: job.name, cron: job.schedule(deps.config) })) }, 'scheduler started');
  return {
    async stop() {
      stopping.abort();
      clearInterval(sweep);
      await Promise.all(tasks.map(async (task) => task.destroy()));
      await Promise.allSettled([...running]);
    },
  };
}
