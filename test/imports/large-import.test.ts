import { PassThrough, Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import { givenDistrict, givenUser, unique, type GivenUser } from '../factories/index.js';
import { YOUNG_PEOPLE_HEADER, csvOf, postCsvStream, youngPersonRow } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let admin: GivenUser;
let adviser: GivenUser;
let district: { id: string; code: string };

beforeAll(async () => {
  // The matching indexes hold every young person in memory by design (about 3.6 KB each); this file measures what the import itself keeps.
  app = await startTestApp({ config: { MATCHING_INDEX_ENABLED: 'false' } });
  admin = await givenUser(app, 'admin');
  adviser = await givenUser(app, 'personal_adviser');
  district = await givenDistrict();
});
afterAll(async () => app.close());

/** A file of `count` rows whose child ids start with `prefix`, generated line by line (never whole in memory). */
function* csvLines(prefix: string, count: number): Generator<string> {
  yield `${YOUNG_PEOPLE_HEADER.join(',')}\n`;
  for (let index = 0; index < count; index += 1) {
    const row = youngPersonRow({ pa_email: adviser.email, district_code: district.code, source_child_id: `${prefix}-${index}` });
    yield `${csvOf(YOUNG_PEOPLE_HEADER, [row]).split('\n')[1]}\n`;
  }
}

const MB = 1024 * 1024;
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap in use once garbage is collected: what the process really holds on to. */
function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const countWithPrefix = (prefix: string) => YoungPersonModel.countDocuments({ sourceSystemId: { $regex: `^${prefix}-` } });

describe('large imports are streamed', () => {
  it('when the first rows have arrived but the upload has not finished, then those rows are already written (the body is not buffered)', async () => {
    const prefix = unique('STREAM');
    const lines = [...csvLines(prefix, 1200)];
    const upload = new PassThrough();
    const response = postCsvStream(app, '/imports/young-people', admin.auth, upload);
    upload.write(lines.slice(0, 700).join(''));

    // The first batch (500 rows) must land while the rest of the file is still to come.
    const deadline = Date.now() + 20_000;
    while ((await countWithPrefix(prefix)) < 500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await countWithPrefix(prefix)).toBeGreaterThanOrEqual(500);

    upload.end(lines.slice(700).join(''));
    const { status, body } = await response;
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 1200, created: 1200, rejected: 0 });
  });

  it('when 10,000 rows are imported in one call, then all are created and the heap holds on to almost nothing of them', async () => {
    const prefix = unique('BULK');
    const baseline = heapAfterCollection();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const started = Date.now();

    const { status, body } = await postCsvStream(app, '/imports/young-people', admin.auth, Readable.from(csvLines(prefix, 10_000)));

    clearInterval(sampler);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 10_000, created: 10_000, updated: 0, rejected: 0 });
    expect(await countWithPrefix(prefix)).toBe(10_000);
    // Generous bounds. Retained: the import keeps only ids and counts (about 1 MB for 10,000 rows).
    // Peak: garbage collects lazily, so this only catches something gross such as many copies of the file.
    expect((heapAfterCollection() - baseline) / MB).toBeLessThan(16);
    expect((peak - baseline) / MB).toBeLessThan(256);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);
});
