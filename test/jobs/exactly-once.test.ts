import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { runJob, runJobCli } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let districtId: string;
let admin: GivenUser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url } });
  districtId = (await givenDistrict()).id;
  admin = await givenUser(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** PAs with young people whose pathway plan reviews are overdue: one urgent reminder (and email) each. */
async function advisersWithOverdueReviews(advisers: number, peopleEach: number, reviewDate: string): Promise<GivenUser[]> {
  const created: GivenUser[] = [];
  for (let a = 0; a < advisers; a += 1) {
    const adviser = await givenUser(app, 'personal_adviser');
    for (let p = 0; p < peopleEach; p += 1) await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: reviewDate, lastContactDate: null });
    created.push(adviser);
  }
  return created;
}

const unreadCount = async (user: GivenUser) => (await app.http().get('/notifications/mine').set('authorization', user.auth)).body.total as number;
const jobRuns = async (jobName: string) => (await app.http().get('/job-runs').query({ jobName, limit: 500 }).set('authorization', admin.auth)).body.items as { slot: string; status: string; attempt: number; stored: number; queued: number; sent: number }[];
const cliResult = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { claimed: boolean; status?: string; stored?: number; queued?: number; sent?: number; attempt?: number };
const mailsTo = (users: GivenUser[]) => smtp.messages.filter((mail) => users.some((user) => mail.envelopeTo.includes(user.email)));

describe('each slot runs once, each reminder is stored once', () => {
  it('when the reminder scan runs twice for the same slot, then the second is refused and nothing is stored twice', async () => {
    const [adviser] = await advisersWithOverdueReviews(1, 2, '2026-05-01');
    const first = await runJob(app, 'reminder-scan', { at: '2026-06-10T05:00:00Z' });
    const second = await runJob(app, 'reminder-scan', { at: '2026-06-10T05:00:30Z' }); // same minute: same slot
    expect(first.claimed).toBe(true);
    expect(second.claimed).toBe(false);
    await runJob(app, 'reminder-scan', { at: '2026-06-10T05:01:00Z' }); // next slot, same day: nothing new
    expect(await unreadCount(adviser!)).toBe(2);
    const runs = (await jobRuns('reminder-scan')).filter((run) => run.slot.startsWith('2026-06-10T05:0'));
    expect(runs.map((run) => run.stored).sort()).toEqual([0, 2]);
  });

  it('when three processes run the scan and then the sender at the same moment, then each reminder is stored once and each email arrives once', { timeout: 180_000 }, async () => {
    const advisers = await advisersWithOverdueReviews(3, 2, '2026-05-02');
    const env = { SMTP_URL: smtp.url };
    // Three instances, three slots of the same day (as with clock skew): all run, the natural key stores once.
    const skewed = await Promise.all(['06:00:00', '06:01:00', '06:02:00'].map((time) => runJobCli(app, ['reminder-scan', '--at', `2026-06-11T${time}Z`], env).done));
    for (const result of skewed) expect(result.code, result.stderr).toBe(0);
    expect(skewed.map((result) => cliResult(result.stdout).stored).reduce((a, b) => a! + b!, 0)).toBeGreaterThanOrEqual(6);
    for (const adviser of advisers) expect(await unreadCount(adviser)).toBe(2);
    // Three instances, one slot: exactly one of them claims it.
    const same = await Promise.all([1, 2, 3].map(() => runJobCli(app, ['reminder-scan', '--at', '2026-06-11T07:00:00Z'], env).done));
    expect(same.map((result) => cliResult(result.stdout).claimed).filter(Boolean)).toHaveLength(1);
    // Three senders at once (different slots, so all three run): message claims keep them apart.
    const senders = await Promise.all(['08:00:00', '08:01:00', '08:02:00'].map((time) => runJobCli(app, ['send-mail', '--at', `2026-06-11T${time}Z`], env).done));
    for (const result of senders) expect(result.code, result.stderr).toBe(0);
    const mails = mailsTo(advisers);
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(6);
    for (const adviser of advisers) expect(mailsTo([adviser])).toHaveLength(2);
  });
});

describe('an instance killed in the middle of a run', () => {
  it('when the sender is killed mid-run, then a run after the lease expires takes the slot over and every email arrives, duplicates only with the same Message-ID', { timeout: 180_000 }, async () => {
    // 8 emails, sent 4 at a time: the kill comes while the first 4 are in flight.
    const advisers = await advisersWithOverdueReviews(1, 8, '2026-05-03');
    const env = { SMTP_URL: smtp.url, JOB_LEASE_SECONDS: '5' };
    const scan = await runJobCli(app, ['reminder-scan', '--at', '2026-06-12T06:00:00Z'], env).done;
    expect(cliResult(scan.stdout).queued).toBe(8);

    smtp.delayEachBy(1_500);
    const doomed = runJobCli(app, ['send-mail', '--at', '2026-06-12T08:00:00Z'], env);
    const deadline = Date.now() + 60_000;
    while (mailsTo(advisers).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    doomed.kill();
    await doomed.done;
    smtp.delayEachBy(0);
    expect(mailsTo(advisers).length).toBeLessThan(8);
    const [interrupted] = (await jobRuns('send-mail')).filter((run) => run.slot === '2026-06-12T08:00:00.000Z');
    expect(interrupted!.status).toBe('running');

    await new Promise((resolve) => setTimeout(resolve, 5_500)); // the dead instance's leases expire
    const takeover = await runJobCli(app, ['send-mail', '--at', '2026-06-12T08:00:00Z'], env).done;
    expect(takeover.code, takeover.stderr).toBe(0);
    expect(cliResult(takeover.stdout)).toMatchObject({ claimed: true, attempt: 2, status: 'succeeded' });
    const runs = (await jobRuns('send-mail')).filter((run) => run.slot === '2026-06-12T08:00:00.000Z');
    expect(runs.map((run) => run.status).sort()).toEqual(['abandoned', 'succeeded']);

    const mails = mailsTo(advisers);
    expect(new Set(mails.map((mail) => mail.messageId)).size).toBe(8); // every email arrived
    expect(mails.length).toBeLessThanOrEqual(12); // at most those in flight at the kill again, each with its own Message-ID
  });
});
