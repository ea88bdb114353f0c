import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HousingApplicationModel } from '../../src/housing/housing-applications.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { remindersOf, rulesOf, runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let districtId: string;
let housingOfficer: GivenUser;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  districtId = (await givenDistrict({ applicationAgeYears: 17, applicationAgeMonths: 6, alertLookaheadWeeks: 8 })).id;
  housingOfficer = await givenUser(app, 'housing_officer', { districtIds: [districtId] });
});
afterAll(async () => app.close());

const scan = (date: string) => runJob(app, 'reminder-scan', date);
const ofPerson = (items: Awaited<ReturnType<typeof remindersOf>>, youngPersonId: string) => items.filter((item) => item.youngPersonId === youngPersonId);

/** A PA with one young person of their own; the remaining fields are quiet (no review, no contact date). */
async function adviserWith(overrides: Record<string, unknown>) {
  const adviser = await givenUser(app, 'personal_adviser');
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: districtId, pathwayPlanReviewDate: null, lastContactDate: null, dateOfBirth: '2007-01-15', ...overrides });
  return { adviser, person };
}

describe('housing application age (district: 17½, 8 weeks ahead)', () => {
  // Born 2009-02-20: 17½ on 2026-08-20; the 8-week window opens on 2026-06-25.
  it('when the age is 8 weeks and 1 day away, then nobody is told; at 8 weeks the PA and housing officer are, once', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-20', shareWithHousing: true });
    await scan('2026-06-24');
    expect(ofPerson(await remindersOf(app, adviser), person.id)).toEqual([]);
    expect(ofPerson(await remindersOf(app, housingOfficer), person.id)).toEqual([]);
    await scan('2026-06-25');
    await scan('2026-06-26');
    const adviserItems = ofPerson(await remindersOf(app, adviser), person.id);
    expect(rulesOf(adviserItems)).toEqual(['housing_application_age_ahead']);
    expect(adviserItems[0]!.dueDate).toBe('2026-08-20');
    expect(adviserItems[0]!.text).toContain('can apply for social housing in 8 weeks'); // the date would give the date of birth away in an email
    expect(adviserItems[0]!.text).not.toContain('20 August');
    expect(rulesOf(ofPerson(await remindersOf(app, housingOfficer), person.id))).toEqual(['housing_application_age_ahead']);
  });

  it('when the young person did not agree to share with housing, then only the PA is told', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-21', shareWithHousing: false });
    await scan('2026-06-26');
    expect(rulesOf(ofPerson(await remindersOf(app, adviser), person.id))).toEqual(['housing_application_age_ahead']);
    expect(ofPerson(await remindersOf(app, housingOfficer), person.id)).toEqual([]);
  });

  it('when the day comes, then the PA is told again on the day, not the day before or after', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-22', shareWithHousing: true }); // 17½ on 2026-08-22
    await scan('2026-08-21');
    expect(rulesOf(ofPerson(await remindersOf(app, adviser), person.id))).toEqual(['housing_application_age_ahead']);
    await scan('2026-08-22');
    await scan('2026-08-23');
    expect(rulesOf(ofPerson(await remindersOf(app, adviser), person.id))).toEqual(['housing_application_age_ahead', 'housing_application_age_today']);
  });

  it('when no scan ran on the day, then the next scan within three days still tells the PA, once', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-24', shareWithHousing: true }); // 17½ on 2026-08-24
    await scan('2026-08-23');
    await scan('2026-08-26');
    await scan('2026-08-27');
    const items = ofPerson(await remindersOf(app, adviser), person.id);
    expect(rulesOf(items)).toEqual(['housing_application_age_ahead', 'housing_application_age_today']);
    expect(items.find((item) => item.rule === 'housing_application_age_today')!.dueDate).toBe('2026-08-24');
  });

  it('when the scan resumes more than three days late, then the on-the-day reminder is no longer sent', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-25', shareWithHousing: true }); // 17½ on 2026-08-25
    await scan('2026-08-24');
    await scan('2026-08-29');
    expect(rulesOf(ofPerson(await remindersOf(app, adviser), person.id))).toEqual(['housing_application_age_ahead']);
  });

  it('when an application has been made in the district, then nobody is reminded', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2009-02-23', shareWithHousing: true });
    await HousingApplicationModel.create({ youngPersonId: person.id, districtId, status: 'application_submitted', createdByUserId: adviser.id });
    await scan('2026-06-29');
    expect(ofPerson(await remindersOf(app, adviser), person.id)).toEqual([]);
    expect(ofPerson(await remindersOf(app, housingOfficer), person.id)).toEqual([]);
  });
});

