import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppDeps } from '../src/app-deps.js';
import { JobRunModel, type JobRunRecord } from './job-runs.model.js';
import { isDuplicateKey } from '../src/lib/errors.js';
import { recordJobRun } from '../src/operations/metrics.js';

/** What a job did, recorded on its run. */
export interface JobOutcome {
  found: number;
  stored?: number;
  queued?: number;
  sent?: number;
  errors?: string[];
}

export interface JobContext {
  deps: AppDeps;
  /** The business time the job computes for: the slot, or --at. Leases and records use deps.clock. */
  asAt: Date;
  slot: Date;
  /** Aborted when this instance loses its lease (another took the run over) or the service stops. */
  signal: AbortSignal;
  /**
   * When this slot's first attempt started, if this run is a later attempt (the earlier one died or failed, maybe
   * half way): a job whose steps are not all idempotent redoes what was written since. Null on a first attempt.
   */
  resumingSince: Date | null;
}

export interface JobDefinition {
  name: string;
  /** The cron expression from configuration (Europe/London). */
  schedule(config: AppDeps['config']): string;
  run(context: JobContext): Promise<JobOutcome>;
}

export type RunResult = { claimed: false; slot: Date } | { claimed: true; run: JobRunRecord };

/** This process, as named in job runs and mail claims: host and a random suffix (several per host are fine). */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The scheduled minute a fire time belongs to, so every instance names the same slot. */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}


async function insertAttempt(jobName: string, slot: Date, attempt: number, owner: string, now: Date, leaseMs: number): Promise<JobRunRecord | null> {
  try {
    const created = await JobRunModel.create({ jobName, slot, attempt, status: 'running', owner, leaseUntil: new Date(now.getTime() + leaseMs), startedAt: now });
    return created.toObject() as JobRunRecord;
  } catch (error) {
    if (isDuplicateKey(error)) return null;
    throw error;
  }
}

/**
 * Claims (jobName, slot) with one atomic write: insert attempt 1. A duplicate key means another instance has
 * it; then the slot is taken over, by inserting the next attempt, only if the latest attempt failed or its lease
 * expired (that instance died). Of several instances taking over at once, one insert wins.
 */
async function claim(jobName: string, slot: Date, owner: string, now: Date, leaseMs: number): Promise<JobRunRecord | null> {
  const first = await insertAttempt(jobName, slot, 1, owner, now, leaseMs);
  if (first) return first;
  const latest = await JobRunModel.findOne({ jobName, slot }).sort({ attempt: -1 }).lean<JobRunRecord>();
  if (!latest) return null;
  const expired = latest.status === 'running' && latest.leaseUntil < now;
  if (latest.status !== 'failed' && !expired) return null;
  const next = await insertAttempt(jobName, slot, latest.attempt + 1, owner, now, leaseMs);
  if (next && expired) await JobRunModel.updateOne({ _id: latest._id, status: 'running' }, { $set: { status: 'abandoned', endedAt: now } });
  return next;
}

/**
 * Runs `job` for `slot` once across all instances: claim, keep the lease fresh while it runs, record the outcome.
 * `asAt` is the time the job computes for (defaults to the slot). Returns { claimed: false } when another
 * instance has the slot. A job that throws is recorded as failed (and may be taken over by a later attempt).
 */
