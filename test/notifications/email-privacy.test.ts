import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { queueDailyDigests, queueImmediateEmails } from '../../src/notifications/mail-queue.js';
import { AUDIENCES } from '../../src/notifications/notification.model.js';
import { storeReminders } from '../../src/notifications/notification-store.js';
import { REMINDER_RULES, type ReminderDraft } from '../../src/reminders/reminder.types.js';
import { givenDistrict, givenUser, givenYoungPerson, unique } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let smtp: TestSmtpServer;
let app: TestApp;
let districtId: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url } });
  districtId = (await givenDistrict()).id;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** Words that name a young person's circumstances: none may appear in a subject line. */
const CIRCUMSTANCES = /custody|prison|releas|offend|birthday|born|date of birth|care history|in care\b|looked after|neglect|abuse|section 20|homeless|pregnan|disab/i;

describe('subject lines carry no names, dates or circumstances', () => {
  it('when every rule is emailed to every audience as urgent, and as a digest, then no subject holds the first name, the date or a circumstance', async () => {
    const recipient = await givenUser(app, 'personal_adviser');
    const firstName = unique('Reece');
    const drafts: ReminderDraft[] = REMINDER_RULES.flatMap((rule) => AUDIENCES.map((audience) => ({
      rule, audience, urgency: 'urgent' as const, recipientUserId: recipient.id, subjectKey: `privacy:${rule}:${audience}:${firstName}`, youngPersonId: null, dueDate: '2026-08-10', byEmail: true, link: '/young-people/x',
      facts: { firstName, referralCode: 'R-PRIVACY1', opportunityTitle: 'Apprentice in custody suite', date: '2026-08-10', weeksAway: 8 },
    })));
    await storeReminders(drafts, app.clock.now());
    expect(await queueImmediateEmails(app.deps.config, drafts, app.clock.now())).toBe(drafts.length);
    const immediate = await MailOutboxModel.find({ kind: 'immediate', recipientUserId: recipient.id }).lean();
    expect(immediate).toHaveLength(REMINDER_RULES.length * AUDIENCES.length);
    for (const message of immediate) {
      expect(message.subject).toMatch(/^Urgent: /);
      expect(message.subject).not.toContain(firstName);
      expect(message.subject).not.toContain('R-PRIVACY1');
      expect(message.subject).not.toMatch(/August|2026|10\/08/);
      expect(message.subject.replace(/care leaver bursary/, '')).not.toMatch(CIRCUMSTANCES);
      expect(message.text).toMatch(new RegExp(`${firstName}|R-PRIVACY1|Apprentice in custody suite`)); // the body says who or what, for the reader to act on
    }
    await queueDailyDigests(app.deps.config, '2026-06-15', app.clock.now());
    const [digest] = await MailOutboxModel.find({ kind: 'digest', recipientUserId: recipient.id }).lean();
    expect(digest!.subject).not.toContain(firstName);
    expect(digest!.subject).not.toMatch(CIRCUMSTANCES);
  });
});

describe('birthday reminders say how many weeks, never the date', () => {
  it('when a young person turns 18, 21 and 25 in 8 weeks, then the emails say "turns 18 in 8 weeks" and carry neither the birthday nor the date of birth', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    // 10 August 2026 is 8 weeks after 15 June 2026.
    const people = await Promise.all(['2008-08-10', '2005-08-10', '2001-08-10'].map((dateOfBirth) =>
      givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth, pathwayPlanReviewDate: null, lastContactDate: null })));
    await runJob(app, 'reminder-scan', '2026-06-15');
    await runJob(app, 'daily-digest', { at: '2026-06-15T06:00:00Z' });
    await runJob(app, 'send-mail', '2026-06-15');
    const [digest] = smtp.messages.filter((mail) => mail.envelopeTo.includes(adviser.email));
    expect(digest).toBeDefined();
    for (const [person, age] of [[people[0]!, 18], [people[1]!, 21], [people[2]!, 25]] as const) {
      expect(digest!.text).toContain(`${person.firstName as string} turns ${age} in 8 weeks`);
    }
    for (const part of [digest!.subject, digest!.text, digest!.html]) {
      expect(part).not.toMatch(/10 August|August 2026|2026-08-10|2008-08-10|2005-08-10|2001-08-10|10\/08/);
    }
  });
});