describe('custody release near the 18th birthday', () => {
  // Born 2008-08-01: 18 on 2026-08-01; 12 weeks after is 2026-10-24.
  it('when release is exactly 12 weeks after the 18th birthday, then the PA and housing officer get an urgent alert', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2008-08-01', inCustody: true, expectedReleaseDate: '2026-10-24', shareWithHousing: true });
    await scan('2026-06-02');
    const [item] = ofPerson(await remindersOf(app, adviser), person.id).filter((reminder) => reminder.rule === 'custody_release_near_18');
    expect(item).toMatchObject({ urgency: 'urgent', dueDate: '2026-10-24' });
    const [alert] = ofPerson(await remindersOf(app, housingOfficer), person.id).filter((reminder) => reminder.rule === 'custody_release_near_18');
    expect(alert).toMatchObject({ urgency: 'urgent', dueDate: '2026-10-24' });
    expect(alert!.text).not.toMatch(/custody|prison/i);
  });

  it('when release is 12 weeks and a day after the 18th birthday, then there is no custody alert', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2008-08-02', inCustody: true, expectedReleaseDate: '2026-10-26', shareWithHousing: true });
    await scan('2026-06-02');
    expect(ofPerson(await remindersOf(app, adviser), person.id).filter((reminder) => reminder.rule === 'custody_release_near_18')).toEqual([]);
  });

  it('when a housing application has been made in the home district, then there is no custody alert', async () => {
    const { adviser, person } = await adviserWith({ dateOfBirth: '2008-08-03', inCustody: true, expectedReleaseDate: '2026-10-24', shareWithHousing: true });
    await HousingApplicationModel.create({ youngPersonId: person.id, districtId, status: 'application_submitted', createdByUserId: adviser.id, guarantorPlan: { kind: 'trustee', details: 'Leaving care team as trustee' } });
    await scan('2026-06-02');
    const custodyAlerts = (reminders: { rule: string }[]) => reminders.filter((reminder) => reminder.rule === 'custody_release_near_18');
    expect(custodyAlerts(ofPerson(await remindersOf(app, adviser), person.id))).toEqual([]);
    expect(custodyAlerts(ofPerson(await remindersOf(app, housingOfficer), person.id))).toEqual([]);
  });
});

describe('transition birthdays, 8 weeks ahead', () => {
  it.each([
    ['18th', '2008-08-10', 'eighteenth_birthday_in_8_weeks'],
    ['21st', '2005-08-10', 'twenty_first_birthday_in_8_weeks'],
    ['25th', '2001-08-10', 'twenty_fifth_birthday_in_8_weeks'],
  ])('when the %s birthday (2026-08-10) is 8 weeks and a day away, then nothing; at 8 weeks, one reminder', async (_label, dateOfBirth, rule) => {
    const { adviser, person } = await adviserWith({ dateOfBirth });
    await scan('2026-06-14');
    expect(ofPerson(await remindersOf(app, adviser), person.id).filter((item) => item.rule === rule)).toEqual([]);
    await scan('2026-06-15');
    await scan('2026-06-16');
    const items = ofPerson(await remindersOf(app, adviser), person.id).filter((item) => item.rule === rule);
    expect(items).toHaveLength(1);
    expect(items[0]!.dueDate).toBe('2026-08-10');
  });
});

describe('pathway plan reviews and contact', () => {
  it('when the review is 15 days away nothing, at 14 days "due", the day after it "overdue" (urgent)', async () => {
    const { adviser, person } = await adviserWith({ pathwayPlanReviewDate: '2026-07-01' });
    await scan('2026-06-16');
    expect(ofPerson(await remindersOf(app, adviser), person.id)).toEqual([]);
    await scan('2026-06-17');
    await scan('2026-07-01');
    expect(rulesOf(ofPerson(await remindersOf(app, adviser), person.id))).toEqual(['pathway_plan_review_due']);
    await scan('2026-07-02');
    const items = ofPerson(await remindersOf(app, adviser), person.id);
    expect(rulesOf(items)).toEqual(['pathway_plan_review_due', 'pathway_plan_review_overdue']);
    expect(items.find((item) => item.rule === 'pathway_plan_review_overdue')!.urgency).toBe('urgent');
  });

  it('when the last contact was 8 weeks less a day ago nothing; at 8 weeks one reminder', async () => {
    const { adviser, person } = await adviserWith({ lastContactDate: '2026-05-01' }); // 8 weeks on: 2026-06-26
    await scan('2026-06-25');
    expect(ofPerson(await remindersOf(app, adviser), person.id)).toEqual([]);
    await scan('2026-06-26');
    await scan('2026-06-27');
    const items = ofPerson(await remindersOf(app, adviser), person.id);
    expect(rulesOf(items)).toEqual(['no_contact_for_8_weeks']);
    expect(items[0]!.dueDate).toBe('2026-06-26');
  });

  it("when a PA asks, then they see only their own caseload's reminders", async () => {
    const { person } = await adviserWith({ lastContactDate: '2026-04-01' });
    const other = await givenUser(app, 'personal_adviser');
    await scan('2026-06-27');
    expect(ofPerson(await remindersOf(app, other), person.id)).toEqual([]);
  });
});
