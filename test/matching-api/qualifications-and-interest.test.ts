import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, givenYoungPerson, youngPersonBody, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { getMatches } from './matching-helpers.js';

// Today is 2026-06-15. Each test works in an area of its own and looks only at the openings it created.
let app: TestApp;
let adviser: GivenUser;
let manager: GivenUser;
let area = 0;
const newArea = async () => (await givenDistrict({ latitude: 51.1 + area * 0.6, longitude: 0.5 - (area++ % 2) })).id;

beforeAll(async () => {
  app = await startTestApp();
  adviser = await givenUser(app, 'personal_adviser', { team: 'qualifications-team' });
  manager = await givenUser(app, 'manager', { team: 'qualifications-team' });
});
afterAll(async () => app.close());

/** A ring-fenced health and science apprenticeship in `districtId` needing Level 2 maths, unless told otherwise. */
const givenRingFenced = (districtId: string, requiredQualifications = [{ subject: 'Maths', level: 2 }]) =>
  givenOpenOpportunity({ districtId, kind: 'ring_fenced_apprenticeship', ringFenced: true, sector: 'health_and_science', requiredQualifications });

async function outcomeFor(youngPersonId: string, opportunityId: string) {
  const body = await getMatches(app, adviser, youngPersonId);
  const match = body.matches.find((m) => m.opportunity.id === opportunityId);
  const nearMiss = body.nearMisses.find((m) => m.opportunity.id === opportunityId);
  return (match ?? nearMiss ?? null) as (typeof body.matches)[number] & { missingInterest: string | null } | null;
}

describe('qualifications recorded as certificates say them (type, subject, grade)', () => {
  it('when a young person holds GCSE "Mathematics" at grade 5, then it is Level 2 and meets a ring-fenced apprenticeship needing Level 2 Maths', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'gcse', subject: 'Mathematics', grade: '5' }] });
    expect(person.qualifications).toEqual([{ type: 'gcse', subject: 'Mathematics', grade: '5', level: 2, confirmed: true }]);
    const opening = await givenRingFenced(home);
    const result = await outcomeFor(person.id, opening.id);
    expect(result).toMatchObject({ outcome: 'match', missing: [], missingInterest: null });
    expect(result!.reasons).toContainEqual({ code: 'qualification_met', points: 10, text: 'Has Level 2 Maths, as needed' });
  });

  it('when the GCSE grade is 3, then it is Level 1 and a near miss: needs Level 2 maths, holds Level 1', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'gcse', subject: 'Mathematics', grade: '3' }] });
    expect(person.qualifications).toEqual([{ type: 'gcse', subject: 'Mathematics', grade: '3', level: 1, confirmed: true }]);
    const opening = await givenRingFenced(home);
    const result = await outcomeFor(person.id, opening.id);
    expect(result).toMatchObject({ outcome: 'near_miss', missing: [{ subject: 'maths', level: 2, heldLevel: 1 }], missingInterest: null });
    expect(result!.reasons.at(-1)).toEqual({ code: 'qualification_missing', points: 0, text: 'Needs Level 2 Maths: holds Level 1' });
  });

  it('when they hold Functional Skills English at Level 2, then it meets "English" at Level 2; English Literature grade C does too', async () => {
    const home = await newArea();
    const functionalSkills = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'functional_skills', subject: 'English', level: 2 }] });
    const literature = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'gcse', subject: 'English Literature', grade: 'c' }] });
    const opening = await givenRingFenced(home, [{ subject: 'English', level: 2 }]);
    expect(await outcomeFor(functionalSkills.id, opening.id)).toMatchObject({ outcome: 'match' });
    expect(await outcomeFor(literature.id, opening.id)).toMatchObject({ outcome: 'match' });
    expect(literature.qualifications).toEqual([{ type: 'gcse', subject: 'English Literature', grade: 'C', level: 2, confirmed: true }]);
  });

  it("when today's untyped {subject, level} is sent, then it is still accepted, as type other with the level stated", async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, qualifications: [{ subject: 'Maths', level: 2, grade: '5' }] });
    expect(person.qualifications).toEqual([{ type: 'other', subject: 'Maths', grade: '5', level: 2, confirmed: true }]);
  });

  it.each([
    [{ type: 'gcse', subject: 'Mathematics' }, 'qualifications.0.grade', 'is required for a GCSE: 9 to 1, or A* to G'],
    [{ type: 'gcse', subject: 'Mathematics', grade: 'U' }, 'qualifications.0.grade', 'U (ungraded) is not a pass: record only qualifications passed'],
    [{ type: 'gcse', subject: 'Mathematics', grade: '3', level: 2 }, 'qualifications.0.level', 'a GCSE at grade 3 is Level 1: leave level out'],
    [{ type: 'functional_skills', subject: 'English', level: 3 }, 'qualifications.0.level', 'Functional Skills are Entry Level (0), Level 1 or Level 2'],
    [{ type: 'btec', subject: 'Engineering' }, 'qualifications.0.level', 'is required for a BTEC (0 for Entry Level)'],
    [{ subject: 'Maths' }, 'qualifications.0.level', 'is required for this qualification (0 for Entry Level)'],
  ])('when a qualification cannot give a level (%j), then 400 names the field to correct and nothing is saved', async (qualification, path, message) => {
    const home = await newArea();
    const response = await app.http().post('/young-people').set('authorization', adviser.auth).send(youngPersonBody({ homeDistrictId: home, qualifications: [qualification] }));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path, message }]);
    const listed = await app.http().get(`/young-people?districtId=${home}`).set('authorization', adviser.auth);
    expect(listed.body.total).toBe(0);
  });
});

