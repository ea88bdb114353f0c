import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { startApplication } from '../factories/housing.js';
import { YOUNG_PEOPLE_HEADER, csvOf, postCsv, youngPersonRow } from '../factories/imports.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { givenReferral } from '../factories/referrals.js';
import { remindersOf, runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/**
 * Issue 11 item 1: every path that changes who holds a case × every resource scoped by ownership. After the
 * change the old holder (PA or team manager) no longer sees it (404 or not listed) and the new one does.
 */
let app: TestApp;
let admin: GivenUser;
let district: { id: string; code: string };
let opportunityId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
  opportunityId = (await givenOpenOpportunity({ districtId: district.id, places: 50 })).id;
});
afterAll(async () => app.close());

interface Case {
  paA: GivenUser; managerA: GivenUser; paB: GivenUser; managerB: GivenUser;
  youngPerson: Record<string, any> & { id: string };
  referralId: string; housingApplicationId: string; oldReminderId: string;
}

/** Team A's PA holds a young person with a referral, a housing application and an overdue-review reminder. */
async function givenCase(): Promise<Case> {
  const [teamA, teamB] = [unique('team-a'), unique('team-b')];
  const [paA, managerA, paB, managerB] = await Promise.all([
    givenUser(app, 'personal_adviser', { team: teamA }), givenUser(app, 'manager', { team: teamA }),
    givenUser(app, 'personal_adviser', { team: teamB }), givenUser(app, 'manager', { team: teamB }),
  ]);
  const youngPerson = await givenYoungPerson(app, paA, { homeDistrictId: district.id, pathwayPlanReviewDate: '2026-06-01', sourceSystemId: unique('LL') });
  const referral = await givenReferral(app, paA, { youngPersonId: youngPerson.id, opportunityId, note: 'Keen on digital' });
  const application = await startApplication(app, paA, youngPerson.id, district.id);
  await runJob(app, 'reminder-scan', '2026-06-15');
  const reminder = (await remindersOf(app, paA)).find((item) => item.youngPersonId === youngPerson.id);
  if (!reminder) throw new Error('expected an overdue-review reminder for the PA');
  return { paA, managerA, paB, managerB, youngPerson, referralId: referral.id, housingApplicationId: application.id, oldReminderId: reminder.id };
}

type Holders = { owner?: GivenUser; manager?: GivenUser };
interface Path {
  path: string;
  change: (c: Case) => Promise<{ status: number; body: unknown }>;
  before: (c: Case) => Holders;
  after: (c: Case) => Required<Holders>;
}

const importRow = (c: Case, paEmail: string) => csvOf(YOUNG_PEOPLE_HEADER, [youngPersonRow({
  source_child_id: c.youngPerson.sourceSystemId, first_name: c.youngPerson.firstName, last_name: c.youngPerson.lastName, date_of_birth: c.youngPerson.dateOfBirth,
  pathway_plan_review_date: '2026-06-01', pa_email: paEmail, district_code: district.code,
})]);

const PATHS: Path[] = [
  { path: 'edit (PATCH /young-people/:id)', change: (c) => app.http().patch(`/young-people/${c.youngPerson.id}`).set('authorization', admin.auth).send({ personalAdviserId: c.paB.id }), before: (c) => ({ owner: c.paA, manager: c.managerA }), after: (c) => ({ owner: c.paB, manager: c.managerB }) },
  { path: 'import with a changed pa_email', change: (c) => postCsv(app, '/imports/young-people', admin.auth, importRow(c, c.paB.email)), before: (c) => ({ owner: c.paA, manager: c.managerA }), after: (c) => ({ owner: c.paB, manager: c.managerB }) },
  { path: 'reallocation (POST /young-people/reallocate)', change: (c) => app.http().post('/young-people/reallocate').set('authorization', admin.auth).send({ youngPersonIds: [c.youngPerson.id], personalAdviserId: c.paB.id }), before: (c) => ({ owner: c.paA, manager: c.managerA }), after: (c) => ({ owner: c.paB, manager: c.managerB }) },
  { path: "PA's team move (PATCH /users/:id {team})", change: (c) => app.http().patch(`/users/${c.paA.id}`).set('authorization', admin.auth).send({ team: c.paB.team }), before: (c) => ({ manager: c.managerA }), after: (c) => ({ owner: c.paA, manager: c.managerB }) },
  { path: "PA's deactivation (PATCH /users/:id {active: false})", change: (c) => app.http().patch(`/users/${c.paA.id}`).set('authorization', admin.auth).send({ active: false }), before: (c) => ({ owner: c.paA }), after: (c) => ({ owner: c.managerA, manager: c.managerA }) },
];

