import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { MailOutboxModel } from '../../src/notifications/mail-outbox.model.js';
import { givenDistrict, givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
});
afterAll(async () => app.close());

const outbox = async (as: GivenUser, status = 'pending') => {
  const response = await app.http().get('/notifications').query({ status, limit: 200 }).set('authorization', as.auth);
  expect(response.status).toBe(200);
  return (response.body.items as { id: string; to: string }[]);
};

describe("the outbox as a manager sees it (issue 11 item 8)", () => {
  it("when both teams' PAs have urgent emails queued, then a manager lists only their own team's, an admin both, and retrying another team's is 404", async () => {
    const district = await givenDistrict();
    const [teamA, teamB] = [unique('team-a'), unique('team-b')];
    const adviserA = await givenUser(app, 'personal_adviser', { team: teamA });
    const adviserB = await givenUser(app, 'personal_adviser', { team: teamB });
    const managerA = await givenUser(app, 'manager', { team: teamA });
    const admin = await givenUser(app, 'admin');
    // An overdue pathway plan review is urgent, so the scan queues an email at once.
    await givenYoungPerson(app, adviserA, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-06-01' });
    await givenYoungPerson(app, adviserB, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-06-01' });
    await runJob(app, 'reminder-scan', '2026-06-15');

    const seenByManager = (await outbox(managerA)).map((message) => message.to);
    const seenByAdmin = (await outbox(admin)).map((message) => message.to);

    expect(seenByManager).toContain(adviserA.email);
    expect(seenByManager).not.toContain(adviserB.email);
    expect(seenByAdmin).toEqual(expect.arrayContaining([adviserA.email, adviserB.email]));
    const otherTeams = (await outbox(admin)).find((message) => message.to === adviserB.email)!;
    expect((await app.http().post(`/notifications/${otherTeams.id}/retry`).set('authorization', managerA.auth)).status).toBe(404);
  });
});

describe('retrying every failed email as a manager', () => {
  it("when both teams have failed emails, then a manager's retry-all puts back only their own team's", async () => {
    const [teamA, teamB] = [unique('team-a'), unique('team-b')];
    const adviserA = await givenUser(app, 'personal_adviser', { team: teamA });
    const adviserB = await givenUser(app, 'personal_adviser', { team: teamB });
    const managerA = await givenUser(app, 'manager', { team: teamA });
    const failed = (userId: string, to: string) => ({
      kind: 'immediate', recipientUserId: new mongoose.Types.ObjectId(userId), to, subject: 'A deadline', text: 'x', html: 'x', status: 'failed', attempts: 8,
      dedupeKey: unique('failed'), nextAttemptAt: new Date(), createdAt: new Date(), updatedAt: new Date(), failedAt: new Date(),
    });
    await MailOutboxModel.collection.insertMany([failed(adviserA.id, adviserA.email), failed(adviserB.id, adviserB.email)]);

    const response = await app.http().post('/notifications/retry-failed').set('authorization', managerA.auth);

    expect(response.status).toBe(200);
    expect(response.body.retried).toBe(1);
    expect(await MailOutboxModel.countDocuments({ to: adviserA.email, status: 'pending' })).toBe(1);
    expect(await MailOutboxModel.countDocuments({ to: adviserB.email, status: 'failed' })).toBe(1);
  });
});
