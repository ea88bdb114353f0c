import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganisationModel } from '../../src/employers/organisations.model.js';
import { restoreCell } from '../../src/exports/csv-output.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenOpportunity } from '../factories/opportunities.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, errorSummaryOf, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';

// Today: Tuesday 15 September 2026. The manager's team has six care leavers in work and two NEET; another team one more.
let app: TestApp;
let manager: GivenUser;
let admin: GivenUser;
let managerBrowser: BrowserAgent;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-09-15T09:00:00Z' });
  districtId = (await givenDistrict({ name: 'Charnwood' })).id;
  manager = await givenUser(app, 'manager', { team: 'east-team' });
  admin = await givenUser(app, 'admin');
  const adviser = await givenUser(app, 'personal_adviser', { team: 'east-team', name: 'Pat Adviser' });
  const otherAdviser = await givenUser(app, 'personal_adviser', { team: 'west-team' });
  for (let index = 0; index < 6; index += 1) await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2006-02-10', activityCode: 'F5', lastContactDate: '2026-09-01' });
  for (let index = 0; index < 2; index += 1) await givenYoungPerson(app, adviser, { homeDistrictId: districtId, dateOfBirth: '2006-02-10', activityCode: 'G5', lastContactDate: '2026-09-01' });
  await givenYoungPerson(app, otherAdviser, { homeDistrictId: districtId, dateOfBirth: '2006-02-10', activityCode: 'F5' });
  // A signatory whose name a spreadsheet would run as a formula.
  const organisation = await OrganisationModel.create({ name: '=HYPERLINK("http://evil.example","Click")', sector: 'digital', size: 'small', address: { line1: '1 High St', town: 'Loughborough', postcode: 'LE11 1AA' }, districtId, contact: { name: 'Sam', email: 'sam@evil.example' }, covenant: { signedOn: '2026-01-01' }, status: 'approved' });
  await givenOpenOpportunity({ organisationId: String(organisation._id), closingDate: '2026-12-31', approvedAt: new Date('2026-05-01T09:00:00Z') });
  managerBrowser = await signedInBrowser(app, manager);
}, 120_000);
afterAll(async () => app.close());

