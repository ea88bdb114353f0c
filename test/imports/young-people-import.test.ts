import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { YOUNG_PEOPLE_HEADER, csvOf, postCsv, youngPersonRow } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager', { team: 'north-team' });
  adviser = await givenUser(app, 'personal_adviser', { team: 'north-team' });
  district = await givenDistrict();
});
afterAll(async () => app.close());

const row = (overrides: Record<string, string> = {}) => youngPersonRow({ pa_email: adviser.email, district_code: district.code, ...overrides });
const importYoungPeople = (csv: string, query = '', as = manager) => postCsv(app, `/imports/young-people${query}`, as.auth, csv);
const storedBySourceId = (sourceSystemId: string) => YoungPersonModel.find({ sourceSystemId }).lean();

describe('importing young people from a case-management export', () => {
  it('when a file mixes good rows with a duplicate id, a bad date, an unknown code and an unknown PA, then good rows are applied and each bad row is reported by line', async () => {
    const good = [row(), row({ date_of_birth: '10/03/2008', activity_code: 'g5', accommodation_code: '', last_contact_date: '' })];
    const duplicate = row({ source_child_id: good[0]!.source_child_id! });
    const badDate = row({ date_of_birth: '2008-02-30' });
    const unknownCode = row({ activity_code: 'X9' });
    const unknownAdviser = row({ pa_email: 'nobody@example.test' });
    const unknownDistrict = row({ district_code: 'atlantis' });
    const csv = csvOf(YOUNG_PEOPLE_HEADER, [...good, duplicate, badDate, unknownCode, unknownAdviser, unknownDistrict]);

    const response = await importYoungPeople(csv);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: false, rows: 7, created: 2, updated: 0, rejected: 5, stoppedEarly: null });
    const rejections = response.body.rejectedRows as { line: number; errors: { column: string; message: string }[] }[];
    expect(rejections.map((rejection) => [rejection.line, rejection.errors.map((error) => error.column)])).toEqual([
      [4, ['source_child_id']],
      [5, ['date_of_birth']],
      [6, ['activity_code']],
      [7, ['pa_email']],
      [8, ['district_code']],
    ]);
    expect(rejections[0]!.errors[0]!.message).toContain('line 2');
    for (const bad of [badDate, unknownCode, unknownAdviser, unknownDistrict]) expect(await storedBySourceId(bad.source_child_id!)).toHaveLength(0);
    const [first] = await storedBySourceId(good[0]!.source_child_id!);
    expect(first).toMatchObject({ firstName: good[0]!.first_name, personalAdviserId: expect.anything(), team: 'north-team', activityCode: 'F5', accommodationCode: 'U1', archivedAt: null });
    const [second] = await storedBySourceId(good[1]!.source_child_id!);
    expect(second).toMatchObject({ dateOfBirth: '2008-03-10', activityCode: 'G5', accommodationCode: null, lastContactDate: null });
  });

  it('when a required column is missing, then the whole file is refused naming the column, and nothing is written', async () => {
    const record = row();
    const header = YOUNG_PEOPLE_HEADER.filter((column) => column !== 'pa_email');
    const response = await importYoungPeople(csvOf(header, [record]));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'pa_email', message: expect.stringContaining('missing') }]);
    expect(await storedBySourceId(record.source_child_id!)).toHaveLength(0);
  });

  it('when the file has a column this import does not know, then the whole file is refused naming it', async () => {
    const response = await importYoungPeople(csvOf([...YOUNG_PEOPLE_HEADER, 'favourite_colour'], [row({ favourite_colour: 'blue' })]));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('favourite_colour');
  });

  it('when next month\'s export is imported, then records are updated in place, not duplicated', async () => {
    const record = row({ activity_code: 'G5' });
    expect((await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [record]))).body).toMatchObject({ created: 1, updated: 0 });
    const [before] = await storedBySourceId(record.source_child_id!);

    const nextMonth = await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [{ ...record, activity_code: 'F4', last_contact_date: '2026-06-14' }]));

    expect(nextMonth.body).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    const after = await storedBySourceId(record.source_child_id!);
    expect(after).toHaveLength(1);
    expect(String(after[0]!._id)).toBe(String(before!._id));
    const read = await app.http().get(`/young-people/${String(before!._id)}`).set('authorization', adviser.auth);
    expect(read.body).toMatchObject({ activityCode: 'F4', lastContactDate: '2026-06-14' });
  });

  it('when a young person has chosen their interests and sharing, then a re-import leaves those choices alone', async () => {
    const record = row();
    await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [record]));
    const [stored] = await storedBySourceId(record.source_child_id!);
    await app.http().patch(`/young-people/${String(stored!._id)}`).set('authorization', adviser.auth).send({ interests: ['digital'], employerSharing: 'name_and_contact' }).expect(200);
    await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [record]));
    const [after] = await storedBySourceId(record.source_child_id!);
    expect(after).toMatchObject({ interests: ['digital'], employerSharing: 'name_and_contact' });
  });

  it('when it is a dry run, then the report counts what would happen and nothing changes', async () => {
    const existing = row({ activity_code: 'G5' });
    await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [existing]));
    const fresh = row();
    const auditEntriesBefore = await AuditEntryModel.countDocuments();

    const response = await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [{ ...existing, activity_code: 'F1' }, fresh, row({ date_of_birth: 'soon' })]), '?dryRun=true');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, rows: 3, created: 1, updated: 1, rejected: 1 });
    expect(await storedBySourceId(fresh.source_child_id!)).toHaveLength(0);
    expect((await storedBySourceId(existing.source_child_id!))[0]).toMatchObject({ activityCode: 'G5' });
    expect(await AuditEntryModel.countDocuments()).toBe(auditEntriesBefore);
  });

  it('when a date of birth makes the young person 14, then the row is refused with the API\'s own rule', async () => {
    const response = await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [row({ date_of_birth: '2011-06-16' }), row({ date_of_birth: '2011-06-15' })]));
    expect(response.body).toMatchObject({ created: 1, rejected: 1 });
    expect(response.body.rejectedRows[0]).toMatchObject({ line: 2, errors: [{ column: 'date_of_birth', message: expect.stringContaining('aged 15 to 26') }] });
  });

  it('when rows are imported, then the audit log records the creation and the update with the young people\'s ids', async () => {
    const record = row();
    await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [record]));
    await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [{ ...record, activity_code: 'F2' }]));
    const [stored] = await storedBySourceId(record.source_child_id!);
    const entries = await AuditEntryModel.find({ youngPersonIds: stored!._id }).sort({ _id: 1 }).lean();
    expect(entries.map((entry) => [entry.action, entry.via, String(entry.actorUserId)])).toEqual([
      ['create', 'POST /imports/young-people', manager.id],
      ['update', 'POST /imports/young-people', manager.id],
    ]);
  });
});