/** 200 is visible; 404 (out of scope) and 401 (signed out by a deactivation) are not; anything else is a failure. */
function visible(response: { status: number; body: unknown }): boolean {
  if (response.status === 200) return true;
  if (response.status === 404 || response.status === 401) return false;
  throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body)}`);
}

async function unreadReminderAbout(viewer: GivenUser, c: Case): Promise<{ id: string } | undefined> {
  const response = await app.http().get('/notifications/mine').query({ limit: 500 }).set('authorization', viewer.auth);
  if (!visible(response)) return undefined;
  return (response.body.items as { id: string; youngPersonId: string | null }[]).find((item) => item.youngPersonId === c.youngPerson.id);
}

type Reader = 'owner' | 'manager';
interface Resource {
  resource: string;
  readers: Reader[];
  /** False where looking changes the resource (marking read), so it is only looked at after the change. */
  checkedBefore?: false;
  sees: (viewer: GivenUser, c: Case) => Promise<boolean>;
}

const get = (viewer: GivenUser, path: string) => app.http().get(path).set('authorization', viewer.auth);

const RESOURCES: Resource[] = [
  { resource: 'young person', readers: ['owner', 'manager'], sees: async (v, c) => visible(await get(v, `/young-people/${c.youngPerson.id}`)) },
  { resource: 'referrals', readers: ['owner', 'manager'], sees: async (v, c) => visible(await get(v, `/referrals/${c.referralId}`)) },
  { resource: 'housing applications', readers: ['owner', 'manager'], sees: async (v, c) => visible(await get(v, `/housing-applications/${c.housingApplicationId}`)) },
  { resource: 'reminders', readers: ['owner'], sees: async (v, c) => (await unreadReminderAbout(v, c)) !== undefined },
  {
    resource: 'notifications',
    readers: ['owner'],
    checkedBefore: false,
    // Marking the reminder read: the new owner by the id they are shown, the old one by the id they had.
    sees: async (v, c) => visible(await app.http().post(`/notifications/${(await unreadReminderAbout(v, c))?.id ?? c.oldReminderId}/read`).set('authorization', v.auth)),
  },
  {
    resource: 'exports',
    readers: ['owner', 'manager'],
    sees: async (v, c) => {
      const response = await get(v, '/exports/caseload.csv');
      return visible(response) && response.text.includes(c.youngPerson.sourceSystemId);
    },
  },
  { resource: 'audit', readers: ['manager'], sees: async (v, c) => visible(await get(v, `/young-people/${c.youngPerson.id}/audit`)) },
];

const MATRIX = PATHS.flatMap((path) => RESOURCES.map((resource) => ({ ...path, ...resource })));

describe('one owner for a caseload, whatever changed it', () => {
  it.each(MATRIX)('when ownership changes by $path, then $resource follow the young person to the new holder', async ({ change, before, after, readers, checkedBefore, sees }) => {
    const c = await givenCase();
    const previous = before(c);
    for (const reader of readers) if (previous[reader] && checkedBefore !== false) expect(await sees(previous[reader], c), `${reader} before the change`).toBe(true);

    const response = await change(c);
    expect(response.status, JSON.stringify(response.body)).toBe(200);

    const next = after(c);
    for (const reader of readers) {
      if (previous[reader] && previous[reader] !== next[reader]) expect(await sees(previous[reader], c), `old ${reader}`).toBe(false);
      expect(await sees(next[reader], c), `new ${reader}`).toBe(true);
    }
  });
});
