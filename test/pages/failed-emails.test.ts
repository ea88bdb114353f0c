import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_KINDS, MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { queueEmail } from '../../src/notifications/queue-email.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';
import { csrfTokenOf, tableRows } from './council-helpers.js';

let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://clo.example.test', MAIL_MAX_ATTEMPTS: '2' } });
  admin = await givenUser(app, 'admin');
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const post = async (agent: BrowserAgent, path: string) => agent.post(path).type('form').send({ _csrf: await csrfTokenOf(agent) });
const send = () => runJob(app, 'send-mail', '2026-06-15');

/** A password reset link for `user` that the mail server refuses for good (550): a failed email holding a one-time link. */
async function failedResetEmailFor(user: GivenUser): Promise<string> {
  await send(); // anything already due goes first, so the refusal hits this email
  const asked = await submitForm(browser(app), '/forgot-password', '/forgot-password', { email: user.email });
  if (asked.status !== 200) throw new Error(`forgot-password: ${asked.status} ${asked.text.slice(0, 3000)}`);
  smtp.refuseNext(1, 550);
  await send();
  const failed = (await app.http().get('/notifications').query({ status: 'failed', limit: 500 }).set('authorization', admin.auth)).body.items as { id: string; to: string }[];
  const mine = failed.find((message) => message.to === user.email);
  if (!mine) throw new Error(`the email did not fail: ${JSON.stringify((await app.http().get('/notifications').query({ status: 'pending' }).set('authorization', admin.auth)).body)} ${JSON.stringify((await app.http().get('/notifications').query({ status: 'sent' }).set('authorization', admin.auth)).body)} ${JSON.stringify(failed)}`);
  return mine.id;
}

const statusOfMessage = async (id: string) => {
  for (const status of ['failed', 'pending', 'sent']) {
    const items = (await app.http().get('/notifications').query({ status, limit: 500 }).set('authorization', admin.auth)).body.items as { id: string }[];
    if (items.some((item) => item.id === id)) return status;
  }
  return 'missing';
};

