/**
 * Re-import speed: a case-management export of ROWS young people imported once (all new), then again with
 * nothing changed (the monthly re-import), then again with every 100th row changed. Times are measured in one
 * run on the embedded database (FerretDB here) or BENCH_MONGODB_URI; the last line is one JSON object.
 * Usage: npm run bench:imports [-- 5000]
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { DistrictModel } from '../../src/districts/districts.model.js';
import { importYoungPeople } from '../../src/imports/young-people.import.js';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/lib/database.js';
import { startEmbeddedDatabase } from '../../src/lib/embedded-database.js';
import { UserModel } from '../../src/users/users.model.js';

const ROWS = Number(process.argv[2] ?? 5_000);
const ADVISERS = 25;
const HEADER = ['source_child_id', 'first_name', 'last_name', 'date_of_birth', 'legal_category', 'care_status', 'activity_code', 'accommodation_code', 'pa_email', 'district_code', 'pathway_plan_review_date', 'last_contact_date', 'preferred_name', 'email', 'phone', 'in_custody', 'expected_release_date'];

const pad = (n: number) => String(n).padStart(2, '0');
function row(i: number, changed: boolean): string[] {
  return [`CHILD-${i}`, changed ? `Changed${i}` : `First${i}`, `Last${i}`, `2007-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`, 'former_relevant', 'care_leaver', 'F5', 'U1', `pa${i % ADVISERS}@bench.test`, 'bench-district', '2026-09-01', '2026-06-01', i % 3 ? '' : `Pref${i}`, `child${i}@bench.test`, '07700 900000', 'false', ''];
}
const csv = (changedEvery: number) => [HEADER.join(','), ...Array.from({ length: ROWS }, (_, i) => row(i, changedEvery > 0 && i % changedEvery === 0).join(','))].join('\n') + '\n';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const embedded = process.env.BENCH_MONGODB_URI ? undefined : await startEmbeddedDatabase({ log: (message) => console.error(`[bench database] ${message}`) });
await connectDatabase(process.env.BENCH_MONGODB_URI ?? embedded!.uri, `bench_imports_${randomBytes(4).toString('hex')}`);
await ensureIndexes();
try {
  const admin = await UserModel.create({ email: 'admin@bench.test', name: 'Bench Admin', role: 'admin' });
  await UserModel.insertMany(Array.from({ length: ADVISERS }, (_, i) => ({ email: `pa${i}@bench.test`, name: `PA ${i}`, role: 'personal_adviser', team: 'bench-team' })));
  await DistrictModel.create({ code: 'bench-district', name: 'Bench District', latitude: 52.6, longitude: -1.1 });
  const context = { actor: { userId: String(admin._id), role: 'admin' as const, name: 'Bench Admin', team: null, districtIds: [], organisationId: null }, now: new Date('2026-06-15T09:00:00Z'), requestId: 'bench' };
  const run = (text: string) => importYoungPeople(context, Readable.from([text]), { dryRun: false, via: 'bench' });

  const [first, firstMs] = await timed(() => run(csv(0)));
  console.error(`first import: ${first.created} created, ${first.rejected} rejected in ${(firstMs / 1000).toFixed(1)} s`);
  const [again, unchangedMs] = await timed(() => run(csv(0)));
  console.error(`unchanged re-import: ${again.updated} updated, ${(again as { unchanged?: number }).unchanged ?? '-'} unchanged in ${(unchangedMs / 1000).toFixed(1)} s`);
  const [hundredth, hundredthMs] = await timed(() => run(csv(100)));
  console.error(`re-import with every 100th row changed: ${hundredth.updated} updated in ${(hundredthMs / 1000).toFixed(1)} s`);
  console.log(JSON.stringify({
    database: embedded?.kind ?? 'external',
    rows: ROWS,
    firstImportSeconds: Number((firstMs / 1000).toFixed(2)),
    unchangedReimportSeconds: Number((unchangedMs / 1000).toFixed(2)),
    hundredthChangedReimportSeconds: Number((hundredthMs / 1000).toFixed(2)),
    unchangedRowsPerSecond: Math.round(ROWS / (unchangedMs / 1000)),
    unchangedToFirstRatio: Number((unchangedMs / firstMs).toFixed(3)),
  }));
} finally {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDatabase();
  await embedded?.stop();
}
