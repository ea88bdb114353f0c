import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import mongoose from 'mongoose';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Actor } from '../users/roles.js';

/**
 * Prometheus metrics. HTTP metrics live in a registry per app (tests build several apps in one process);
 * job metrics are process-wide because the scheduler runs beside, not inside, an app. A scrape of /metrics
 * returns both.
 */

const jobRegistry = new Registry();

const jobRuns = new Counter({
  name: 'clo_job_runs_total',
  help: 'Scheduled job runs by job name and outcome (succeeded, failed, skipped when another instance holds the run).',
  labelNames: ['job', 'outcome'] as const,
  registers: [jobRegistry],
});

const jobDuration = new Histogram({
  name: 'clo_job_duration_seconds',
  help: 'How long scheduled job runs took, by job name and outcome.',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [jobRegistry],
});

export type JobOutcome = 'succeeded' | 'failed' | 'skipped';

/** For the jobs: call once per run, e.g. `recordJobRun('reminder-scan', 'succeeded', 2.4)`. */
export function recordJobRun(job: string, outcome: JobOutcome, seconds: number): void {
  jobRuns.inc({ job, outcome });
  jobDuration.observe({ job, outcome }, seconds);
}

/** The mail outbox's statuses (src/notifications/mail-outbox.model.ts); read by name to stay decoupled. */
const EMAIL_STATUSES = ['pending', 'sent', 'failed'] as const;

export interface AppMetrics {
  registry: Registry;
  /** Express middleware timing every request, labelled by route pattern (never the raw URL: it holds ids). */
  recordHttpRequests: (req: Request, res: Response, next: NextFunction) => void;
  /** Express handler for GET /metrics: a bearer METRICS_TOKEN or an admin session. */
  serve: (req: Request, res: Response) => Promise<void>;
}

export function createAppMetrics(options: { metricsToken?: string | undefined }): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({ name: 'clo_http_requests_total', help: 'HTTP requests by method, route pattern and status.', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'clo_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  new Gauge({
    name: 'clo_database_connection_state',
    help: 'mongoose connection state: 0 disconnected, 1 connected, 2 connecting, 3 disconnecting.',
    registers: [registry],
    collect() {
      this.set(mongoose.connection.readyState);
    },
  });

  new Gauge({
    name: 'clo_notification_emails',
    help: 'Notification emails in the outbox by status (pending, sent, failed), counted when scraped.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countByStatus('mail_outbox', EMAIL_STATUSES);
      // Sent mail is moved to mail_sent (older outboxes may still hold some).
      const moved = await countDocuments('mail_sent', {});
      for (const status of EMAIL_STATUSES) this.set({ status }, (counts[status] ?? 0) + (status === 'sent' ? moved : 0));
    },
  });

  new Gauge({
    name: 'clo_job_runs_recorded',
    help: 'Scheduled job runs recorded in the database (all instances) by job and status, counted when scraped.',
    labelNames: ['job', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { job, status, count } of await jobRunsByStatus()) this.set({ job, status }, count);
    },
  });

  new Gauge({
    name: 'clo_reminders_unread',
    help: 'Reminders (in-service notifications) not yet read by their recipient, counted when scraped.',
    registers: [registry],
    async collect() {
      this.set(await countDocuments('notifications', { readAt: null }));
    },
  });

  const recordHttpRequests = (req: Request, res: Response, next: NextFunction) => {
    const stop = latency.startTimer();
    res.once('finish', () => {
      const labels = { method: req.method, route: routePattern(req), status: String(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };

  const serve = async (req: Request, res: Response) => {
    if (!mayReadMetrics(req.header('authorization'), res.locals.actor as Actor | undefined, options.metricsToken)) {
      res.status(401).type('application/problem+json').json({ type: 'about:blank#unauthenticated', title: 'Unauthenticated', status: 401, code: 'unauthenticated', detail: 'Metrics need the metrics token or an admin session.', requestId: res.locals.requestId });
      return;
    }
    const merged = Registry.merge([registry, jobRegistry]);
    res.type(merged.contentType).send(await merged.metrics());
  };

  return { registry, recordHttpRequests, serve };
}

/** The matched route's pattern ("/young-people/:id"), or "unmatched" for 404s, so label values stay few. */
function routePattern(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

function mayReadMetrics(authorization: string | undefined, actor: Actor | undefined, metricsToken: string | undefined): boolean {
  if (actor?.role === 'admin') return true;
  const presented = /^Bearer\s+(\S+)$/.exec(authorization ?? '')?.[1];
  if (!metricsToken || !presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(metricsToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads another capability's collection if it exists yet; a scrape never fails because of it. */
async function countDocuments(collection: string, filter: Record<string, unknown>): Promise<number> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return 0;
  try {
    return await db.collection(collection).countDocuments(filter);
  } catch {
    return 0;
  }
}

async function countByStatus(collection: string, statuses: readonly string[]): Promise<Partial<Record<string, number>>> {
  const counts = await Promise.all(statuses.map((status) => countDocuments(collection, { status })));
  return Object.fromEntries(statuses.map((status, index) => [status, counts[index]]));
}

/** The job runs collection (jobs/job-runs.model.ts) grouped by job and status; empty if it is not there yet. */
async function jobRunsByStatus(): Promise<{ job: string; status: string; count: number }[]> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return [];
  try {
    const groups = await db.collection('job_runs').aggregate<{ _id: { job: unknown; status: unknown }; count: number }>([{ $group: { _id: { job: '$jobName', status: '$status' }, count: { $sum: 1 } } }]).toArray();
    return groups.map((group) => ({ job: String(group._id.job), status: String(group._id.status), count: group.count }));
  } catch {
    return [];
  }
}
