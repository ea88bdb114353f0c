import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/lib/dates.js';
import { givenUser, type GivenUser } from '../factories/index.js';
import { earlyApplicationsOfDistrict, givenCareLeaver, givenHousingOfficer, givenOutOfAreaDistrict, itemFor, morningOf, travelTo } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let adviser: GivenUser;

beforeAll(async () => {
  app = await startTestApp({ now: morningOf('2025-06-01') });
  adviser = await givenUser(app, 'personal_adviser');
});
afterAll(async () => app.close());

type Expectation = { listed: false } | { listed: true; daysUntilApplicationAge: number; urgent: boolean };
const NOT_LISTED: Expectation = { listed: false };
const listed = (daysUntilApplicationAge: number): Expectation => ({ listed: true, daysUntilApplicationAge, urgent: daysUntilApplicationAge <= 0 });

/** Sets the clock to the date, reads the district's list as its officer, and checks the young person's entry. */
async function expectOnDate(date: string, officer: GivenUser, districtId: string, youngPersonId: string, expected: Expectation) {
  await travelTo(app, date, officer);
  const response = await earlyApplicationsOfDistrict(app, officer, districtId);
  expect(response.status).toBe(200);
  expect(response.body.asOf).toBe(date);
  const item = itemFor(response.body, youngPersonId, districtId);
  if (!expected.listed) return expect(item).toBeUndefined();
  expect(item).toMatchObject({
    daysUntilApplicationAge: expected.daysUntilApplicationAge,
    urgent: expected.urgent,
    urgentReasons: expected.urgent ? ['at_or_past_application_age'] : [],
    standing: expected.urgent ? 'at_or_past_application_age' : 'reaches_application_age_within_window',
    sharesWithHousing: true,
  });
}