export async function runJobForSlot(job: JobDefinition, deps: AppDeps, options: { slot: Date; asAt?: Date; owner?: string; stopSignal?: AbortSignal }): Promise<RunResult> {
  const slot = slotOf(options.slot);
  const owner = options.owner ?? `${INSTANCE_ID}:${randomUUID().slice(0, 8)}`;
  const leaseMs = deps.config.JOB_LEASE_SECONDS * 1000;
  const claimed = await claim(job.name, slot, owner, deps.clock.now(), leaseMs);
  if (!claimed) {
    recordJobRun(job.name, 'skipped', 0);
    return { claimed: false, slot };
  }

  const lost = new AbortController();
  const signal = options.stopSignal ? AbortSignal.any([lost.signal, options.stopSignal]) : lost.signal;
  const mine = { _id: claimed._id };
  const heartbeat = setInterval(() => {
    JobRunModel.updateOne(mine, { $set: { leaseUntil: new Date(deps.clock.now().getTime() + leaseMs) } })
      .then(() => JobRunModel.exists({ jobName: job.name, slot, attempt: { $gt: claimed.attempt } }))
      .then((newer) => {
        if (newer) lost.abort(new Error('lease lost: another instance took the run over'));
      })
      .catch((error: unknown) => deps.logger.warn({ err: error, job: job.name }, 'could not refresh job lease'));
  }, Math.max(1000, leaseMs / 3));
  heartbeat.unref();

  let outcome: JobOutcome;
  let status: 'succeeded' | 'failed' = 'succeeded';
  const started = performance.now(); // a duration for /metrics, not a date
  try {
    const resumingSince = claimed.attempt > 1 ? ((await JobRunModel.findOne({ jobName: job.name, slot, attempt: 1 }, { startedAt: 1 }).lean())?.startedAt ?? null) : null;
    outcome = await job.run({ deps, asAt: options.asAt ?? slot, slot, signal, resumingSince });
    if (outcome.errors?.length && outcome.found > 0 && outcome.errors.length >= outcome.found) status = 'failed';
  } catch (error) {
    status = 'failed';
    outcome = { found: 0, errors: [error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'unknown error'] };
    deps.logger.error({ err: error, job: job.name, slot }, 'job run failed');
  } finally {
    clearInterval(heartbeat);
  }
  recordJobRun(job.name, status, (performance.now() - started) / 1000);
  const finished = await JobRunModel.findOneAndUpdate(
    mine,
    { $set: { status, endedAt: deps.clock.now(), found: outcome.found, stored: outcome.stored ?? 0, queued: outcome.queued ?? 0, sent: outcome.sent ?? 0, errorMessages: (outcome.errors ?? []).slice(0, 100) } },
    { returnDocument: 'after' },
  ).lean<JobRunRecord>();
  deps.logger.info({ job: job.name, slot, status, found: outcome.found, stored: outcome.stored, queued: outcome.queued, sent: outcome.sent }, 'job run ended');
  // Lease lost: the instance that took over records the outcome; report what this one saw.
  return { claimed: true, run: finished ?? { ...claimed, status, endedAt: deps.clock.now() } };
}

/**
 * Takes over every run whose instance died: a run still `running` after its lease expired (its instance stopped
 * refreshing it) is re-run for the same slot as the next attempt, at once, rather than waiting for the job's next
 * slot (a daily digest would otherwise wait a day, and its reminders with it). The claim on (job, slot, attempt)
 * keeps several instances sweeping at once from running it twice. Returns the runs this instance took over.
 */
export async function takeOverExpiredRuns(jobs: readonly JobDefinition[], deps: AppDeps, options: { stopSignal?: AbortSignal } = {}): Promise<RunResult[]> {
  const now = deps.clock.now();
  // Only live runs are `running`: a handful of documents, read by the status index (no range filter needed).
  const expired = (await JobRunModel.find({ status: 'running' }).lean<JobRunRecord[]>()).filter((run) => run.leaseUntil < now);
  const results: RunResult[] = [];
  for (const run of expired) {
    if (options.stopSignal?.aborted) break;
    const job = jobs.find((candidate) => candidate.name === run.jobName);
    if (!job) continue;
    if (await JobRunModel.exists({ jobName: run.jobName, slot: run.slot, attempt: { $gt: run.attempt } })) {
      // Already taken over, but not marked (the taker died between its claim and that write).
      await JobRunModel.updateOne({ _id: run._id, status: 'running' }, { $set: { status: 'abandoned', endedAt: now } });
      continue;
    }
    deps.logger.warn({ job: run.jobName, slot: run.slot, attempt: run.attempt }, 'taking over a run whose instance stopped renewing its lease');
    results.push(await runJobForSlot(job, deps, { slot: run.slot, ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}) }));
  }
  return results;
}

/**
 * Deletes the records of runs that ended before `cutoff` (the mail sender alone records one a minute). Runs still
 * `running` are kept whatever their age: the takeover sweep reads them.
 */
export async function purgeJobRuns(cutoff: Date): Promise<number> {
  return (await JobRunModel.deleteMany({ startedAt: { $lt: cutoff }, status: { $ne: 'running' } })).deletedCount;
}