describe('failed emails', () => {
  it('when an email has failed, then an admin sees to whom, what and why, but never its body or link', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    await failedResetEmailFor(adviser);
    const page = await (await signedInBrowser(app, admin)).get('/failed-emails');
    expect(page.status).toBe(200);
    const row = tableRows(page.text, 'emails').find((each) => each.recipient === adviser.email);
    expect(row).toMatchObject({ subject: 'Reset your password for Care Leaver Offers', '1': 'Account (set or reset a password)' });
    expect(row!['last-error']).toMatch(/^550/);
    expect(page.text).not.toContain('reset-password?token');
    expect(page.text).not.toContain('Someone asked to reset');
  });

  it('when emails of every kind have failed, then each kind is named in words, never by its code', async () => {
    const owner = await givenUser(app, 'personal_adviser');
    for (const kind of MAIL_KINDS) {
      await queueEmail({ dedupeKey: `kinds-test:${kind}`, kind, to: owner.email, recipientUserId: owner.id, subject: `A ${kind} email`, text: 'Body' }, app.clock.now());
    }
    await MailOutboxModel.updateMany({ dedupeKey: /^kinds-test:/ }, { $set: { status: 'failed', attempts: 2, lastError: '550 refused', failedAt: app.clock.now() } });
    const rows = tableRows((await (await signedInBrowser(app, admin)).get('/failed-emails')).text, 'emails').filter((row) => row.subject?.startsWith('A '));
    expect(rows.length).toBe(MAIL_KINDS.length);
    expect(Object.fromEntries(rows.map((row) => [row.subject, row['1']]))).toMatchObject({ 'A immediate email': 'Reminder or update', 'A organisation_status email': 'Organisation approved, suspended or reinstated' });
    for (const row of rows) expect(MAIL_KINDS as readonly string[]).not.toContain(row['1']);
    await MailOutboxModel.deleteMany({ dedupeKey: /^kinds-test:/ });
  });

  it('when an admin presses Retry, then the email is queued again and the loopback SMTP server receives it', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const id = await failedResetEmailFor(adviser);
    const agent = await signedInBrowser(app, admin);
    const retried = await post(agent, `/failed-emails/${id}/retry`);
    expect(retried.headers.location).toBe('/failed-emails');
    expect($of((await agent.get('/failed-emails')).text)('[data-qa="confirmation"]').text()).toContain('queued to be sent again');
    expect(await statusOfMessage(id)).toBe('pending');
    const before = smtp.messages.length;
    await send();
    await smtp.waitForMessages(before + 1);
    const delivered = smtp.messages.filter((mail) => mail.envelopeTo.includes(adviser.email));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.text).toContain('http://clo.example.test/reset-password?token=');
    expect(await statusOfMessage(id)).toBe('sent');
    expect(tableRows((await agent.get('/failed-emails?status=sent')).text, 'emails').some((row) => row.recipient === adviser.email)).toBe(true);
    // Retrying a sent one is refused with a reason, on the page.
    const again = await post(agent, `/failed-emails/${id}/retry`);
    expect(errorSummaryOf((await agent.get(again.headers.location as string)).text)[0]).toContain('Only a failed message can be retried');
  });

  it('when an admin presses Retry all, then every failed email is queued again and delivered', async () => {
    const first = await givenUser(app, 'personal_adviser');
    const second = await givenUser(app, 'housing_officer', { districtIds: [(await givenDistrict()).id] });
    const ids = [await failedResetEmailFor(first), await failedResetEmailFor(second)];
    const agent = await signedInBrowser(app, admin);
    expect((await post(agent, '/failed-emails/retry-all')).headers.location).toBe('/failed-emails');
    expect((await Promise.all(ids.map(statusOfMessage)))).toEqual(['pending', 'pending']);
    await send();
    expect(smtp.messages.some((mail) => mail.envelopeTo.includes(first.email))).toBe(true);
    expect(smtp.messages.some((mail) => mail.envelopeTo.includes(second.email))).toBe(true);
    expect($of((await agent.get('/failed-emails')).text)('[data-qa="no-emails"]').text()).toBe('No email has failed.');
  });

  it("when a manager opens the page, then they see only their team's failed emails, with addresses masked, and can retry only those", async () => {
    const manager = await givenUser(app, 'manager', { team: 'east-team' });
    const teamAdviser = await givenUser(app, 'personal_adviser', { team: 'east-team' });
    const otherAdviser = await givenUser(app, 'personal_adviser', { team: 'west-team' });
    const teamMail = await failedResetEmailFor(teamAdviser);
    const otherMail = await failedResetEmailFor(otherAdviser);
    const agent = await signedInBrowser(app, manager);
    const page = await agent.get('/failed-emails');
    const recipients = tableRows(page.text, 'emails').map((row) => row.recipient);
    expect(recipients).toEqual([`${teamAdviser.email.charAt(0)}•••@example.test`]);
    expect(page.text).not.toContain(teamAdviser.email);
    expect(page.text).not.toContain(otherAdviser.email);
    expect((await post(agent, `/failed-emails/${otherMail}/retry`)).status).toBe(404);
    expect(await statusOfMessage(otherMail)).toBe('failed');
    await post(agent, `/failed-emails/${teamMail}/retry`);
    expect(await statusOfMessage(teamMail)).toBe('pending');
  });

  it('when Retry is posted without the CSRF token, then it is refused and the email stays failed', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const id = await failedResetEmailFor(adviser);
    const agent = await signedInBrowser(app, admin);
    expect((await agent.post(`/failed-emails/${id}/retry`).type('form').send({})).status).toBe(403);
    expect((await agent.post('/failed-emails/retry-all').type('form').send({})).status).toBe(403);
    expect(await statusOfMessage(id)).toBe('failed');
  });

  it('when an employer, a PA or a housing officer opens or posts to it, then they get the not-found page and nothing changes', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const id = await failedResetEmailFor(adviser);
    const outsiders = [adviser, await givenUser(app, 'housing_officer', { districtIds: [(await givenDistrict()).id] }), await givenUser(app, 'employer')];
    for (const outsider of outsiders) {
      const agent = await signedInBrowser(app, outsider);
      expect((await agent.get('/failed-emails')).status, outsider.role).toBe(404);
      expect((await post(agent, `/failed-emails/${id}/retry`)).status, outsider.role).toBe(404);
      expect((await post(agent, '/failed-emails/retry-all')).status, outsider.role).toBe(404);
    }
    expect(await statusOfMessage(id)).toBe('failed');
  });
});