describe('/figures', () => {
  it("when a manager opens the figures, then their team's tables show with definitions, the charts as accessible SVG, and CSV links", async () => {
    const page = await managerBrowser.get('/figures');
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    expect($('h1').text()).toBe('Figures');
    expect($('[data-qa="figures-scope"]').text()).toBe('1 April 2026 to 15 September 2026, team east-team, all districts');
    expect($('[data-qa="team-fixed"]').text()).toContain('east-team');
    expect($('[data-qa="team-filter"]').length).toBe(0);
    // Six in work, the other team's young person not counted (8, not 9). The 6 in F5 are all of those in EET, so F5
    // is hidden: shown, it would tell that every other EET code (each "fewer than 5") is 0. It is 5 or more, so it
    // reads "hidden", and the page says what that means.
    expect($('[data-qa="table-activity"] [data-qa="in_eet:now"]').text().trim()).toBe('6');
    expect($('[data-qa="table-activity"] [data-qa="F5:now"]').text().trim()).toBe('hidden');
    expect($('[data-qa="suppression-note"]').text()).toContain('shows as "hidden"');
    expect($('[data-qa="table-activity"] [data-qa="total:nowShare"]').text().trim()).toBe('not applicable');
    expect($('[data-qa="table-activity"] [data-qa="not_in_eet:now"]').text().trim()).toBe('fewer than 5');
    expect($('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('8');
    expect($('[data-qa="definition-activity"]').text()).toContain('SSDA903');
    for (const chart of ['funnel-chart', 'trend-chart']) {
      const svg = $(`svg[data-qa="${chart}"]`);
      expect(svg.attr('role')).toBe('img');
      expect(svg.find('title').text().length).toBeGreaterThan(5);
      expect(svg.find('desc').text().length).toBeGreaterThan(20);
    }
    expect($('[data-qa="csv-activity"]').attr('href')).toBe('/figures/activity.csv?from=2026-04-01&to=2026-09-15&team=east-team');
    // No referrals or applications: every month is hidden, so the trend's plot is empty; the page says that means fewer than 5, not none.
    expect($('[data-qa="chart-note-trend-chart"]').text()).toContain('a hidden number, not none');
    expect($('[data-qa="nav-figures"]').length).toBe(1);
  });

  it('when the manager changes the period with day, month and year, then the figures are for that period; an impossible date is a GOV.UK error', async () => {
    const page = await managerBrowser.get('/figures?from-day=1&from-month=6&from-year=2026&to-day=31&to-month=8&to-year=2026&districtId=');
    expect($of(page.text)('[data-qa="figures-scope"]').text()).toBe('1 June 2026 to 31 August 2026, team east-team, all districts');
    expect($of(page.text)('[data-qa="table-monthly-trend"] tbody tr').length).toBe(4); // June, July, August, the whole period
    const wrong = await managerBrowser.get('/figures?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026');
    expect(wrong.status).toBe(200);
    expect(errorSummaryOf(wrong.text)).toEqual(['Enter a real date for the start of the period, for example 1 4 2026']);
    const backwards = await managerBrowser.get('/figures?from-day=1&from-month=9&from-year=2026&to-day=1&to-month=6&to-year=2026');
    expect(errorSummaryOf(backwards.text)).toEqual(['Check the period: must be on or before the end of the period']);
  });

  it('when the district in the link is not one of the list, then the page says so and shows all districts, instead of empty figures labelled "all districts"', async () => {
    for (const districtIdValue of ['000000000000000000000000', 'not-an-id']) {
      const page = await managerBrowser.get(`/figures?from=2026-06-01&to=2026-08-31&districtId=${districtIdValue}`);
      expect(page.status).toBe(200);
      expect(errorSummaryOf(page.text), districtIdValue).toEqual(['Choose a home district from the list']);
      expect($of(page.text)('[data-qa="figures-scope"]').text()).toContain('all districts');
      expect($of(page.text)('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('8');
    }
  });

  it("when a manager asks for another team, then the page says they see their own team's only and shows their own; its CSV is refused", async () => {
    const page = await managerBrowser.get('/figures?team=west-team');
    expect(errorSummaryOf(page.text)).toEqual(["You can see the figures of your own team only, so these are team east-team's"]);
    expect($of(page.text)('[data-qa="figures-scope"]').text()).toContain('team east-team');
    expect($of(page.text)('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('8');
    const csv = await managerBrowser.get('/figures/activity.csv?team=west-team');
    expect(csv.status).toBe(403);
    expect(csv.headers['content-type']).toContain('text/html');
    expect($of(csv.text)('main').text()).toContain('Managers see the figures of their own team.');
    expect((await managerBrowser.get('/figures/activity.csv?team=east-team')).status).toBe(200);
  });

  it('when an admin asks for a team nobody works in, then the page says so and shows every team, not empty figures; the API refuses it, and a district that does not exist', async () => {
    const adminBrowser = await signedInBrowser(app, admin);
    const page = await adminBrowser.get('/figures?team=no-such-team');
    expect(errorSummaryOf(page.text)).toEqual(['Choose a team from the list']);
    expect($of(page.text)('[data-qa="figures-scope"]').text()).toContain('all teams');
    expect($of(page.text)('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('9');
    const team = await app.http().get('/reports/activity?team=no-such-team').set('authorization', admin.auth);
    expect(team.status).toBe(400);
    expect(team.body.errors[0].path).toBe('team');
    const district = await app.http().get('/reports/activity?districtId=000000000000000000000000').set('authorization', manager.auth);
    expect(district.status).toBe(400);
    expect(district.body.errors[0].path).toBe('districtId');
  });

  it('when an admin opens the figures, then they see every team and can choose one', async () => {
    const adminBrowser = await signedInBrowser(app, admin);
    const all = $of((await adminBrowser.get('/figures')).text);
    expect(all('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('9');
    expect(all('[data-qa="team-filter"] option').map((_i, option) => all(option).text()).get()).toEqual(['All teams', 'east-team', 'west-team']);
    const west = $of((await adminBrowser.get('/figures?team=west-team')).text);
    expect(west('[data-qa="table-activity"] [data-qa="total:now"]').text().trim()).toBe('fewer than 5');
  });

  it('when a personal adviser, an employer or a housing officer asks, then every figures page is not found', async () => {
    for (const role of ['personal_adviser', 'employer', 'housing_officer'] as const) {
      const user = await givenUser(app, role, role === 'housing_officer' ? { districtIds: [districtId] } : {});
      const agent = await signedInBrowser(app, user);
      for (const path of ['/figures', '/figures/board-report', '/figures/activity.csv']) {
        const response = await agent.get(path);
        expect(response.status, `${role} ${path}`).toBe(404);
        expect($of(response.text)('[data-qa="not-found"]').length).toBe(1);
      }
    }
  });
});

describe('/figures/<table>.csv', () => {
  it('when a table is downloaded, then it has the column headings, the suppressed cells say so, and a formula-like name is made safe', async () => {
    const csv = await managerBrowser.get('/figures/activity.csv?from=2026-06-01&to=2026-08-31');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="activity-2026-06-01-to-2026-08-31.csv"');
    const rows = parse(csv.text) as string[][];
    expect(rows[0]).toEqual(['Activity (SSDA903 code)', 'Now', 'Share now', 'At last birthday', 'Share at last birthday']);
    expect(rows.find((row) => row[0] === 'In education, employment or training')!.slice(1, 2)).toEqual(['6']);
    expect(rows.find((row) => row[0]!.startsWith('F5:'))![1]).toBe('hidden');
    expect(rows.find((row) => row[0]!.startsWith('G5:'))![1]).toBe('fewer than 5');
    expect(rows.find((row) => row[0] === 'All care leavers in the cohort')!.slice(1, 3)).toEqual(['8', 'not applicable']);
    // After the figures, what they are: the table, its scope and its definition, as on the page.
    const about = Object.fromEntries(rows.slice(rows.findIndex((row) => row.every((cell) => cell === '')) + 1).map((row) => [row[0], row[1]]));
    expect(about.Table).toBe('Care leavers by education, employment or training (SSDA903 activity)');
    expect(about.Scope).toBe('1 June 2026 to 31 August 2026, team east-team, all districts');
    expect(about.Definition).toContain('SSDA903 activity code');
    expect(about['Small numbers']).toContain('fewer than 5');
    expect(about['Small numbers']).toContain('"hidden"');
    const adminBrowser = await signedInBrowser(app, admin);
    const signatories = parse((await adminBrowser.get('/figures/covenant-signatories.csv?from=2026-06-01&to=2026-08-31')).text) as string[][];
    expect(signatories[0]).toEqual(['Organisation', 'Offers open', 'Referrals', 'Starts']);
    expect(signatories[1]).toEqual(['\'=HYPERLINK("http://evil.example","Click")', '1', 'fewer than 5', 'fewer than 5']);
  });
});

describe('the page, the API and the CSVs', () => {
  it('when the same period is read three ways, then every cell of every table agrees, each with its definition, and no count of 1 to 4 appears in any', async () => {
    const query = 'from=2026-06-01&to=2026-09-15';
    const api = await app.http().get(`/reports/board?${query}`).set('authorization', manager.auth);
    expect(api.status).toBe(200);
    const $ = $of((await managerBrowser.get(`/figures?${query}`)).text);
    const board = $of((await managerBrowser.get(`/figures/board-report?${query}`)).text);
    type Table = { id: string; definition: string; columns: { key: string; kind: string }[]; rows: { key: string; values: Record<string, unknown>; display: Record<string, string> }[] };
    for (const table of api.body.tables as Table[]) {
      expect($(`[data-qa="definition-${table.id}"]`).text()).toContain(table.definition);
      expect(board(`[data-qa="definition-${table.id}"]`).text()).toContain(table.definition);
      const csv = parse((await managerBrowser.get(`/figures/${table.id}.csv?${query}`)).text) as string[][];
      expect(csv.find((line) => line[0] === 'Definition')?.[1], table.id).toBe(table.definition);
      for (const [index, row] of table.rows.entries()) {
        for (const [column, { key, kind }] of table.columns.entries()) {
          const cell = `${table.id} ${row.key}:${key}`;
          expect($(`[data-qa="table-${table.id}"] [data-qa="${row.key}:${key}"]`).text().trim(), cell).toBe(row.display[key]);
          expect(board(`[data-qa="table-${table.id}"] [data-qa="${row.key}:${key}"]`).text().trim(), cell).toBe(row.display[key]);
          expect(restoreCell(csv[index + 1]![column]!), cell).toBe(String(row.values[key] ?? row.display[key])); // a formula-like name is made safe
          if (kind === 'people' && typeof row.values[key] === 'number') expect(row.values[key] as number, cell).not.toBeOneOf([1, 2, 3, 4]);
        }
      }
    }
  });
});

describe('/figures/targets', () => {
  it('when an admin sets the ring-fenced target for a council year from the page, then the figures measure places filled against it; a mistake is a GOV.UK error', async () => {
    const adminBrowser = await signedInBrowser(app, admin);
    const figures = $of((await adminBrowser.get('/figures')).text);
    expect(figures('[data-qa="figure-ring-fenced-places"] [data-qa="set-target"]').attr('href')).toBe('/figures/targets');
    expect(figures('[data-qa="table-ring-fenced-places"] [data-qa="2026:target"]').text().trim()).toBe('not recorded');
    const empty = await submitForm(adminBrowser, '/figures/targets', '/figures/targets', { councilYear: '2026', ringFencedApprenticeshipPlaces: 'six' });
    expect(empty.status).toBe(303);
    const withErrors = await adminBrowser.get('/figures/targets');
    expect(errorSummaryOf(withErrors.text)).toEqual(['Enter the number of ring-fenced apprenticeship places, a whole number from 0 to 10,000']);
    expect($of(withErrors.text)('[data-qa="target-places"]').val()).toBe('six');
    const saved = await submitForm(adminBrowser, '/figures/targets', '/figures/targets', { councilYear: '2026', ringFencedApprenticeshipPlaces: '6' });
    expect(saved.headers.location).toBe('/figures/targets');
    const after = $of((await adminBrowser.get('/figures/targets')).text);
    expect(after('[data-qa="confirmation"]').text()).toContain('Target for April 2026 to March 2027 saved: 6 ring-fenced apprenticeship places.');
    expect(after('[data-qa="target-2026"]').text().trim()).toBe('6');
    const measured = $of((await adminBrowser.get('/figures')).text);
    expect(measured('[data-qa="table-ring-fenced-places"] [data-qa="2026:target"]').text().trim()).toBe('6');
  });

  it('when a manager looks for the targets page, then it is not found, and their figures have no link to it', async () => {
    expect((await managerBrowser.get('/figures/targets')).status).toBe(404);
    expect($of((await managerBrowser.get('/figures')).text)('[data-qa="set-target"]').length).toBe(0);
  });
});

describe('/figures/board-report', () => {
  it('when the board report is asked for an impossible period, then a GOV.UK error summary says so above the default period, instead of silently changing it', async () => {
    const page = await managerBrowser.get('/figures/board-report?from=2026-02-30&to=2026-08-31');
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    expect(errorSummaryOf(page.text)).toHaveLength(1);
    expect(errorSummaryOf(page.text)[0]).toContain('This report is for the period below instead');
    expect($('title').text()).toMatch(/^Error: /);
    expect($('[data-qa="board-scope"]').text()).toBe('1 April 2026 to 15 September 2026, team east-team, all districts');
    const otherTeam = await managerBrowser.get('/figures/board-report?team=west-team');
    expect(errorSummaryOf(otherTeam.text)).toEqual(["You can see the figures of your own team only, so these are team east-team's"]);
    expect($of(otherTeam.text)('[data-qa="board-scope"]').text()).toContain('team east-team');
  });

  it('when a manager opens the board report, then it has one printable section per area, each table with its definition, and no health placeholder', async () => {
    const page = await managerBrowser.get('/figures/board-report?from=2026-06-01&to=2026-08-31');
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    expect($('link[href="/assets/app/figures.css"]').length).toBe(1);
    expect($('[data-qa="board-scope"]').text()).toBe('1 June 2026 to 31 August 2026, team east-team, all districts');
    expect($('section.app-board-area').map((_i, section) => $(section).attr('data-qa')).get()).toEqual(['board-cover', 'board-area-eet', 'board-area-housing', 'board-area-covenant', 'board-area-keeping_in_touch', 'board-area-reminders']);
    expect($('[data-qa^="definition-"]').length).toBe(12);
    expect($('[data-qa="board-area-covenant"] svg[data-qa="funnel-chart"]').length).toBe(1);
    expect($('[data-qa="board-area-housing"] [data-qa="table-housing-application-age"]').length).toBe(1);
    expect($('[data-qa="board-area-covenant"] [data-qa="note-bursaries-incentives"]').text()).toContain('Bursary payments are not recorded');
    expect(page.text).not.toMatch(/[Hh]ealth placeholder/);
    expect($('[data-qa^="csv-"]').length).toBe(0);
    expect(errorSummaryOf(page.text)).toEqual([]);
    const css = await managerBrowser.get('/assets/app/figures.css');
    expect(css.text).toContain('break-before: page');
    expect(css.text).toContain('@media print');
  });
});
