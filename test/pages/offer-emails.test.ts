import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueMail } from '../../src/notifications/mail-sender.js';
import { logIn, offerBody, registrationBody } from '../factories/employers.js';
import { givenDistrict, givenUser, TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type CapturedMail, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf } from './browser-agent.js';

let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;
let district: { id: string };
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ config: { SMTP_URL: smtp.url } });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** The mail that reached the loopback SMTP server for `to`, after the sender has sent what is due. */
async function mailTo(to: string): Promise<CapturedMail[]> {
  await sendDueMail(app.deps);
  return smtp.messages.filter((message) => message.envelopeTo.includes(to.toLowerCase()));
}

/** An approved organisation whose owner verified by the link that arrived over SMTP. */
async function approvedOrganisation(): Promise<{ id: string; employer: GivenUser; name: string; ownerName: string }> {
  const body = registrationBody(district.id);
  const registered = await app.http().post('/organisations/register').send(body);
  expect(registered.status).toBe(201);
  const [verification] = await mailTo(body.user.email);
  const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(verification!.text)![1];
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  const id = registered.body.organisation.id as string;
  expect((await app.http().post(`/organisations/${id}/approve`).set('authorization', admin.auth)).status).toBe(200);
  return { id, employer: await logIn(app, body.user.email), name: body.organisation.name, ownerName: body.user.name };
}

/** Follows an emailed link in a fresh browser: sign-in first, then back to where the link pointed. */
async function followLink(link: string, email: string) {
  const path = new URL(link).pathname;
  const agent = browser(app);
  const first = await agent.get(path);
  expect(first.status).toBe(303);
  const signIn = await agent.get('/sign-in');
  const signedIn = await agent.post('/sign-in').type('form').send({ _csrf: csrfOf(signIn.text), email, password: TEST_PASSWORD });
  expect(signedIn.headers.location).toBe(path);
  const page = await agent.get(path);
  expect(page.status).toBe(200);
  return $of(page.text);
}

const linkIn = (mail: CapturedMail) => /https?:\/\/\S+\/opportunities\/[0-9a-f]{24}/.exec(mail.text)![0];

describe('emails to the employer about their offer', () => {
  it('when the council sends an offer back, approves it and closes it, then each is emailed at once with no personal data in the subject, and each link opens the offer page after sign-in', async () => {
    const organisation = await approvedOrganisation();
    const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody());
    const id = created.body.id as string;
    const title = created.body.title as string;
    const as = (user: GivenUser, path: string, body?: object) => app.http().post(`/opportunities/${id}/${path}`).set('authorization', user.auth).send(body);
    const before = (await mailTo(organisation.employer.email)).length;

    expect((await as(organisation.employer, 'submit')).status).toBe(200);
    expect((await as(admin, 'send-back', { reason: 'Please say what the weekly hours are.' })).status).toBe(200);
    let mails = (await mailTo(organisation.employer.email)).slice(before);
    expect(mails.map((mail) => mail.subject)).toEqual([`Your offer ${title} was sent back`]);
    expect(mails[0]!.text).toContain('Please say what the weekly hours are.');
    expect(linkIn(mails[0]!)).toMatch(new RegExp(`/opportunities/${id}$`));
    const banner = await followLink(linkIn(mails[0]!), organisation.employer.email);
    expect(banner('[data-qa="sent-back-reason"]').text().trim()).toBe('Please say what the weekly hours are.');

    expect((await as(organisation.employer, 'submit')).status).toBe(200);
    expect((await as(admin, 'approve')).status).toBe(200);
    expect((await as(admin, 'close')).status).toBe(200);
    mails = (await mailTo(organisation.employer.email)).slice(before);
    expect(mails.map((mail) => mail.subject)).toEqual([`Your offer ${title} was sent back`, `Your offer ${title} was approved`, `Your offer ${title} has closed`]);
    for (const mail of mails) {
      for (const personal of [organisation.ownerName, organisation.employer.email, organisation.name]) expect(mail.subject).not.toContain(personal);
      expect(linkIn(mail)).toMatch(new RegExp(`/opportunities/${id}$`));
    }
    const closedPage = await followLink(linkIn(mails[2]!), organisation.employer.email);
    expect(closedPage('[data-qa="opportunity-status"]').text().trim()).toBe('Closed');
  });

  it('when an offer reaches its closing date, then the closing-date job emails the employer once, linking to the offer page', async () => {
    const organisation = await approvedOrganisation();
    const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody({ closingDate: '2026-06-30' }));
    const id = created.body.id as string;
    await app.http().post(`/opportunities/${id}/submit`).set('authorization', organisation.employer.auth);
    await app.http().post(`/opportunities/${id}/approve`).set('authorization', admin.auth);
    const before = (await mailTo(organisation.employer.email)).length;
    await runJob(app, 'close-expired-opportunities', '2026-07-01');
    await runJob(app, 'close-expired-opportunities', '2026-07-02');
    const mails = (await mailTo(organisation.employer.email)).slice(before).filter((mail) => mail.subject.includes('has closed'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('closed on its closing date, Tuesday 30 June 2026');
    expect(linkIn(mails[0]!)).toMatch(new RegExp(`/opportunities/${id}$`));
  });
});
