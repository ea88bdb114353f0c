import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson } from '../factories/index.js';
import { mailsTo } from '../factories/employers.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { submitForm } from './browser-agent.js';
import { inviteThroughPages, joinWith } from './young-person-support.js';

vi.setConfig({ testTimeout: 120_000 });
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe("young people's email alerts", () => {
  it('when they chose straight away, then the morning scan emails a new strong match and an opening they like closing in 2 days, each once', async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'] });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'alerts.now@example.test'));
    expect((await submitForm(agent, '/me/alerts', '/me/alerts', { frequency: 'immediately' })).status).toBe(303);
    const liked = await givenOpenOpportunity({ title: 'Closing soon catering', sector: 'catering_and_hospitality', districtId: district.id, closingDate: '2026-06-17' });
    expect((await submitForm(agent, '/me', `/me/openings/${liked.id}/interested`, {})).status).toBe(303);
    await givenOpenOpportunity({ title: 'Fresh digital role', sector: 'digital', districtId: district.id });
    await runJob(app, 'reminder-scan', '2026-06-15');
    await runJob(app, 'reminder-scan', '2026-06-16');
    const subjects = (await mailsTo(app, 'alerts.now@example.test')).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject === 'New openings for you')).toHaveLength(1);
    expect(subjects.filter((subject) => subject === 'An opening you like closes soon')).toHaveLength(1);
    const [newMatch] = (await mailsTo(app, 'alerts.now@example.test')).filter((mail) => mail.subject === 'New openings for you');
    expect(newMatch!.text).toContain('Fresh digital role');
    expect(newMatch!.text).not.toMatch(/score|points/i);
  });

  it('when a strong match is one they already said they are interested in, or were put forward to, then it is not emailed as new', async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'], employerSharing: 'anonymous_profile' });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'alerts.known@example.test'));
    expect((await submitForm(agent, '/me/alerts', '/me/alerts', { frequency: 'immediately' })).status).toBe(303);
    const asked = await givenOpenOpportunity({ title: 'Digital role they asked about', sector: 'digital', districtId: district.id, closingDate: '2026-09-30' });
    const referred = await givenOpenOpportunity({ title: 'Digital role they were put forward to', sector: 'digital', districtId: district.id, closingDate: '2026-09-30' });
    const fresh = await givenOpenOpportunity({ title: 'Digital role nobody mentioned', sector: 'digital', districtId: district.id, closingDate: '2026-09-30' });
    expect((await submitForm(agent, '/me', `/me/openings/${asked.id}/interested`, {})).status).toBe(303);
    await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: referred.id });
    await runJob(app, 'reminder-scan', '2026-06-23');
    const told = (await mailsTo(app, 'alerts.known@example.test')).filter((mail) => mail.subject === 'New openings for you').map((mail) => mail.text).join('\n');
    expect(told).toContain(fresh.title);
    expect(told).not.toContain(asked.title);
    expect(told).not.toContain(referred.title);
  });

  it('when they chose never, then nothing is sent, though there is a new strong match and an opening they like closing in 2 days', async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'] });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'alerts.never@example.test'));
    await submitForm(agent, '/me/alerts', '/me/alerts', { frequency: 'never' });
    const liked = await givenOpenOpportunity({ title: 'Never-told catering', sector: 'catering_and_hospitality', districtId: district.id, closingDate: '2026-06-24' });
    expect((await submitForm(agent, '/me', `/me/openings/${liked.id}/interested`, {})).status).toBe(303);
    await givenOpenOpportunity({ title: 'Another digital role', sector: 'digital', districtId: district.id });
    // Something to tell: the same two are on their page.
    const home = (await agent.get('/me')).text;
    expect(home).toContain('Another digital role');
    expect(home).toContain('Never-told catering');
    await runJob(app, 'reminder-scan', '2026-06-22');
    expect((await mailsTo(app, 'alerts.never@example.test')).filter((mail) => mail.subject !== 'You are invited to see your offers')).toEqual([]);
  });

  it('when they chose weekly, then one Monday email holds the new strong match and every opening they like that closes before next Monday, whatever the weekday; other days send nothing', async () => {
    const district = await givenDistrict();
    const adviser = await givenUser(app, 'personal_adviser');
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, interests: ['digital'] });
    const { agent } = await joinWith(app, await inviteThroughPages(app, adviser, person.id, 'alerts.weekly@example.test'));
    expect((await submitForm(agent, '/me/alerts', '/me/alerts', { frequency: 'weekly' })).status).toBe(303);
    const friday = await givenOpenOpportunity({ title: 'Closes on Friday catering', sector: 'catering_and_hospitality', districtId: district.id, closingDate: '2026-07-03' });
    const nextWeek = await givenOpenOpportunity({ title: 'Closes next week catering', sector: 'catering_and_hospitality', districtId: district.id, closingDate: '2026-07-08' });
    for (const liked of [friday, nextWeek]) expect((await submitForm(agent, '/me', `/me/openings/${liked.id}/interested`, {})).status).toBe(303);
    await givenOpenOpportunity({ title: 'Weekly digital role', sector: 'digital', districtId: district.id, closingDate: '2026-09-30' });
    await runJob(app, 'reminder-scan', '2026-06-30'); // a Tuesday
    await runJob(app, 'reminder-scan', '2026-07-01'); // a Wednesday
    const alerts = async () => (await mailsTo(app, 'alerts.weekly@example.test')).filter((mail) => mail.subject !== 'You are invited to see your offers');
    expect(await alerts()).toEqual([]);
    await runJob(app, 'reminder-scan', '2026-06-29'); // the Monday
    const [weekly, ...more] = await alerts();
    expect(more).toEqual([]);
    expect(weekly!.subject).toBe('New openings for you');
    expect(weekly!.text).toContain('New for you: Weekly digital role');
    expect(weekly!.text).toContain('Closes on 3 July 2026: Closes on Friday catering');
    expect(weekly!.text).not.toContain('Closes next week catering');
    expect(weekly!.text).toContain('/me/alerts');
    await runJob(app, 'reminder-scan', '2026-07-06'); // the next Monday: the one closing on the 8th now, and nothing told twice
    const [, nextMonday] = await alerts();
    expect(nextMonday!.text).toContain('Closes on 8 July 2026: Closes next week catering');
    expect(nextMonday!.text).not.toContain('Weekly digital role');
    expect(nextMonday!.text).not.toContain('Closes on Friday catering');
  });
});