describe('who may import, and into which caseloads', () => {
  it('when a PA imports, then 403', async () => {
    expect((await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [row()]), '', adviser)).status).toBe(403);
  });

  it('when the body is not sent as text/csv, then 415', async () => {
    const response = await app.http().post('/imports/young-people').set('authorization', manager.auth).set('content-type', 'text/plain').send('source_child_id\nA1\n');
    expect(response.status).toBe(415);
  });

  it("when a manager imports a child on another team's caseload, then that row is refused and the record stays where it was", async () => {
    const otherManager = await givenUser(app, 'manager', { team: 'south-team' });
    const southAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const record = row({ pa_email: southAdviser.email });
    expect((await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [record]), '', otherManager)).body).toMatchObject({ created: 1 });

    const takeover = await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [{ ...record, pa_email: adviser.email, first_name: unique('Changed') }]));

    expect(takeover.body).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect(await storedBySourceId(record.source_child_id!)).toEqual([expect.objectContaining({ team: 'south-team', firstName: record.first_name })]);
  });

  it("when a manager names a PA in another team, then the row is refused", async () => {
    const southAdviser = await givenUser(app, 'personal_adviser', { team: 'south-team' });
    const response = await importYoungPeople(csvOf(YOUNG_PEOPLE_HEADER, [row({ pa_email: southAdviser.email })]));
    expect(response.body.rejectedRows[0].errors).toEqual([{ column: 'pa_email', message: expect.stringContaining('another team') }]);
  });
});
