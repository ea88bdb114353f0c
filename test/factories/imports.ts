import http from 'node:http';
import type { Readable } from 'node:stream';
import { unique } from './index.js';
import type { TestApp } from '../setup/test-app.js';

export const YOUNG_PEOPLE_HEADER = ['source_child_id', 'first_name', 'last_name', 'date_of_birth', 'legal_category', 'care_status', 'activity_code', 'accommodation_code', 'pa_email', 'district_code', 'pathway_plan_review_date', 'last_contact_date'];

export type CsvRecord = Record<string, string>;

/** One young person as a case-management export would write them; unique child id and names per call. */
export function youngPersonRow(overrides: CsvRecord & { pa_email: string; district_code: string }): CsvRecord {
  return {
    source_child_id: unique('LL'),
    first_name: unique('Sam'),
    last_name: unique('Taylor'),
    date_of_birth: '2008-03-10',
    legal_category: 'former_relevant',
    care_status: 'care_leaver',
    activity_code: 'F5',
    accommodation_code: 'U1',
    pathway_plan_review_date: '2026-09-01',
    last_contact_date: '2026-06-01',
    ...overrides,
  };
}

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** A CSV file: the header (the given columns, in order) then one line per record. */
export function csvOf(header: string[], records: CsvRecord[]): string {
  return [header.join(','), ...records.map((record) => header.map((column) => quote(record[column] ?? '')).join(','))].join('\n') + '\n';
}

/** POSTs a CSV body as text/csv. */
export function postCsv(app: TestApp, path: string, auth: string, csv: string) {
  return app.http().post(path).set('authorization', auth).set('content-type', 'text/csv').send(csv);
}

/**
 * POSTs a body from a stream, chunk by chunk as the stream gives them, so a test can pause mid-upload.
 * Resolves with the status and parsed JSON body.
 */
export function postCsvStream(app: TestApp, path: string, auth: string, body: Readable): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    // Under /api, like app.http(): the JSON API moved there so pages own the other paths.
    const request = http.request(`${app.server.url}/api${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    body.pipe(request);
  });
}

export const OPPORTUNITY_HEADER = ['source_reference', 'kind', 'title', 'closing_date', 'places', 'district_code', 'provider_name', 'sector', 'level', 'start_date', 'weekly_hours', 'required_qualifications', 'description', 'duration_months', 'wage_type'];

/** One offer as a council or partner spreadsheet would list it; unique reference and title per call. */
export function opportunityRow(overrides: CsvRecord & { district_code: string }): CsvRecord {
  return {
    source_reference: unique('RF'),
    kind: 'ring_fenced_apprenticeship',
    title: unique('Business administration apprentice'),
    closing_date: '2026-07-31',
    places: '2',
    provider_name: 'County Council',
    sector: 'business_and_administration',
    level: '3',
    start_date: '2026-09-01',
    weekly_hours: '37',
    required_qualifications: 'Maths:2;English:2',
    // What GOV.UK requires of an apprenticeship: a 50-350 character description, a duration, a wage type.
    description: 'Answer the phone, keep records and support a busy council team while studying for a qualification.',
    duration_months: '18',
    wage_type: 'national_minimum_wage_for_apprentices',
    ...overrides,
  };
}