describe('ring-fenced apprenticeships need the interest in their area of work (seed 002 item 14 vi)', () => {
  it('when someone qualified has not said they are interested in its area of work, then it is a near miss saying so; interested, then a match', async () => {
    const home = await newArea();
    const notInterested = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ type: 'gcse', subject: 'Maths', grade: '6' }] });
    const interested = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'gcse', subject: 'Maths', grade: '6' }] });
    const opening = await givenRingFenced(home);
    const nearMiss = await outcomeFor(notInterested.id, opening.id);
    expect(nearMiss).toMatchObject({ outcome: 'near_miss', missing: [], missingInterest: 'health_and_science' });
    expect(nearMiss!.reasons.at(-1)).toEqual({ code: 'interest_not_stated', points: 0, text: 'Has not said they are interested in health and science: ring-fenced places go to those who are, so ask them' });
    expect(await outcomeFor(interested.id, opening.id)).toMatchObject({ outcome: 'match', missingInterest: null });
  });

  it('when the same person is not interested in an ordinary apprenticeship in that area, then interest only scores: still a match', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ type: 'gcse', subject: 'Maths', grade: '6' }] });
    const opening = await givenOpenOpportunity({ districtId: home, kind: 'apprenticeship', sector: 'health_and_science', requiredQualifications: [{ subject: 'Maths', level: 2 }] });
    const result = await outcomeFor(person.id, opening.id);
    expect(result).toMatchObject({ outcome: 'match', missingInterest: null });
    expect(result!.reasons).toContainEqual({ code: 'sector_not_of_interest', points: 0, text: 'Not one of their stated interests (health and science)' });
  });

  it('when someone is neither interested nor qualified for a ring-fenced place, then it is not listed, and a referral is refused saying why', async () => {
    const home = await newArea();
    const person = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ type: 'gcse', subject: 'Maths', grade: '3' }] });
    const opening = await givenRingFenced(home);
    expect(await outcomeFor(person.id, opening.id)).toBeNull();
    const referral = await app.http().post('/referrals').set('authorization', adviser.auth).send({ youngPersonId: person.id, opportunityId: opening.id });
    expect(referral.status).toBe(409);
    expect(referral.body.details.excludedBy).toEqual(['interest_not_stated']);
  });

  it("when a manager ranks candidates for a ring-fenced place, then the qualified person without the interest is a near miss the PA can ask", async () => {
    const home = await newArea();
    const notInterested = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['digital'], qualifications: [{ type: 'functional_skills', subject: 'Maths', level: 2 }] });
    const interested = await givenYoungPerson(app, adviser, { homeDistrictId: home, interests: ['health_and_science'], qualifications: [{ type: 'a_level', subject: 'Mathematics', grade: 'B' }] });
    const opening = await givenRingFenced(home);
    const response = await app.http().get(`/opportunities/${opening.id}/candidates`).set('authorization', manager.auth);
    expect(response.status).toBe(200);
    expect(response.body.matches.map((c: { youngPerson: { id: string } }) => c.youngPerson.id)).toEqual([interested.id]);
    expect(response.body.nearMisses).toEqual([expect.objectContaining({ youngPerson: expect.objectContaining({ id: notInterested.id }), missingInterest: 'health_and_science', missing: [] })]);
  });
});
