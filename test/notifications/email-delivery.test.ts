import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpportunity, runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type CapturedMail, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let districtId: string;
let admin: GivenUser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://clo.example.test', MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_BASE_SECONDS: '60' } });
  districtId = (await givenDistrict()).id;
  admin = await givenUser(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const CARE_HISTORY = 'Accommodated under section 20 after neglect; three placement moves';
const mailTo = (user: GivenUser) => smtp.messages.filter((mail) => mail.envelopeTo.includes(user.email));
const everything = (mail: CapturedMail) => `${mail.subject}\n${mail.text}\n${mail.html}\n${mail.raw}`;
const send = () => runJob(app, 'send-mail', '2026-06-15');

async function outbox(status: string) {
  const response = await app.http().get('/notifications').query({ status, limit: 500 }).set('authorization', admin.auth);
  expect(response.status).toBe(200);
  return response.body.items as { id: string; to: string; subject: string; attempts: number; lastError: string | null; status: string }[];
}

/** A PA whose young person's pathway plan review is overdue: an urgent reminder, so an email at once. */
async function adviserWithOverdueReview(overrides: Record<string, unknown> = {}) {
  const adviser = await givenUser(app, 'personal_adviser');
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-01', lastContactDate: null, careHistoryNotes: CARE_HISTORY, ...overrides });
  return { adviser, person };
}

describe('the daily digest and urgent emails', () => {
  it('when a PA has an urgent and a routine reminder, then the urgent one goes at once and the digest lists both, urgent first, once', async () => {
    const { adviser, person } = await adviserWithOverdueReview();
    const birthday = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-08-01', pathwayPlanReviewDate: null, lastContactDate: null, careHistoryNotes: CARE_HISTORY });
    await runJob(app, 'reminder-scan', '2026-06-15');
    await send();
    const [urgent] = mailTo(adviser);
    expect(mailTo(adviser)).toHaveLength(1);
    expect(urgent!.subject).toBe('Urgent: a pathway plan review is overdue on your caseload');
    expect(urgent!.text).toContain(`${person.firstName as string}'s pathway plan review was due on Monday 1 June 2026 and is overdue.`);
    expect(urgent!.text).toContain(`https://clo.example.test/young-people/${person.id}`);
    const [sentRecord] = (await outbox('sent')).filter((message) => message.to === adviser.email);
    expect(urgent!.messageId).toBe(`<${sentRecord!.id}@clo.example.test>`);

    await runJob(app, 'daily-digest', { at: '2026-06-15T06:00:00Z' });
    await runJob(app, 'daily-digest', { at: '2026-06-15T06:30:00Z' }); // same day again: no second digest
    await send();
    const digests = mailTo(adviser).filter((mail) => mail.subject.startsWith('Your reminders'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.subject).toBe('Your reminders for Monday 15 June 2026: 2 items (1 urgent)');
    expect(digest.text.indexOf('Urgent')).toBeLessThan(digest.text.indexOf('For information'));
    expect(digest.text).toContain(`${birthday.firstName as string} turns 18 in 7 weeks`);
    expect(everything(digest)).not.toMatch(/1 August 2026|2008-08-01|2026-08-01/);
    expect(digest.html).toContain('&#x27;s pathway plan review'); // HTML escapes the apostrophe; plain text does not
    for (const mail of mailTo(adviser)) {
      expect(everything(mail)).not.toContain(CARE_HISTORY);
      expect(everything(mail)).not.toContain(person.lastName as string);
    }
  });

  it('when the housing officer and an employer are emailed, then no care details, surname or date of birth appear', async () => {
    const district = await givenDistrict();
    const housingOfficer = await givenUser(app, 'housing_officer', { districtIds: [district.id] });
    const adviser = await givenUser(app, 'personal_adviser');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, dateOfBirth: '2008-08-01', inCustody: true, expectedReleaseDate: '2026-09-01', shareWithHousing: true, legalCategory: 'eligible', careStatus: 'in_care', careHistoryNotes: CARE_HISTORY });
    const organisationId = String(new mongoose.Types.ObjectId());
    const employer = await givenUser(app, 'employer', { organisationId });
    const offer = await givenOpportunity({ organisationId, closingDate: '2026-06-20' });
    await runJob(app, 'reminder-scan', '2026-06-15');
    await runJob(app, 'daily-digest', { at: '2026-06-15T06:45:00Z' });
    await send();
    const housingMail = mailTo(housingOfficer);
    expect(housingMail.map((mail) => mail.subject)).toContain('Urgent: a housing deadline for a young person in your district');
    expect(housingMail.some((mail) => mail.text.includes(`${person.firstName as string}, a young person in care who agreed to share with housing, needs accommodation in your district from Tuesday 1 September 2026 and has no housing application.`))).toBe(true);
    expect(housingMail.some((mail) => mail.text.includes(`/districts/${district.id}/early-applications`))).toBe(true);
    expect(housingMail.every((mail) => !mail.subject.startsWith('Urgent: Urgent:'))).toBe(true);
    const employerMail = mailTo(employer);
    expect(employerMail).toHaveLength(1);
    expect(employerMail[0]!.text).toContain(`Your offer ${offer.title} closes on Saturday 20 June 2026 and has no referrals yet.`);
    for (const mail of [...housingMail, ...employerMail]) {
      const content = everything(mail);
      for (const secret of [CARE_HISTORY, person.lastName as string, '2008-08-01', 'custody', 'prison', 'in_care', 'eligible']) expect(content).not.toContain(secret);
    }
    expect(everything(employerMail[0]!)).not.toContain(person.firstName as string);
  });
});

