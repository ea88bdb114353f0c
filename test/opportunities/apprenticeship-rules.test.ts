import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// Today is Monday 2 June 2025 in London, so dates on both sides of 1 August 2025 and of 1 April 2026 lie ahead.
let app: TestApp;
let manager: GivenUser;
let organisation: GivenOrganisation;

beforeAll(async () => {
  app = await startTestApp({ now: '2025-06-02T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  organisation = await givenOrganisation(app, manager, (await givenDistrict()).id);
});
afterAll(async () => app.close());

const create = (overrides: Record<string, unknown>) => app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody(overrides));
const problemsOf = (body: { errors?: { path: string; message: string }[] }) => body.errors ?? [];

describe('the wage against the apprentice minimum wage in force on the start date', () => {
  // 37.5 hours: £7.55 (from April 2025) needs £14,722.50 a year; £8.00 (from April 2026) needs £15,600.
  const fixedWage = (startDate: string, yearlyWagePence: number) => ({ closingDate: '2026-03-20', startDate, durationMonths: 12, weeklyHours: 37.5, wageType: 'fixed', yearlyWagePence });

  it('when £15,000 a year starts on 31 March 2026, then it is accepted; starting on 1 April 2026, then 400 with the £8.00 minimum', async () => {
    expect((await create(fixedWage('2026-03-31', 1_500_000))).status).toBe(201);
    const response = await create(fixedWage('2026-04-01', 1_500_000));
    expect(response.status).toBe(400);
    expect(problemsOf(response.body)).toContainEqual({ path: 'yearlyWagePence', message: 'is below the apprentice minimum wage of £8.00 an hour in force on 1 April 2026 (yearly wage / 52 / weekly hours)' });
  });

  it('when a 1 April 2026 start pays exactly £8.00 an hour, then it is accepted; a penny a year less, then refused', async () => {
    expect((await create(fixedWage('2026-04-01', 1_560_000))).status).toBe(201);
    expect((await create(fixedWage('2026-04-01', 1_559_999))).status).toBe(400);
  });

  it('when a fixed wage gives no amount, or an apprenticeship is unpaid, then 400', async () => {
    expect(problemsOf((await create({ wageType: 'fixed', yearlyWagePence: null })).body).map((p) => p.path)).toContain('yearlyWagePence');
    expect(problemsOf((await create({ wageType: 'unpaid' })).body).map((p) => p.path)).toContain('wageType');
  });
});

describe('weekly hours and duration', () => {
  it.each([
    [15.9, 400],
    [16, 201],
    [48, 201],
    [48.5, 400],
  ])('when the weekly hours are %s, then %s', async (weeklyHours, status) => {
    expect((await create({ weeklyHours, durationMonths: 30 })).status).toBe(status);
  });

  it('when weekly hours are left out, then 400: they are required for an apprenticeship', async () => {
    const response = await create({ weeklyHours: null });
    expect(problemsOf(response.body).map((p) => p.path)).toContain('weeklyHours');
  });

  it('when a start from 1 August 2025 lasts 7 months, then 400 (at least 8); 8 months, then accepted', async () => {
    const seven = await create({ closingDate: '2025-07-20', startDate: '2025-08-01', durationMonths: 7 });
    expect(seven.status).toBe(400);
    expect(problemsOf(seven.body)).toContainEqual({ path: 'durationMonths', message: 'must be at least 8 months for an apprenticeship starting on 1 August 2025' });
    expect((await create({ closingDate: '2025-07-20', startDate: '2025-08-01', durationMonths: 8 })).status).toBe(201);
  });

  it('when a start on 31 July 2025 lasts 11 months, then 400 (12 before 1 August 2025); 12 months, then accepted', async () => {
    const eleven = await create({ closingDate: '2025-07-20', startDate: '2025-07-31', durationMonths: 11 });
    expect(problemsOf(eleven.body)).toContainEqual({ path: 'durationMonths', message: 'must be at least 12 months for an apprenticeship starting on 31 July 2025' });
    expect((await create({ closingDate: '2025-07-20', startDate: '2025-07-31', durationMonths: 12 })).status).toBe(201);
  });

  it('when 30 hours a week last 8 months, then accepted; 29.9 hours need 9 (8 x 30 / 29.9 rounded up)', async () => {
    expect((await create({ startDate: '2026-09-01', weeklyHours: 30, durationMonths: 8 })).status).toBe(201);
    const short = await create({ startDate: '2026-09-01', weeklyHours: 29.9, durationMonths: 8 });
    expect(problemsOf(short.body)).toContainEqual({ path: 'durationMonths', message: 'must be at least 9 months for an apprenticeship starting on 1 September 2026 at 29.9 hours a week' });
    expect((await create({ startDate: '2026-09-01', weeklyHours: 29.9, durationMonths: 9 })).status).toBe(201);
  });

  it('when 16 hours a week, then the 8 months stretch to 15 (8 x 30 / 16 = 15)', async () => {
    expect((await create({ startDate: '2026-09-01', weeklyHours: 16, durationMonths: 14 })).status).toBe(400);
    expect((await create({ startDate: '2026-09-01', weeklyHours: 16, durationMonths: 15 })).status).toBe(201);
  });
});

describe('start date, descriptions and skills', () => {
  it('when the start date is missing, or on the closing date, then 400 on startDate', async () => {
    expect(problemsOf((await create({ startDate: null })).body).map((p) => p.path)).toContain('startDate');
    expect(problemsOf((await create({ closingDate: '2026-07-31', startDate: '2026-07-31' })).body).map((p) => p.path)).toContain('startDate');
  });

  it('when the short description is 49 or 351 characters, then 400; 50 and 350, then accepted', async () => {
    expect((await create({ description: 'x'.repeat(49) })).status).toBe(400);
    expect((await create({ description: 'x'.repeat(50) })).status).toBe(201);
    expect((await create({ description: 'x'.repeat(350) })).status).toBe(201);
    expect(problemsOf((await create({ description: 'x'.repeat(351) })).body).map((p) => p.path)).toContain('description');
  });

  it('when "what you will do" is 4,000 characters, then accepted; 4,001, then 400', async () => {
    expect((await create({ whatYouWillDo: 'y'.repeat(4000) })).status).toBe(201);
    expect((await create({ whatYouWillDo: 'y'.repeat(4001) })).status).toBe(400);
  });

  it('when skills are 10 items of up to 100 characters, then kept; 11 items or one of 101, then 400', async () => {
    const skills = Array.from({ length: 10 }, (_, i) => `Skill ${i} ${'s'.repeat(90)}`.slice(0, 100));
    const created = await create({ skills });
    expect(created.status).toBe(201);
    expect(created.body.skills).toEqual(skills);
    expect((await create({ skills: [...skills, 'one more'] })).status).toBe(400);
    expect((await create({ skills: ['s'.repeat(101)] })).status).toBe(400);
  });

  it('when a short job has a 20-character description and no hours, then it is accepted: the rules are for apprenticeships', async () => {
    expect((await create({ kind: 'job', description: 'Shop floor, Saturday', weeklyHours: null, durationMonths: null, wageType: null, startDate: null })).status).toBe(201);
  });
});

describe('the closing date at least CLOSING_DATE_MIN_LEAD_DAYS (7) after submission', () => {
  it('when submitted 7 days before the closing date, then pending approval; 6 days before, then 400 naming the earliest date', async () => {
    const onTime = await create({ closingDate: '2025-06-09', startDate: '2025-09-01' });
    const late = await create({ closingDate: '2025-06-08', startDate: '2025-09-01' });
    expect(late.status).toBe(201);
    const submitOnTime = await app.http().post(`/opportunities/${onTime.body.id}/submit`).set('authorization', organisation.employer.auth);
    expect(submitOnTime.body.status).toBe('pending_approval');
    const submitLate = await app.http().post(`/opportunities/${late.body.id}/submit`).set('authorization', organisation.employer.auth);
    expect(submitLate.status).toBe(400);
    expect(problemsOf(submitLate.body)).toContainEqual({ path: 'closingDate', message: 'must be at least 7 days after submission: 9 June 2025 or later' });
  });

  it('when council staff open their own offer at once 6 days before it closes, then 400; 7 days, then open', async () => {
    const council = (closingDate: string) => app.http().post('/opportunities').set('authorization', manager.auth).send(offerBody({ kind: 'ring_fenced_apprenticeship', providerName: 'The council', closingDate, startDate: '2025-09-01', publish: true }));
    expect((await council('2025-06-08')).status).toBe(400);
    expect((await council('2025-06-09')).body.status).toBe('open');
  });
});

describe('offers stored before these rules', () => {
  it('when a live apprenticeship lacks hours, duration and description, then an unrelated change still goes through; a change to one of those fields must meet its rule', async () => {
    const legacy = await givenOpenOpportunity({ remote: true });
    const unrelated = await app.http().patch(`/opportunities/${legacy.id}`).set('authorization', manager.auth).send({ places: 3 });
    expect(unrelated.status).toBe(200);
    expect(unrelated.body).toMatchObject({ places: 3, status: 'open' });
    const badHours = await app.http().patch(`/opportunities/${legacy.id}`).set('authorization', manager.auth).send({ weeklyHours: 10 });
    expect(badHours.status).toBe(400);
    expect(problemsOf(badHours.body).map((p) => p.path)).toEqual(['weeklyHours']);
  });
});
