import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenUser, unique } from '../factories/index.js';
import { earlyApplicationsOfDistrict, givenCareLeaver, givenOutOfAreaDistrict, itemFor, morningOf } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// 15 June 2026; born 2008-11-20: past 17½ (20 May 2026), so on the district's list.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: morningOf('2026-06-15') });
});
afterAll(async () => app.close());

describe("a district's early-application list as a manager sees it (issue 11 item 8)", () => {
  it("when two teams' young people want to live in a district, then a manager sees only their own team's, and an admin both", async () => {
    const district = await givenOutOfAreaDistrict();
    const [teamA, teamB] = [unique('team-a'), unique('team-b')];
    const adviserA = await givenUser(app, 'personal_adviser', { team: teamA });
    const adviserB = await givenUser(app, 'personal_adviser', { team: teamB });
    const managerA = await givenUser(app, 'manager', { team: teamA });
    const admin = await givenUser(app, 'admin');
    const ours = await givenCareLeaver(app, adviserA, { homeDistrictId: district.id, dateOfBirth: '2008-11-20', shareWithHousing: true });
    const theirs = await givenCareLeaver(app, adviserB, { homeDistrictId: district.id, dateOfBirth: '2008-11-20', shareWithHousing: true, inCustody: true, expectedReleaseDate: '2026-07-01' });

    const asManager = await earlyApplicationsOfDistrict(app, managerA, district.id);
    const asAdmin = await earlyApplicationsOfDistrict(app, admin, district.id);

    expect(asManager.status).toBe(200);
    expect(itemFor(asManager.body, ours.id)).toBeDefined();
    expect(itemFor(asManager.body, theirs.id)).toBeUndefined();
    expect(itemFor(asAdmin.body, ours.id)).toBeDefined();
    expect(itemFor(asAdmin.body, theirs.id)).toBeDefined();
  });
});
