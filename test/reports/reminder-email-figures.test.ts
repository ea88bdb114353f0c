import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * "Reminder emails sent" on the board's reminders table, counted from what the real sender did: it moves sent mail
 * out of the outbox, so a figure read from the outbox alone says 0 however many were sent.
 */
let smtp: TestSmtpServer;
let app: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://clo.example.test' } });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe('reminder emails on the board figures', () => {
  it('when the reminder scan emails PAs and the sender delivers them, then the figure counts them as sent (only the team\'s for its manager)', async () => {
    const districtId = (await givenDistrict()).id;
    const manager = await givenUser(app, 'manager', { team: 'mail-team' });
    const admin = await givenUser(app, 'admin');
    const teamEmails = [manager.email];
    for (const team of ['mail-team', 'mail-team', 'other-team']) {
      const adviser = await givenUser(app, 'personal_adviser', { team });
      if (team === 'mail-team') teamEmails.push(adviser.email);
      // An overdue pathway plan review is urgent: emailed at once.
      await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2005-01-20', pathwayPlanReviewDate: '2026-06-01' });
    }
    await runJob(app, 'reminder-scan', '2026-06-15');
    await runJob(app, 'send-mail', '2026-06-15');
    const toTeam = smtp.messages.filter((mail) => teamEmails.some((email) => mail.envelopeTo.includes(email))).length;
    expect(toTeam).toBeGreaterThanOrEqual(2);

    const figures = async (auth: string) => {
      const response = await app.http().get('/reports/reminders?from=2026-06-01&to=2026-06-30').set('authorization', auth);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const rows = response.body.table.rows as { key: string; values: { count: number; share: number | null } }[];
      return Object.fromEntries(rows.map((row) => [row.key, row.values]));
    };
    const team = await figures(manager.auth);
    expect(team.emails_sent).toEqual(expect.objectContaining({ count: toTeam, share: 100 }));
    expect(team.emails_failed).toEqual(expect.objectContaining({ count: 0 }));
    expect((await figures(admin.auth)).emails_sent!.count).toBe(smtp.messages.length);
  });
});
