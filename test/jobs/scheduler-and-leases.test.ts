import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobForSlot, type JobDefinition } from '../../jobs/job-runner.js';
import { JobRunModel } from '../../jobs/job-runs.model.js';
import { startScheduler } from '../../jobs/scheduler.js';
import { buildConfig } from '../../src/config.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { SessionModel } from '../../src/users/users.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpportunity, runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let districtId: string;
let admin: GivenUser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url, JOB_LEASE_SECONDS: '60' } });
  districtId = (await givenDistrict()).id;
  admin = await givenUser(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

async function adviserWithOverdueReview(reviewDate: string) {
  const adviser = await givenUser(app, 'personal_adviser');
  await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: reviewDate, lastContactDate: null });
  return adviser;
}
const unreadCount = async (user: GivenUser) => (await app.http().get('/notifications/mine').set('authorization', user.auth)).body.total as number;

describe('leases: a dead instance\'s run is taken over, a live one is not', () => {
  it('when the scan\'s instance died mid-run and its lease expired, then the next attempt for that slot completes the work', async () => {
    const adviser = await adviserWithOverdueReview('2026-05-10');
    const slot = new Date('2026-06-13T05:00:00Z');
    await JobRunModel.create({ jobName: 'reminder-scan', slot, attempt: 1, status: 'running', owner: 'dead-instance', leaseUntil: new Date(app.clock.now().getTime() - 1_000), startedAt: new Date(app.clock.now().getTime() - 120_000) });
    const result = await runJob(app, 'reminder-scan', { at: slot.toISOString() });
    expect(result.claimed && result.run.attempt).toBe(2);
    expect(await unreadCount(adviser)).toBe(1);
    const runs = await app.http().get('/job-runs').query({ jobName: 'reminder-scan' }).set('authorization', admin.auth);
    const forSlot = runs.body.items.filter((run: { slot: string }) => run.slot === slot.toISOString());
    expect(forSlot.map((run: { status: string; attempt: number }) => `${run.attempt}:${run.status}`).sort()).toEqual(['1:abandoned', '2:succeeded']);
  });

  it('when another instance still holds the lease, then the slot is not taken over', async () => {
    const slot = new Date('2026-06-13T06:00:00Z');
    await JobRunModel.create({ jobName: 'reminder-scan', slot, attempt: 1, status: 'running', owner: 'live-instance', leaseUntil: new Date(app.clock.now().getTime() + 30_000), startedAt: app.clock.now() });
    expect((await runJob(app, 'reminder-scan', { at: slot.toISOString() })).claimed).toBe(false);
  });

  it('when a run failed, then it is recorded with its error and a later attempt for the slot may run', async () => {
    let calls = 0;
    const flaky: JobDefinition = { name: 'flaky-test-job', schedule: () => '0 0 1 1 *', run: async () => {
      calls += 1;
      if (calls === 1) throw new Error('database went away (record 42)');
      return { found: 3, sent: 3 };
    } };
    const slot = new Date('2026-06-13T07:00:00Z');
    const failed = await runJobForSlot(flaky, app.deps, { slot });
    expect(failed.claimed && failed.run).toMatchObject({ status: 'failed', errorMessages: ['Error: database went away (record 42)'] });
    const retried = await runJobForSlot(flaky, app.deps, { slot });
    expect(retried.claimed && retried.run).toMatchObject({ status: 'succeeded', attempt: 2, found: 3, sent: 3 });
    expect((await runJobForSlot(flaky, app.deps, { slot })).claimed).toBe(false);
  });
});

describe('the scheduler', () => {
  it('when started with a sender schedule of every second, then queued email goes out, and stop() ends cleanly', async () => {
    const adviser = await adviserWithOverdueReview('2026-05-11');
    await runJob(app, 'reminder-scan', '2026-06-14');
    const never = '0 0 1 1 *';
    const config = buildConfig({ ...Object.fromEntries(Object.entries(app.deps.config).map(([key, value]) => [key, String(value)])), MAIL_SENDER_CRON: '* * * * * *', REMINDER_SCAN_CRON: never, DAILY_DIGEST_CRON: never, OPPORTUNITY_CLOSE_CRON: never, SESSION_PURGE_CRON: never, MAIL_HISTORY_PURGE_CRON: never });
    const scheduler = startScheduler({ ...app.deps, config });
    try {
      await smtp.waitForMessages(1, 10_000);
    } finally {
      await scheduler.stop();
    }
    expect(smtp.messages.filter((mail) => mail.envelopeTo.includes(adviser.email))).toHaveLength(1);
    expect(await JobRunModel.countDocuments({ jobName: 'send-mail', status: 'succeeded' })).toBeGreaterThanOrEqual(1);
  });
});

describe('housekeeping jobs', () => {
  it('when sessions have expired, then purge-sessions deletes them and keeps live ones', async () => {
    const user = await givenUser(app, 'personal_adviser');
    await SessionModel.create({ tokenHash: `expired-${user.id}`, userId: user.id, expiresAt: new Date('2026-06-14T08:59:59Z') });
    await runJob(app, 'purge-sessions', { at: '2026-06-15T03:30:00Z' });
    expect(await SessionModel.exists({ tokenHash: `expired-${user.id}` })).toBeNull();
    expect((await app.http().get('/notifications/mine').set('authorization', user.auth)).status).toBe(200);
  });

  it('when an opening\'s closing date has passed, then close-expired-opportunities closes it', async () => {
    const opening = await givenOpportunity({ closingDate: '2026-06-14' });
    const open = await givenOpportunity({ closingDate: '2026-06-15' });
    await runJob(app, 'close-expired-opportunities', { at: '2026-06-14T23:05:00Z' }); // 00:05 on 15 June in London
    expect((await OpportunityModel.findById(opening.id).lean())!.status).toBe('closed');
    expect((await OpportunityModel.findById(open.id).lean())!.status).toBe('open');
  });
});
