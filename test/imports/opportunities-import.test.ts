import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { givenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { OPPORTUNITY_HEADER, csvOf, opportunityRow, postCsv } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let admin: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => app.close());

const row = (overrides: Record<string, string> = {}) => opportunityRow({ district_code: district.code, ...overrides });
const importOffers = (csv: string, query = '') => postCsv(app, `/imports/opportunities${query}`, admin.auth, csv);
const storedByReference = (sourceReference: string) => OpportunityModel.find({ sourceReference }).lean();

describe("importing the council's ring-fenced apprenticeships and covenant partners' lists", () => {
  it('when a list has good rows and bad ones, then the good become offers and each bad row is reported with the offer rules', async () => {
    const good = row();
    const startsBeforeClosing = row({ start_date: '2026-07-01' });
    const unknownKind = row({ kind: 'internship' });
    const unknownDistrict = row({ district_code: 'nowhere' });
    const closedAlready = row({ closing_date: '2026-06-14' });

    const response = await importOffers(csvOf(OPPORTUNITY_HEADER, [good, startsBeforeClosing, unknownKind, unknownDistrict, closedAlready]), '?publish=true');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 5, created: 1, rejected: 4 });
    expect(response.body.rejectedRows.map((rejected: { line: number; errors: { column: string }[] }) => [rejected.line, rejected.errors[0]!.column])).toEqual([
      [3, 'start_date'],
      [4, 'kind'],
      [5, 'district_code'],
      [6, 'closing_date'],
    ]);
    const [offer] = await storedByReference(good.source_reference!);
    expect(offer).toMatchObject({ status: 'open', ringFenced: true, organisationId: null, level: 3, places: 2, placesFilled: 0, closedReason: null, requiredQualifications: [expect.objectContaining({ subjectKey: 'maths', level: 2 }), expect.objectContaining({ subjectKey: 'english', level: 2 })] });
    for (const bad of [startsBeforeClosing, unknownKind, unknownDistrict, closedAlready]) expect(await storedByReference(bad.source_reference!)).toHaveLength(0);
  });

  it('when the list is imported again with changes, then the same offers are updated and keep their status', async () => {
    const record = row();
    await importOffers(csvOf(OPPORTUNITY_HEADER, [record]));
    const again = await importOffers(csvOf(OPPORTUNITY_HEADER, [{ ...record, title: 'Renamed apprenticeship', places: '3' }]), '?publish=true');
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
    const stored = await storedByReference(record.source_reference!);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: 'Renamed apprenticeship', places: 3, status: 'draft' });
  });

  it("when a covenant partner's list is imported, then references are the partner's own, and a ring-fenced row is refused", async () => {
    const partner = await givenOrganisation(app, admin, district.id);
    const reference = row().source_reference!;
    const councilCopy = row({ source_reference: reference });
    await importOffers(csvOf(OPPORTUNITY_HEADER, [councilCopy]));

    const response = await importOffers(csvOf(OPPORTUNITY_HEADER, [row({ source_reference: reference, kind: 'apprenticeship', provider_name: '' }), row({ kind: 'ring_fenced_apprenticeship' })]), `?organisationId=${partner.id}`);

    expect(response.body).toMatchObject({ created: 1, updated: 0, rejected: 1 });
    expect(response.body.rejectedRows[0].errors[0]).toMatchObject({ column: 'kind', message: expect.stringContaining('ring-fenced') });
    const stored = await storedByReference(reference);
    expect(stored.map((offer) => [offer.organisationId ? String(offer.organisationId) : null, offer.providerName])).toEqual(expect.arrayContaining([[null, 'County Council'], [partner.id, partner.name]]));
  });

  it('when it is a dry run, then nothing is written', async () => {
    const record = row();
    const response = await importOffers(csvOf(OPPORTUNITY_HEADER, [record]), '?dryRun=true');
    expect(response.body).toMatchObject({ dryRun: true, created: 1 });
    expect(await storedByReference(record.source_reference!)).toHaveLength(0);
  });

  it('when a PA imports offers, then 403', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    expect((await postCsv(app, '/imports/opportunities', adviser.auth, csvOf(OPPORTUNITY_HEADER, [row()]))).status).toBe(403);
  });
});

describe('imports apply the same GOV.UK apprenticeship rules as the API', () => {
  it('when a row pays below the apprentice minimum, is too short, lacks a description or closes within 7 days of a published import, then each is refused at its column; desirable qualifications, skills and areas are read', async () => {
    const header = [...OPPORTUNITY_HEADER, 'yearly_wage_pounds', 'skills', 'areas'];
    const good = row({ required_qualifications: 'Maths:2;Art:3::desirable', skills: 'Filing; Phone manner', areas: 'education_employment_training; finance', wage_type: 'fixed', yearly_wage_pounds: '15392.00' });
    const lowWage = row({ wage_type: 'fixed', yearly_wage_pounds: '15391.99' });
    const tooShort = row({ duration_months: '7' });
    const noDescription = row({ description: '' });
    const closesSoon = row({ closing_date: '2026-06-21' });
    const response = await importOffers(csvOf(header, [good, lowWage, tooShort, noDescription, closesSoon]), '?publish=true');
    expect(response.body).toMatchObject({ rows: 5, created: 1, rejected: 4 });
    expect(response.body.rejectedRows.map((rejected: { line: number; errors: { column: string }[] }) => [rejected.line, rejected.errors[0]!.column])).toEqual([
      [3, 'yearly_wage_pounds'],
      [4, 'duration_months'],
      [5, 'description'],
      [6, 'closing_date'],
    ]);
    const [offer] = await storedByReference(good.source_reference!);
    expect(offer).toMatchObject({ skills: ['Filing', 'Phone manner'], areas: ['education_employment_training', 'finance'], requiredQualifications: [expect.objectContaining({ subjectKey: 'maths', importance: 'essential' }), expect.objectContaining({ level: 3, importance: 'desirable' })] });
  });
});
