import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobForSlot } from '../../jobs/job-runner.js';
import { purgeSessionsJob } from '../../jobs/purge-sessions.job.js';
import { recordJobRun } from '../../src/operations/metrics.js';
import { givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

const METRICS_TOKEN = 'scraper-token-0123456789abcdef';
let app: TestApp;
let admin: GivenUser;
let manager: GivenUser;

beforeAll(async () => {
  app = await startTestApp({ config: { METRICS_TOKEN } });
  admin = await givenUser(app, 'admin');
  manager = await givenUser(app, 'manager');
});
afterAll(async () => app.close());

const scrape = (authorization: string) => app.root().get('/metrics').set('authorization', authorization);

/** The value of one sample line, e.g. clo_http_requests_total{method="GET",route="/districts/:id",status="404"}. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('/metrics', () => {
  it('when a request was just made, then the scrape counts it by route pattern and status, with its latency', async () => {
    const missing = '0123456789abcdef01234567';
    await app.http().get(`/districts/${missing}`).set('authorization', manager.auth).expect(404);

    const response = await scrape(`Bearer ${METRICS_TOKEN}`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(sample(response.text, 'clo_http_requests_total', { method: 'GET', route: '/districts/:id', status: '404' })).toBe(1);
    expect(sample(response.text, 'clo_http_request_duration_seconds_count', { method: 'GET', route: '/districts/:id', status: '404' })).toBe(1);
    expect(response.text).not.toContain(missing);
  });

  it('when a URL matches no route, then it is counted as unmatched rather than by its raw path', async () => {
    await app.http().get('/no/such/place/42').expect(404);
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(sample(response.text, 'clo_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(response.text).not.toContain('/no/such/place');
  });

  it('when scraped, then the database connection state, notifications by status and job runs are there', async () => {
    recordJobRun('metrics-test-job', 'succeeded', 1.5);
    const response = await scrape(admin.auth);
    expect(response.status).toBe(200);
    expect(sample(response.text, 'clo_database_connection_state', {}) ?? Number(/^clo_database_connection_state (\d+)/m.exec(response.text)?.[1])).toBe(1);
    await mongoose.connection.db!.collection('mail_outbox').insertMany([{ status: 'failed' }, { status: 'failed' }, { status: 'sent' }]);
    const withOutbox = (await scrape(admin.auth)).text;
    expect(sample(withOutbox, 'clo_notification_emails', { status: 'failed' })).toBe(2);
    expect(sample(withOutbox, 'clo_notification_emails', { status: 'sent' })).toBe(1);
    expect(sample(withOutbox, 'clo_notification_emails', { status: 'pending' })).toBe(0);
    expect(sample(response.text, 'clo_job_runs_total', { job: 'metrics-test-job', outcome: 'succeeded' })).toBe(1);
    expect(sample(response.text, 'clo_job_duration_seconds_sum', { job: 'metrics-test-job', outcome: 'succeeded' })).toBe(1.5);
    await mongoose.connection.db!.collection('job_runs').insertMany([{ jobName: 'reminder-scan', status: 'succeeded' }, { jobName: 'reminder-scan', status: 'succeeded' }, { jobName: 'reminder-scan', status: 'failed' }]);
    const withRuns = (await scrape(admin.auth)).text;
    expect(sample(withRuns, 'clo_job_runs_recorded', { job: 'reminder-scan', status: 'succeeded' })).toBe(2);
    expect(sample(withRuns, 'clo_job_runs_recorded', { job: 'reminder-scan', status: 'failed' })).toBe(1);
  });

  it('when a scheduled job runs, then its run and duration are counted, and a second claim of the slot counts as skipped', async () => {
    const slot = new Date('2026-06-15T03:30:00Z');
    expect((await runJobForSlot(purgeSessionsJob, app.deps, { slot })).claimed).toBe(true);
    expect((await runJobForSlot(purgeSessionsJob, app.deps, { slot })).claimed).toBe(false);
    const text = (await scrape(admin.auth)).text;
    expect(sample(text, 'clo_job_runs_total', { job: purgeSessionsJob.name, outcome: 'succeeded' })).toBe(1);
    expect(sample(text, 'clo_job_runs_total', { job: purgeSessionsJob.name, outcome: 'skipped' })).toBe(1);
    expect(sample(text, 'clo_job_duration_seconds_count', { job: purgeSessionsJob.name, outcome: 'succeeded' })).toBe(1);
  });

  it('when there is no token, a wrong token or a non-admin session, then 401 and no metrics', async () => {
    for (const authorization of ['', 'Bearer wrong-token-0123456789abcdef', manager.auth]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(response.text).not.toContain('clo_http_requests_total');
    }
  });
});
