import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { placement } from './matching-helpers.js';

// Today is 2026-06-15 (TEST_NOW). Defaults: young person born 2008-03-10, care leaver, digital, Level 2 Maths,
// anonymous profile, travels 20 km; opening starts 2026-09-01, ages 16-24, closes 2026-07-31.
let app: TestApp;
let adviser: GivenUser;
let home: string;
let farAway: string;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser');
  home = (await givenDistrict({ latitude: 52.63, longitude: -1.13 })).id;
  farAway = (await givenDistrict({ latitude: 53.8, longitude: -1.55 })).id; // about 135 km north
});
afterAll(async () => app.close());

const inHome = () => ({ districtId: home });

describe('GET /young-people/:id/matches applies every hard rule', () => {
  it('when an opening is not open (draft, pending approval, closed, filled, withdrawn), then it is not listed, and the same opening open is', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const open = await givenOpenOpportunity(inHome());
    const others = await Promise.all((['draft', 'pending_approval', 'closed', 'filled', 'withdrawn'] as const).map((status) => givenOpenOpportunity({ ...inHome(), status })));
    const result = await placement(app, adviser, person.id, [open.id, ...others.map((o) => o.id)]);
    expect(result[open.id]).toBe('match');
    for (const other of others) expect(result[other.id]).toBe('absent');
  });

  it('when the closing date was yesterday, then it is not listed; closing today or tomorrow, then it is', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const yesterday = await givenOpenOpportunity({ ...inHome(), closingDate: '2026-06-14' });
    const today = await givenOpenOpportunity({ ...inHome(), closingDate: '2026-06-15' });
    const tomorrow = await givenOpenOpportunity({ ...inHome(), closingDate: '2026-06-16' });
    const noDate = await givenOpenOpportunity({ ...inHome(), closingDate: null });
    const result = await placement(app, adviser, person.id, [yesterday.id, today.id, tomorrow.id, noDate.id]);
    expect(result).toEqual({ [yesterday.id]: 'absent', [today.id]: 'match', [tomorrow.id]: 'match', [noDate.id]: 'match' });
  });

  it('when every place is filled, then it is not listed; with one place left, then it is', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home });
    const full = await givenOpenOpportunity({ ...inHome(), places: 2, placesFilled: 2 });
    const oneLeft = await givenOpenOpportunity({ ...inHome(), places: 2, placesFilled: 1 });
    expect(await placement(app, adviser, person.id, [full.id, oneLeft.id])).toEqual({ [full.id]: 'absent', [oneLeft.id]: 'match' });
  });

  it('when the opening is only for children in care, then a care leaver does not see it, and a child in care does', async () => {
    const careLeaver = await givenYoungPerson(app, adviser, { homeDistrictId: home, careStatus: 'care_leaver' });
    const inCare = await givenYoungPerson(app, adviser, { homeDistrictId: home, careStatus: 'in_care', legalCategory: 'eligible', dateOfBirth: '2009-01-10' });
    const forInCare = await givenOpenOpportunity({ ...inHome(), eligibleCareStatus: 'in_care' });
    const forCareLeavers = await givenOpenOpportunity({ ...inHome(), eligibleCareStatus: 'care_leaver' });
    expect(await placement(app, adviser, careLeaver.id, [forInCare.id, forCareLeavers.id])).toEqual({ [forInCare.id]: 'absent', [forCareLeavers.id]: 'match' });
    expect(await placement(app, adviser, inCare.id, [forInCare.id, forCareLeavers.id])).toEqual({ [forInCare.id]: 'match', [forCareLeavers.id]: 'absent' });
  });

  it('when the opening has no district and is not remote, then nobody sees it; remote, then they do wherever they live', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: farAway });
    const nowhere = await givenOpenOpportunity({ districtId: null, remote: false });
    const remote = await givenOpenOpportunity({ districtId: null, remote: true });
    const remoteElsewhere = await givenOpenOpportunity({ districtId: home, remote: true });
    expect(await placement(app, adviser, person.id, [nowhere.id, remote.id, remoteElsewhere.id])).toEqual({ [nowhere.id]: 'absent', [remote.id]: 'match', [remoteElsewhere.id]: 'match' });
  });

  it('when the opening is further than they travel from every one of their districts, then it is not listed; when one of their preferred districts is near, then it is', async () => {
    const stayAtHome = await givenYoungPerson(app, adviser, { homeDistrictId: home, maxTravelKm: 50 });
    const wouldMove = await givenYoungPerson(app, adviser, { homeDistrictId: home, preferredDistrictIds: [farAway], maxTravelKm: 5 });
    const far = await givenOpenOpportunity({ districtId: farAway });
    expect(await placement(app, adviser, stayAtHome.id, [far.id])).toEqual({ [far.id]: 'absent' });
    expect(await placement(app, adviser, wouldMove.id, [far.id])).toEqual({ [far.id]: 'match' });
  });

  it('when travel limit is just under or at the distance, then it is excluded or included', async () => {
    const near = await givenDistrict({ latitude: 52.63 + 0.09, longitude: -1.13 }); // about 10.0 km north
    const under = await givenYoungPerson(app, adviser, { homeDistrictId: home, maxTravelKm: 9 });
    const over = await givenYoungPerson(app, adviser, { homeDistrictId: home, maxTravelKm: 11 });
    const opening = await givenOpenOpportunity({ districtId: near.id });
    expect(await placement(app, adviser, under.id, [opening.id])).toEqual({ [opening.id]: 'absent' });
    expect(await placement(app, adviser, over.id, [opening.id])).toEqual({ [opening.id]: 'match' });
  });

  it('when the employer needs name and contact and they agreed only to an anonymous profile, then it is not listed; with name and contact agreed, then it is', async () => {
    const anonymous = await givenYoungPerson(app, adviser, { homeDistrictId: home, employerSharing: 'anonymous_profile' });
    const named = await givenYoungPerson(app, adviser, { homeDistrictId: home, employerSharing: 'name_and_contact' });
    const nothing = await givenYoungPerson(app, adviser, { homeDistrictId: home, employerSharing: 'nothing' });
    const needsName = await givenOpenOpportunity({ ...inHome(), sharingNeeded: 'name_and_contact' });
    const needsNothing = await givenOpenOpportunity({ ...inHome(), sharingNeeded: 'none' });
    expect(await placement(app, adviser, anonymous.id, [needsName.id, needsNothing.id])).toEqual({ [needsName.id]: 'absent', [needsNothing.id]: 'match' });
    expect(await placement(app, adviser, named.id, [needsName.id, needsNothing.id])).toEqual({ [needsName.id]: 'match', [needsNothing.id]: 'match' });
    expect(await placement(app, adviser, nothing.id, [needsName.id, needsNothing.id])).toEqual({ [needsName.id]: 'absent', [needsNothing.id]: 'match' });
  });

  it('when two required qualifications are missing, then it is not listed; one missing, then it is a near miss; none missing, then a match', async () => {
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'Maths', level: 2, grade: '5' }] });
    const twoMissing = await givenOpenOpportunity({ ...inHome(), requiredQualifications: [{ subject: 'English', level: 2 }, { subject: 'Science', level: 2 }] });
    const oneMissing = await givenOpenOpportunity({ ...inHome(), requiredQualifications: [{ subject: 'Maths', level: 2 }, { subject: 'English', level: 2 }] });
    const noneMissing = await givenOpenOpportunity({ ...inHome(), requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    expect(await placement(app, adviser, person.id, [twoMissing.id, oneMissing.id, noneMissing.id])).toEqual({ [twoMissing.id]: 'absent', [oneMissing.id]: 'near_miss', [noneMissing.id]: 'match' });
  });
});