describe('default district settings: 17 years 6 months, 8 weeks ahead', () => {
  // Born 10 September 2008: 17½ on 10 March 2026, so the 8-week window first includes them on 13 January 2026.
  let districtId: string;
  let officer: GivenUser;
  let youngPersonId: string;
  beforeAll(async () => {
    await travelTo(app, '2026-01-01', adviser);
    districtId = (await givenOutOfAreaDistrict()).id;
    officer = await givenHousingOfficer(app, [districtId]);
    youngPersonId = (await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-09-10' })).id;
  });

  it.each([
    ['2026-01-12', 'the day before the window reaches their 17½', NOT_LISTED],
    ['2026-01-13', 'the day the window reaches their 17½ (56 days ahead)', listed(56)],
    ['2026-01-14', 'the day after the window start', listed(55)],
    ['2026-03-09', 'the day before 17½', listed(1)],
    ['2026-03-10', 'the day they are 17½', listed(0)],
    ['2026-03-11', 'the day after 17½', listed(-1)],
  ] as const)('when today is %s (%s), then the list says so', async (date, _what, expected) => {
    await expectOnDate(date, officer, districtId, youngPersonId, expected);
  });
});

describe('non-default district settings: 17 years 0 months, 12 weeks ahead', () => {
  // Born 20 May 2009: 17 on 20 May 2026 (window from 25 February 2026); 17½ on 20 November 2026 (default window from 25 September).
  let earlyDistrictId: string;
  let defaultDistrictId: string;
  let officer: GivenUser;
  let youngPersonId: string;
  beforeAll(async () => {
    await travelTo(app, '2026-02-01', adviser);
    earlyDistrictId = (await givenOutOfAreaDistrict({ applicationAgeYears: 17, applicationAgeMonths: 0, alertLookaheadWeeks: 12 })).id;
    defaultDistrictId = (await givenOutOfAreaDistrict()).id;
    officer = await givenHousingOfficer(app, [earlyDistrictId, defaultDistrictId]);
    youngPersonId = (await givenCareLeaver(app, adviser, { homeDistrictId: earlyDistrictId, preferredDistrictIds: [earlyDistrictId, defaultDistrictId], dateOfBirth: '2009-05-20' })).id;
  });

  it.each([
    ['2026-02-24', NOT_LISTED],
    ['2026-02-25', listed(84)],
    ['2026-02-26', listed(83)],
    ['2026-05-19', listed(1)],
    ['2026-05-20', listed(0)],
    ['2026-05-21', listed(-1)],
  ] as const)('when today is %s, then the 17-year district lists them accordingly', async (date, expected) => {
    await expectOnDate(date, officer, earlyDistrictId, youngPersonId, expected);
  });

  it('when they are 17 on 20 May 2026, then the default district does not list them until its own window reaches 17½', async () => {
    await expectOnDate('2026-05-20', officer, defaultDistrictId, youngPersonId, NOT_LISTED);
    await expectOnDate('2026-09-24', officer, defaultDistrictId, youngPersonId, NOT_LISTED);
    await expectOnDate('2026-09-25', officer, defaultDistrictId, youngPersonId, listed(56));
    const item = itemFor((await earlyApplicationsOfDistrict(app, officer, defaultDistrictId)).body, youngPersonId);
    expect(item).toMatchObject({ applicationAgeReachedOn: '2026-11-20', connections: ['preferred'] });
  });
});

describe('birthdays that do not exist every year', () => {
  let districtId: string;
  let officer: GivenUser;
  beforeAll(async () => {
    await travelTo(app, '2025-06-01', adviser);
    districtId = (await givenOutOfAreaDistrict()).id;
    officer = await givenHousingOfficer(app, [districtId]);
  });

  it('when born on 29 February 2008, then 17½ is 29 August 2025 and the window first includes them on 4 July', async () => {
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-02-29' });
    await expectOnDate('2025-07-03', officer, districtId, id, NOT_LISTED);
    await expectOnDate('2025-07-04', officer, districtId, id, listed(56));
    await expectOnDate('2025-08-28', officer, districtId, id, listed(1));
    await expectOnDate('2025-08-29', officer, districtId, id, listed(0));
  });

  it('when the list is read at 23:30 and at 00:30 London time around 17½ (29 August 2025, BST), then the London date decides', async () => {
    await travelTo(app, '2025-08-28', adviser, officer);
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-02-29' });
    await travelTo(app, '2025-08-28T22:30:00.000Z', officer); // 23:30 BST on 28 August
    const before = (await earlyApplicationsOfDistrict(app, officer, districtId)).body;
    expect(before.asOf).toBe('2025-08-28');
    expect(itemFor(before, id)).toMatchObject({ urgent: false, daysUntilApplicationAge: 1 });
    app.clock.set('2025-08-28T23:30:00.000Z'); // 00:30 BST on 29 August, still the 28th in UTC
    const after = (await earlyApplicationsOfDistrict(app, officer, districtId)).body;
    expect(after.asOf).toBe('2025-08-29');
    expect(itemFor(after, id)).toMatchObject({ urgent: true, daysUntilApplicationAge: 0 });
  });

  it('when born on 31 August 2008, then 17½ is 1 March 2026 (February is short) and the window first includes them on 4 January', async () => {
    await travelTo(app, '2025-12-01', adviser);
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-08-31' });
    await expectOnDate('2026-01-03', officer, districtId, id, NOT_LISTED);
    await expectOnDate('2026-01-04', officer, districtId, id, listed(56));
    await expectOnDate('2026-02-28', officer, districtId, id, listed(1));
    await expectOnDate('2026-03-01', officer, districtId, id, listed(0));
  });
});

describe('past the application age with no application made', () => {
  it('when they are 24 and have never applied, then they are listed as urgent until the day before their 25th birthday', async () => {
    await travelTo(app, '2026-06-10', adviser);
    const districtId = (await givenOutOfAreaDistrict()).id;
    const officer = await givenHousingOfficer(app, [districtId]);
    const { id } = await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2001-06-16' });
    await expectOnDate('2026-06-15', officer, districtId, id, listed(daysBetween('2026-06-15', '2018-12-16')));
    await expectOnDate('2026-06-16', officer, districtId, id, NOT_LISTED);
  });
});

describe('custody: release within 12 weeks of the 18th birthday is urgent', () => {
  // Born 10 September 2008: 18 on 10 September 2026; 17½ on 10 March 2026. On 1 February 2026 they are in
  // the look-ahead window but not yet 17½, so only custody can make them urgent.
  let districtId: string;
  let officer: GivenUser;
  const inCustodyReleased = async (expectedReleaseDate: string) =>
    (await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-09-10', inCustody: true, expectedReleaseDate, accommodationCode: 'X2' })).id;
  beforeAll(async () => {
    await travelTo(app, '2026-02-01', adviser);
    districtId = (await givenOutOfAreaDistrict()).id;
    officer = await givenHousingOfficer(app, [districtId]);
  });

  it.each([
    ['2026-06-17', '85 days before the 18th birthday', false],
    ['2026-06-18', '84 days (12 weeks) before', true],
    ['2026-09-10', 'on the 18th birthday', true],
    ['2026-12-03', '84 days (12 weeks) after', true],
    ['2026-12-04', '85 days after', false],
  ] as const)('when the expected release is %s (%s), then urgent is %s', async (releaseDate, _what, urgent) => {
    await travelTo(app, '2026-02-01', adviser);
    const id = await inCustodyReleased(releaseDate);
    const item = itemFor((await earlyApplicationsOfDistrict(app, officer, districtId)).body, id);
    expect(item).toMatchObject({ urgent, urgentReasons: urgent ? ['custody_release_near_18th_birthday'] : [], custody: { inCustody: true, expectedReleaseDate: releaseDate }, daysUntilApplicationAge: 37 });
  });

  it('when one is urgent because of custody, then they come before others who reach the age sooner', async () => {
    await travelTo(app, '2026-02-01', adviser);
    const sooner = (await givenCareLeaver(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2008-09-01' })).id;
    const urgentId = await inCustodyReleased('2026-08-01');
    const ids = (await earlyApplicationsOfDistrict(app, officer, districtId)).body.items.map((item: { youngPerson: { id: string } }) => item.youngPerson.id);
    expect(ids.indexOf(urgentId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(urgentId)).toBeLessThan(ids.indexOf(sooner));
  });
});
