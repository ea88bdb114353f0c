import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { OPPORTUNITY_HEADER, YOUNG_PEOPLE_HEADER, csvOf, opportunityRow, postCsv, youngPersonRow } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let admin: GivenUser;
let adviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
  adviser = await givenUser(app, 'personal_adviser', { team: 'north-team' });
  district = await givenDistrict();
});
afterAll(async () => app.close());

const HEADER = [...YOUNG_PEOPLE_HEADER, 'preferred_name', 'phone', 'in_custody'];
const row = (overrides: Record<string, string> = {}) => youngPersonRow({ pa_email: adviser.email, district_code: district.code, preferred_name: '', phone: '07700 900123', in_custody: 'false', ...overrides });
const storedBySourceIds = async (ids: string[]) => Object.fromEntries((await YoungPersonModel.find({ sourceSystemId: { $in: ids } }).lean()).map((record) => [record.sourceSystemId, record]));
const auditCount = () => AuditEntryModel.countDocuments({ resource: 'young_person' });

describe('re-importing rows that did not change', () => {
  it('when the same young people file is imported again, then nothing is written or audited; when one row changed, then only that row is', async () => {
    const rows = [row(), row({ accommodation_code: '', last_contact_date: '' }), row({ preferred_name: 'Ree' })];
    const ids = rows.map((r) => r.source_child_id!);
    const first = await postCsv(app, '/imports/young-people', admin.auth, csvOf(HEADER, rows));
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, appliedLines: [{ from: 2, to: 4 }] });
    const before = await storedBySourceIds(ids);
    const auditsBefore = await auditCount();

    app.clock.set('2026-06-15T10:00:00.000Z');
    const again = await postCsv(app, '/imports/young-people', admin.auth, csvOf(HEADER, rows));
    expect(again.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, rejected: 0, interrupted: false, appliedLines: [{ from: 2, to: 4 }] });
    const after = await storedBySourceIds(ids);
    for (const id of ids) expect(after[id]!.updatedAt).toEqual(before[id]!.updatedAt);
    expect(await auditCount()).toBe(auditsBefore);

    const changed = rows.map((r, index) => (index === 1 ? { ...r, last_name: 'Changed', accommodation_code: 'B1' } : r));
    const third = await postCsv(app, '/imports/young-people', admin.auth, csvOf(HEADER, changed));
    expect(third.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const final = await storedBySourceIds(ids);
    expect(final[ids[1]!]).toMatchObject({ lastName: 'Changed', accommodationCode: 'B1', updatedAt: new Date('2026-06-15T10:00:00.000Z') });
    expect(final[ids[0]!]!.updatedAt).toEqual(before[ids[0]!]!.updatedAt);
    const updates = await AuditEntryModel.find({ resource: 'young_person', action: 'update' }).lean();
    expect(updates.flatMap((entry) => entry.youngPersonIds.map(String))).toEqual([String(final[ids[1]!]!._id)]);
  });

  it('when an opportunities file is imported again unchanged, then nothing is written; a changed title is applied', async () => {
    const rows = [opportunityRow({ district_code: district.code }), opportunityRow({ district_code: district.code, required_qualifications: '' })];
    const refs = rows.map((r) => r.source_reference!);
    expect((await postCsv(app, '/imports/opportunities', admin.auth, csvOf(OPPORTUNITY_HEADER, rows))).body).toMatchObject({ created: 2 });
    const stored = async () => Object.fromEntries((await OpportunityModel.find({ sourceReference: { $in: refs } }).lean()).map((offer) => [offer.sourceReference, offer]));
    const before = await stored();
    app.clock.set('2026-06-15T11:00:00.000Z');
    expect((await postCsv(app, '/imports/opportunities', admin.auth, csvOf(OPPORTUNITY_HEADER, rows))).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await stored())[refs[0]!]!.updatedAt).toEqual(before[refs[0]!]!.updatedAt);
    const changed = [{ ...rows[0]!, title: 'Renamed apprenticeship' }, rows[1]!];
    expect((await postCsv(app, '/imports/opportunities', admin.auth, csvOf(OPPORTUNITY_HEADER, changed))).body).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await stored())[refs[0]!]).toMatchObject({ title: 'Renamed apprenticeship', updatedAt: new Date('2026-06-15T11:00:00.000Z') });
  });
});