describe('age at the start date (start 2026-09-01, ages 18 to 24 at start)', () => {
  const ageLimited = () => givenOpenOpportunity({ ...inHome(), startDate: '2026-09-01', minAgeAtStart: 18, maxAgeAtStart: 24 });

  it('when they turn 18 the day before, on, or the day after the start date, then they are in, in, and out', async () => {
    const opening = await ageLimited();
    const dayBefore = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2008-08-31' });
    const onTheDay = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2008-09-01' });
    const dayAfter = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2008-09-02' });
    expect((await placement(app, adviser, dayBefore.id, [opening.id]))[opening.id]).toBe('match');
    expect((await placement(app, adviser, onTheDay.id, [opening.id]))[opening.id]).toBe('match');
    expect((await placement(app, adviser, dayAfter.id, [opening.id]))[opening.id]).toBe('absent');
  });

  it('when they turn 25 the day before, on, or the day after the start date, then they are out, out, and in', async () => {
    const opening = await ageLimited();
    const dayBefore = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2001-08-31' });
    const onTheDay = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2001-09-01' });
    const dayAfter = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2001-09-02' });
    expect((await placement(app, adviser, dayBefore.id, [opening.id]))[opening.id]).toBe('absent');
    expect((await placement(app, adviser, onTheDay.id, [opening.id]))[opening.id]).toBe('absent');
    expect((await placement(app, adviser, dayAfter.id, [opening.id]))[opening.id]).toBe('match');
  });

  it('when they are 17 today but 18 by the start date, then the age is taken on the start date and they are in', async () => {
    const opening = await ageLimited();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, dateOfBirth: '2008-07-01' });
    expect((await placement(app, adviser, person.id, [opening.id]))[opening.id]).toBe('match');
  });
});

describe('qualification levels (Level 2 Maths needed)', () => {
  const needsMaths = () => givenOpenOpportunity({ ...inHome(), requiredQualifications: [{ subject: 'Maths', level: 2 }] });

  it('when they hold Level 1, Level 2 or Level 3 maths, then near miss, match, and match with the higher level noted', async () => {
    const opening = await needsMaths();
    const level1 = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'Maths', level: 1, grade: '3' }] });
    const level2 = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'maths', level: 2, grade: '4' }] });
    const level3 = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: ' MATHS ', level: 3, grade: 'B' }] });
    expect((await placement(app, adviser, level1.id, [opening.id]))[opening.id]).toBe('near_miss');
    expect((await placement(app, adviser, level2.id, [opening.id]))[opening.id]).toBe('match');
    expect((await placement(app, adviser, level3.id, [opening.id]))[opening.id]).toBe('match');
  });

  it('when they hold the level in another subject only, then it is a near miss', async () => {
    const opening = await needsMaths();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'English', level: 3, grade: 'A' }] });
    expect((await placement(app, adviser, person.id, [opening.id]))[opening.id]).toBe('near_miss');
  });
});
