import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunModel } from '../../jobs/job-runs.model.js';
import { takeOverExpiredRuns } from '../../jobs/job-runner.js';
import { JOBS } from '../../jobs/jobs.js';
import { addDays, type LocalDate } from '../../src/lib/dates.js';
import { DigestPendingModel } from '../../src/notifications/digest-pending.js';
import { applyPreferences } from '../../src/notifications/notification-preferences.service.js';
import { storeReminders } from '../../src/notifications/notification-store.js';
import { computeReminders } from '../../src/reminders/reminder-scan.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { travelTo } from '../factories/housing.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let districtId: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T04:00:00.000Z', config: { SMTP_URL: smtp.url } });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const mailTo = (user: GivenUser) => smtp.messages.filter((mail) => mail.envelopeTo.includes(user.email));
const digestsTo = (user: GivenUser) => mailTo(user).filter((mail) => mail.subject.startsWith('Your reminders'));
const linesOf = (user: GivenUser) => DigestPendingModel.find({ recipientUserId: user.id, kind: 'line' }).lean();

/** One day as the schedule runs it, the clock moving with it: the scan at 05:00 UTC (06:00 London), the digest at 06:00, then the sender. */
async function day(date: LocalDate): Promise<void> {
  app.clock.set(`${date}T05:00:00.000Z`);
  await runJob(app, 'reminder-scan', { at: `${date}T05:00:00.000Z` });
  app.clock.set(`${date}T06:00:00.000Z`);
  await runJob(app, 'daily-digest', { at: `${date}T06:00:00.000Z` });
  await runJob(app, 'send-mail', { at: `${date}T06:01:00.000Z` });
}

describe('the daily digest reads the day\'s work, not the history of reminders', () => {
  it('when reminders stay due for days, then each is emailed once and listed in one digest, and after each digest nothing of it is left to read again', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    // Overdue review (urgent: an email at once) and an 18th birthday 7 weeks ahead: both stay due all week.
    await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-01', lastContactDate: null });
    await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-08-01', pathwayPlanReviewDate: null, lastContactDate: null });
    await day('2026-06-15');
    expect(mailTo(adviser).filter((mail) => mail.subject.startsWith('Urgent'))).toHaveLength(1);
    expect(digestsTo(adviser)).toHaveLength(1);
    expect(digestsTo(adviser)[0]!.subject).toBe('Your reminders for Monday 15 June 2026: 2 items (1 urgent)');
    expect(await linesOf(adviser)).toHaveLength(0);

    for (let date = addDays('2026-06-15', 1); date <= '2026-06-19'; date = addDays(date, 1)) {
      await day(date);
      // The same reminders were found again: nothing new to list, nothing waiting, no email.
      expect(await linesOf(adviser)).toHaveLength(0);
      expect(await DigestPendingModel.countDocuments({ recipientUserId: adviser.id, at: { $lt: new Date(`${date}T05:00:00.000Z`) } })).toBe(0);
    }
    expect(mailTo(adviser)).toHaveLength(2);

    // A new reminder on the 20th: that day's digest lists it alone.
    await travelTo(app, '2026-06-20T04:00:00.000Z', adviser);
    await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-03-01', pathwayPlanReviewDate: '2026-06-30', lastContactDate: null });
    await day('2026-06-20');
    expect(digestsTo(adviser)).toHaveLength(2);
    expect(digestsTo(adviser)[1]!.subject).toBe('Your reminders for Saturday 20 June 2026: 1 item');
  });

  it('when a reminder scan died after storing its reminders and before telling of them, then the run that takes its slot over emails them and queues them for the digest', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-01', lastContactDate: null });
    const slot = new Date('2026-06-22T05:00:00.000Z');
    app.clock.set(slot);
    // The dead attempt: it claimed the slot, stored the reminders, and died before anything else (its lines never written).
    await JobRunModel.create({ jobName: 'reminder-scan', slot, attempt: 1, status: 'running', owner: 'dead-instance', leaseUntil: new Date(slot.getTime() + 1_000), startedAt: slot });
    await storeReminders(await applyPreferences(await computeReminders(slot)), app.clock.now());
    await DigestPendingModel.deleteMany({ recipientUserId: adviser.id });

    app.clock.set('2026-06-22T05:05:00.000Z');
    const [takenOver] = await takeOverExpiredRuns(JOBS, app.deps);
    expect(takenOver?.claimed && takenOver.run).toMatchObject({ attempt: 2, status: 'succeeded' });
    expect((await linesOf(adviser)).map((line) => line.rule)).toEqual(['pathway_plan_review_overdue']);
    app.clock.set('2026-06-22T06:00:00.000Z');
    await runJob(app, 'daily-digest', { at: '2026-06-22T06:00:00.000Z' });
    await runJob(app, 'send-mail', { at: '2026-06-22T06:01:00.000Z' });
    expect(mailTo(adviser).map((mail) => mail.subject)).toEqual(['Urgent: a pathway plan review is overdue on your caseload', 'Your reminders for Monday 22 June 2026: 1 item (1 urgent)']);
  });
  it('when a case is reallocated between the scan and the digest, then its waiting reminder is listed in the new adviser\'s digest, not the old one\'s', async () => {
    const date = '2026-06-29';
    app.clock.set(`${date}T05:00:00.000Z`);
    const manager = await givenUser(app, 'manager');
    const before = await givenUser(app, 'personal_adviser');
    const after = await givenUser(app, 'personal_adviser');
    // An 18th birthday 7 weeks ahead: not urgent, so it waits for the digest.
    const person = await givenYoungPerson(app, before, { homeDistrictId: districtId, dateOfBirth: '2008-08-17', pathwayPlanReviewDate: null, lastContactDate: null });
    await runJob(app, 'reminder-scan', { at: `${date}T05:00:00.000Z` });
    expect(await linesOf(before)).toHaveLength(1);
    const moved = await app.http().post('/young-people/reallocate').set('authorization', manager.auth).send({ youngPersonIds: [person.id], personalAdviserId: after.id });
    expect(moved.body).toEqual({ moved: 1 });
    expect(await linesOf(before)).toHaveLength(0);
    app.clock.set(`${date}T06:00:00.000Z`);
    await runJob(app, 'daily-digest', { at: `${date}T06:00:00.000Z` });
    await runJob(app, 'send-mail', { at: `${date}T06:01:00.000Z` });
    expect(digestsTo(after)).toHaveLength(1);
    expect(digestsTo(after)[0]!.text).toContain('18');
    expect(digestsTo(before)).toHaveLength(0);
  });
});
