import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailSentModel } from '../../src/notifications/mail-history.model.js';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { logIn, registrationBody } from '../factories/employers.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let manager: GivenUser;
let districtId: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url, MAIL_RETRY_BASE_SECONDS: '60' } });
  manager = await givenUser(app, 'manager');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const send = () => runJob(app, 'send-mail', '2026-06-15');
const mailTo = (email: string) => smtp.messages.filter((mail) => mail.envelopeTo.includes(email));
const tokenIn = (text: string, linkPath: string) => new RegExp(`${linkPath}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];

/** An approved organisation whose first user verified through the emailed link, with SMTP up. */
async function approvedOrganisation() {
  const body = registrationBody(districtId);
  const registered = await app.http().post('/organisations/register').send(body);
  expect(registered.status).toBe(201);
  await send();
  const token = tokenIn(mailTo(body.user.email)[0]!.text, '/verify-email');
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  const id = registered.body.organisation.id as string;
  expect((await app.http().post(`/organisations/${id}/approve`).set('authorization', manager.auth)).status).toBe(200);
  return { id, employer: await logIn(app, body.user.email) };
}

describe('account emails while the SMTP server is down', () => {
  it('when SMTP is down, then registration and an invitation still answer 201, and their emails go out once when SMTP is back', { timeout: 60_000 }, async () => {
    const organisation = await approvedOrganisation();
    await smtp.down();
    try {
      const body = registrationBody(districtId);
      const registered = await app.http().post('/organisations/register').send(body);
      expect(registered.status).toBe(201);
      const colleague = `${unique('colleague')}@example.test`;
      const invited = await app.http().post(`/organisations/${organisation.id}/invitations`).set('authorization', organisation.employer.auth).send({ email: colleague });
      expect(invited.status).toBe(201);
      const whileDown = await send();
      // Nothing could go: the run is failed (staff and metrics see it), and the messages wait with their attempts.
      expect(whileDown.claimed && whileDown.run.status).toBe('failed');
      expect(whileDown.claimed && whileDown.run.errorMessages[0]).toMatch(/^Error: SMTP unavailable, \d+ message\(s\) put back for later/);
      const waiting = await MailOutboxModel.find({ to: { $in: [body.user.email, colleague] } }).lean();
      expect(waiting.map((message) => [message.kind, message.status, message.attempts]).sort()).toEqual([['invitation', 'pending', 0], ['verify_email', 'pending', 0]]);
      expect(waiting.every((message) => /ECONNREFUSED|ESOCKET|ECONNECTION/.test(message.lastError ?? ''))).toBe(true);

      await smtp.up();
      app.clock.advanceMs(60_000);
      await send();
      await send();
      expect(mailTo(body.user.email)).toHaveLength(1);
      expect(mailTo(colleague)).toHaveLength(1);
      const verifyToken = tokenIn(mailTo(body.user.email)[0]!.text, '/verify-email');
      expect((await app.http().post('/organisations/verify-email').send({ token: verifyToken })).status).toBe(200);
      const inviteToken = tokenIn(mailTo(colleague)[0]!.text, '/accept-invitation');
      expect((await app.http().post('/organisations/invitations/accept').send({ token: inviteToken, name: 'Col League', password: 'correct horse battery staple' })).status).toBe(201);
      // Once sent, the database no longer holds a usable link (only the link's hash is meant to be kept): sent mail keeps no body.
      const sent = await MailSentModel.find({ to: { $in: [body.user.email, colleague] } }).lean();
      expect(sent).toHaveLength(2);
      expect(await MailOutboxModel.countDocuments({ to: { $in: [body.user.email, colleague] } })).toBe(0);
      expect(sent.every((message) => message.status === 'sent')).toBe(true);
      expect(JSON.stringify(sent)).not.toMatch(new RegExp(`${verifyToken!}|${inviteToken!}|token=`));
    } finally {
      await smtp.up();
      app.clock.set('2026-06-15T09:00:00.000Z');
    }
  });
});
