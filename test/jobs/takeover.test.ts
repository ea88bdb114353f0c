import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { JobRunModel } from '../../jobs/job-runs.model.js';
import { DigestPendingModel, digestDatesOf } from '../../src/notifications/digest-pending.js';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { NotificationModel } from '../../src/notifications/notification.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let districtId: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app.close();
});

const NEVER = '0 0 1 1 *';

/** A job-running instance in its own process against this file's database; resolves once it printed `waitFor`. */
function instance(args: string[], waitFor: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/jobs/support/job-instance.ts'), ...args], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB_NAME: app.dbName, MAIL_OUTBOX_DIR: app.deps.config.MAIL_OUTBOX_DIR,
      JOB_LEASE_SECONDS: '5', REMINDER_SCAN_CRON: NEVER, DAILY_DIGEST_CRON: NEVER, MAIL_SENDER_CRON: NEVER, OPPORTUNITY_CLOSE_CRON: NEVER, SESSION_PURGE_CRON: NEVER, MAIL_HISTORY_PURGE_CRON: NEVER,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(waitFor)) resolve(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`instance exited (${code}) before ${waitFor}: ${output.slice(-2000)}`)));
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function adviserWithReminders(): Promise<GivenUser> {
  const adviser = await givenUser(app, 'personal_adviser');
  await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-20', lastContactDate: null });
  await runJob(app, 'reminder-scan', '2026-06-15');
  return adviser;
}

describe('a digest run whose instance is killed is taken over by another instance', () => {
  it('when the instance running the daily digest is killed -9 mid-run beside two healthy instances, then one of them takes the slot over within the lease and the sweep, and the digest is queued once', { timeout: 120_000 }, async () => {
    const adviser = await adviserWithReminders();
    const slot = '2026-06-16T06:00:00.000Z';
    const doomed = await instance(['claim-and-hang', 'daily-digest', slot], 'CLAIMED');
    const healthy = await Promise.all([instance(['scheduler'], 'READY'), instance(['scheduler'], 'READY')]);
    doomed.kill('SIGKILL');
    const runs = await until(() => JobRunModel.find({ jobName: 'daily-digest', slot: new Date(slot) }).sort({ attempt: 1 }).lean(), (found) => found.some((run) => run.status === 'succeeded'), 60_000);
    expect(runs.map((run) => `${run.attempt}:${run.status}`)).toEqual(['1:abandoned', '2:succeeded']);
    const digests = await MailOutboxModel.find({ kind: 'digest', recipientUserId: adviser.id }).lean();
    expect(digests).toHaveLength(1);
    expect(digests[0]!.digestDate).toBe('2026-06-16');
    // Recorded once queued: every reminder of that PA is in that digest.
    const reminders = await NotificationModel.find({ recipientUserId: adviser.id, byEmail: true }).lean();
    expect(reminders.length).toBeGreaterThan(0);
    const listedOn = await digestDatesOf(reminders.map((reminder) => reminder._id));
    expect(reminders.every((reminder) => listedOn.get(String(reminder._id)) === '2026-06-16')).toBe(true);
    for (const child of healthy) child.kill('SIGTERM');
  });
});

describe('reminders are recorded as digested only when their digest is queued', () => {
  it('when a digest run died after queueing but before recording, then the run that takes over records them, queues nothing twice, and the next day does not list them again', async () => {
    const adviser = await adviserWithReminders();
    await runJob(app, 'daily-digest', { at: '2026-06-19T06:00:00Z' });
    const [queued] = await MailOutboxModel.find({ kind: 'digest', recipientUserId: adviser.id }).lean();
    expect(queued?.digestDate).toBe('2026-06-19');
    // The state a crash between the two writes leaves: the digest queued, its reminders not yet recorded as listed.
    expect((await DigestPendingModel.deleteMany({ _id: `listed:${queued!.dedupeKey}` })).deletedCount).toBe(1);
    await runJob(app, 'daily-digest', { at: '2026-06-19T06:05:00Z' });
    expect(await MailOutboxModel.countDocuments({ kind: 'digest', recipientUserId: adviser.id })).toBe(1);
    const listedOn = await digestDatesOf(queued!.notificationIds);
    expect(queued!.notificationIds.every((id) => listedOn.get(String(id)) === '2026-06-19')).toBe(true);
    await runJob(app, 'daily-digest', { at: '2026-06-20T06:00:00Z' });
    expect(await MailOutboxModel.countDocuments({ kind: 'digest', recipientUserId: adviser.id })).toBe(1);
  });
});
