import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenCareLeaver, givenHousingOfficer, morningOf } from '../factories/housing.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// 2 June 2026, on a list like the demo's Charnwood: many urgent people there only through a local connection
// (under 21, in the council's area), a few who want to live there, and one leaving custody near 18.
const TODAY = '2026-06-02';

let app: TestApp;
let adviser: GivenUser;
let officer: GivenUser;
let charnwood: { id: string; name: string };
const ids = {} as Record<'custody' | 'wantsLongest' | 'wantsRecent' | 'wantsSixWeeks' | 'localOldest' | 'localMiddle' | 'localYoungest' | 'upcoming', string>;

beforeAll(async () => {
  app = await startTestApp({ now: morningOf(TODAY) });
  adviser = await givenUser(app, 'personal_adviser');
  charnwood = await givenDistrict({ name: 'Charnwood', withinCouncilArea: true });
  const elsewhere = (await givenDistrict({ withinCouncilArea: true })).id;
  officer = await givenHousingOfficer(app, [charnwood.id]);
  const person = async (overrides: Record<string, unknown>) => (await givenCareLeaver(app, adviser, { homeDistrictId: elsewhere, shareWithHousing: true, ...overrides })).id;

  // Local connection only: could apply years ago, so on waiting time alone they would come first.
  ids.localOldest = await person({ dateOfBirth: '2005-09-01' }); // 17½ on 1 March 2023
  ids.localMiddle = await person({ dateOfBirth: '2006-04-15' }); // 17½ on 15 October 2023
  ids.localYoungest = await person({ dateOfBirth: '2007-02-10' }); // 17½ on 10 August 2024
  // Want to live in Charnwood and are past 17½.
  ids.wantsLongest = await person({ homeDistrictId: charnwood.id, dateOfBirth: '2007-03-10' }); // 17½ on 10 September 2024
  ids.wantsRecent = await person({ preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-01-10' }); // 17½ on 10 July 2025
  ids.wantsSixWeeks = await person({ preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-10-21' }); // 17½ on 21 April 2026
  // Leaving custody on 4 July 2026, 4 weeks before their 18th birthday (1 August 2026); 17½ on 1 February 2026.
  ids.custody = await person({ preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-08-01', careStatus: 'in_care', legalCategory: 'eligible', inCustody: true, expectedReleaseDate: '2026-07-04', accommodationCode: 'X2' });
  // Not yet 17½: reaches it on 20 June 2026, inside the 8-week look-ahead.
  ids.upcoming = await person({ homeDistrictId: charnwood.id, dateOfBirth: '2008-12-20' });
});
afterAll(async () => app.close());

const districtList = (query: Record<string, string>) => app.http().get(`/districts/${charnwood.id}/early-applications`).query(query).set('authorization', officer.auth);
type Item = { youngPerson: { id: string }; district: { id: string }; connection: string; reasons: string[]; urgent: boolean };
const listOf = async (query: Record<string, string> = {}) => {
  const response = await districtList(query);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as Item[];
};
const order = (items: Item[]) => items.map((item) => Object.entries(ids).find(([, id]) => id === item.youngPerson.id)?.[0] ?? 'someone else');
const entryOf = (items: Item[], id: string) => items.find((item) => item.youngPerson.id === id)!;

describe("a district's early-application list, ordered by need", () => {
  it('when several urgent people are there only through a local connection and one is leaving custody near 18, then the custody case is first', async () => {
    const items = await listOf();
    expect(order(items)).toEqual(['custody', 'wantsLongest', 'wantsRecent', 'wantsSixWeeks', 'localOldest', 'localMiddle', 'localYoungest', 'upcoming']);
    expect(items.slice(0, 7).every((item) => item.urgent)).toBe(true);
  });

  it('when the list is read, then each entry says in words why the person is on it', async () => {
    const items = await listOf();
    expect(entryOf(items, ids.custody).reasons).toEqual(['Leaves custody on 4 July 2026, 4 weeks before turning 18', 'Could apply from 1 February 2026 (waiting 4 months)', 'Wants to live in Charnwood']);
    expect(entryOf(items, ids.wantsLongest).reasons).toEqual(['Could apply from 10 September 2024 (waiting 1 year and 8 months)', 'Lives in Charnwood']);
    expect(entryOf(items, ids.wantsSixWeeks).reasons).toEqual(['Could apply from 21 April 2026 (waiting 6 weeks)', 'Wants to live in Charnwood']);
    expect(entryOf(items, ids.localOldest).reasons).toEqual(["Could apply from 1 March 2023 (waiting 3 years and 3 months)", "Has a local connection with Charnwood (under 21 and looked after by this council)"]);
    expect(entryOf(items, ids.upcoming).reasons).toEqual(['Can apply from 20 June 2026 (in 2 weeks and 4 days)', 'Lives in Charnwood']);
  });

  it('when filtered by connection, then "wants to live here" and "local connection only" are shown apart, each in the same order', async () => {
    const wants = await listOf({ connection: 'wants-to-live-here' });
    expect(order(wants)).toEqual(['custody', 'wantsLongest', 'wantsRecent', 'wantsSixWeeks', 'upcoming']);
    expect(wants.every((item) => item.connection === 'wants_to_live_here')).toBe(true);
    const localOnly = await listOf({ connection: 'local-connection-only' });
    expect(order(localOnly)).toEqual(['localOldest', 'localMiddle', 'localYoungest']);
    expect(localOnly.every((item) => item.connection === 'local_connection_only')).toBe(true);
  });

  it('when someone lives in a district but named another, then the district they live in lists them only through a local connection, and one outside the area not at all', async () => {
    const outOfArea = await givenDistrict({ withinCouncilArea: false });
    const outOfAreaOfficer = await givenHousingOfficer(app, [outOfArea.id]);
    const inArea = (await givenCareLeaver(app, adviser, { homeDistrictId: charnwood.id, preferredDistrictIds: [outOfArea.id], dateOfBirth: '2008-01-20', shareWithHousing: true })).id;
    const outside = (await givenCareLeaver(app, adviser, { homeDistrictId: outOfArea.id, preferredDistrictIds: [charnwood.id], dateOfBirth: '2008-01-20', shareWithHousing: true })).id;
    const charnwoodEntry = entryOf(await listOf(), inArea);
    expect(charnwoodEntry).toMatchObject({ connection: 'local_connection_only', connections: ['home', 'local_connection'] });
    expect(charnwoodEntry.reasons).toContain('Lives in Charnwood but wants to live elsewhere');
    const view = await app.http().get(`/housing/young-people/${inArea}`).set('authorization', officer.auth);
    expect(view.body.districts).toEqual([{ districtId: charnwood.id, districtName: 'Charnwood', wantsToLiveThere: false, localConnection: true }]);
    const outOfAreaList = (await app.http().get(`/districts/${outOfArea.id}/early-applications`).set('authorization', outOfAreaOfficer.auth)).body.items as Item[];
    expect(outOfAreaList.map((item) => item.youngPerson.id)).toContain(inArea);
    expect(outOfAreaList.map((item) => item.youngPerson.id)).not.toContain(outside);
  });

  it('when the connection filter is not one of the two, then 400 naming the parameter', async () => {
    const response = await districtList({ connection: 'nearby' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('connection');
  });

  it("when the PA reads their own caseload's list, then the custody case is first there too", async () => {
    const response = await app.http().get('/personal-advisers/me/early-applications').set('authorization', adviser.auth);
    expect(response.status).toBe(200);
    const items = response.body.items as Item[];
    expect(items[0]!.youngPerson.id).toBe(ids.custody);
    expect(items[0]!.reasons[0]).toBe('Leaves custody on 4 July 2026, 4 weeks before turning 18');
    // Local connections are not on a PA's list: everyone there lives or wants to live in the district.
    expect(items.every((item) => item.connection === 'wants_to_live_here')).toBe(true);
  });
});