describe('faults: refusals, a server that is down, and the retry limit', () => {
  it('when the SMTP server refuses twice (451) and then accepts, then the email arrives once after backing off 1 then 2 minutes', async () => {
    const { adviser } = await adviserWithOverdueReview();
    await runJob(app, 'reminder-scan', '2026-06-16');
    smtp.refuseNext(2);
    await send();
    expect(mailTo(adviser)).toHaveLength(0);
    const [waiting] = (await outbox('pending')).filter((message) => message.to === adviser.email);
    expect(waiting).toMatchObject({ attempts: 1 });
    expect(waiting!.lastError).toMatch(/^451/);
    await send(); // not due yet: nothing is attempted
    expect((await outbox('pending')).find((message) => message.id === waiting!.id)!.attempts).toBe(1);
    app.clock.advanceMs(60_000);
    await send();
    expect(mailTo(adviser)).toHaveLength(0);
    app.clock.advanceMs(119_000);
    await send();
    expect(mailTo(adviser)).toHaveLength(0); // second back-off is 2 minutes
    app.clock.advanceMs(1_000);
    await send();
    expect(mailTo(adviser)).toHaveLength(1);
    await send();
    expect(mailTo(adviser)).toHaveLength(1);
  });

  it('when the SMTP server is down and comes back, then the email arrives once', async () => {
    const { adviser } = await adviserWithOverdueReview();
    await runJob(app, 'reminder-scan', '2026-06-17');
    await smtp.down();
    await send();
    const [waiting] = (await outbox('pending')).filter((message) => message.to === adviser.email);
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    await smtp.up();
    app.clock.advanceMs(60_000);
    await send();
    await send();
    expect(mailTo(adviser)).toHaveLength(1);
  });

  it('when every attempt is refused, then after MAIL_MAX_ATTEMPTS (3) it is listed as failed for staff, and a retry by hand delivers it', async () => {
    const { adviser } = await adviserWithOverdueReview();
    await runJob(app, 'reminder-scan', '2026-06-18');
    smtp.refuseNext(10);
    for (const wait of [0, 60_000, 120_000]) {
      app.clock.advanceMs(wait);
      await send();
    }
    app.clock.advanceMs(10 * 60_000);
    await send(); // failed messages are not attempted again
    const [failed] = (await outbox('failed')).filter((message) => message.to === adviser.email);
    expect(failed).toMatchObject({ attempts: 3, status: 'failed' });
    expect(failed!.lastError).toMatch(/^451/);
    expect((await app.http().get('/notifications').query({ status: 'failed' }).set('authorization', adviser.auth)).status).toBe(403);

    smtp.refuseNext(0);
    const retry = await app.http().post(`/notifications/${failed!.id}/retry`).set('authorization', admin.auth);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'pending', attempts: 0 });
    await send();
    expect(mailTo(adviser)).toHaveLength(1);
    const again = await app.http().post(`/notifications/${failed!.id}/retry`).set('authorization', admin.auth);
    expect(again.status).toBe(409);
  });

  it('when the SMTP server rejects permanently (550), then it fails at once without retrying', async () => {
    const { adviser } = await adviserWithOverdueReview();
    await runJob(app, 'reminder-scan', '2026-06-19');
    smtp.refuseNext(1, 550);
    await send();
    const [failed] = (await outbox('failed')).filter((message) => message.to === adviser.email);
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed!.lastError).toMatch(/^550/);
  });
});

describe('reminders in the service', () => {
  it('when a user marks a reminder read, then it leaves their unread list; nobody else can mark it', async () => {
    const { adviser } = await adviserWithOverdueReview();
    await runJob(app, 'reminder-scan', '2026-06-20');
    const unread = await app.http().get('/notifications/mine').set('authorization', adviser.auth);
    expect(unread.status).toBe(200);
    expect(unread.body.total).toBe(1);
    const id = unread.body.items[0].id as string;
    const other = await givenUser(app, 'personal_adviser');
    expect((await app.http().post(`/notifications/${id}/read`).set('authorization', other.auth)).status).toBe(404);
    const read = await app.http().post(`/notifications/${id}/read`).set('authorization', adviser.auth);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(app.clock.now().toISOString());
    // The answer names the young person (first name, date): the read is audited like the list.
    expect(await AuditEntryModel.countDocuments({ via: 'POST /notifications/:id/read', actorUserId: adviser.id, youngPersonIds: read.body.youngPersonId })).toBe(1);
    expect((await app.http().get('/notifications/mine').set('authorization', adviser.auth)).body.total).toBe(0);
    expect((await app.http().get('/notifications/mine')).status).toBe(401);
  });

  it('when staff list job runs, then each run shows when it ran and what it found, stored, queued and sent', async () => {
    const response = await app.http().get('/job-runs').query({ jobName: 'reminder-scan' }).set('authorization', admin.auth);
    expect(response.status).toBe(200);
    const run = response.body.items.find((item: { slot: string }) => item.slot.startsWith('2026-06-16'));
    expect(run).toMatchObject({ jobName: 'reminder-scan', status: 'succeeded', stored: expect.any(Number), queued: 1, errors: [] });
    expect(run.found).toBeGreaterThanOrEqual(1);
    const adviser = await givenUser(app, 'personal_adviser');
    expect((await app.http().get('/job-runs').set('authorization', adviser.auth)).status).toBe(403);
  });
});
