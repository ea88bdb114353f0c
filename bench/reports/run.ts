/**
 * npm run bench:reports
 * The Corporate Parenting Board's full report (every table, for a council year so far, all teams) over 100,000
 * young people and their referrals, applications, offers, reminders and emails, timed against ONE plain read of
 * the same collections in the same run: streaming every document of each, with no filter and no projection. The
 * report cannot be faster than reading what it needs once; the ratio says how close it gets.
 * Seeded with insertMany in large batches straight into the database. Prints a table, then ONE JSON line last.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/lib/database.js';
import { addDays, type LocalDate } from '../../src/lib/dates.js';
import { startEmbeddedDatabase } from '../../src/lib/embedded-database.js';
import { boardReport } from '../../src/reports/figures.service.js';
import { ACCOMMODATION_CODE_VALUES, ACTIVITY_CODE_VALUES } from '../../src/young-people/ssda903.js';
import { COVENANT_AREAS } from '../../src/opportunities/covenant-areas.js';
import { REMINDER_RULES } from '../../src/reminders/reminder.types.js';
import type { Actor } from '../../src/users/roles.js';
import { Random } from '../matching/synthetic-data.js';

const YOUNG_PEOPLE = Number(process.env.BENCH_YOUNG_PEOPLE ?? 100_000);
const REFERRALS = Math.round(YOUNG_PEOPLE * 0.4);
const APPLICATIONS = Math.round(YOUNG_PEOPLE * 0.2);
const REMINDERS = YOUNG_PEOPLE;
const EMAILS = Math.round(YOUNG_PEOPLE * 0.2);
const AUDIT_UPDATES = Math.round(YOUNG_PEOPLE * 0.5);
const DISTRICTS = 40;
const ORGANISATIONS = 1_000;
const OFFERS = 4_000;
const CASELOAD = 25;
const BATCH = 5_000;
const CURSOR_BATCH = Number(process.env.BENCH_CURSOR_BATCH ?? 0) || undefined;
const TODAY = '2026-09-15';
const NOW = new Date(`${TODAY}T09:00:00Z`);
const COLLECTIONS = ['young_people', 'referrals', 'housing_applications', 'opportunities', 'organisations', 'notifications', 'mail_outbox', 'mail_sent', 'audit_log', 'districts', 'users', 'council_targets'];
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const oid = () => new mongoose.Types.ObjectId();

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function insertInBatches(db: mongoose.mongo.Db, name: string, count: number, make: (index: number) => Record<string, unknown>): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const documents = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => make(start + offset));
    await db.collection(name).insertMany(documents, { ordered: false });
  }
}

const day = (random: Random, from: LocalDate, spanDays: number) => addDays(from, random.int(0, spanDays));

async function seed(db: mongoose.mongo.Db): Promise<void> {
  const random = new Random(20_260_915);
  const districts = Array.from({ length: DISTRICTS }, (_, index) => ({ _id: oid(), code: `d${index}`, name: `District ${index}`, applicationAgeYears: 17, applicationAgeMonths: index % 5 === 0 ? 0 : 6, latitude: 52, longitude: -1 }));
  await db.collection('districts').insertMany(districts);
  const teams = Array.from({ length: 40 }, (_, index) => `team-${index}`);
  const advisers = Array.from({ length: Math.ceil(YOUNG_PEOPLE / CASELOAD) }, (_, index) => ({ _id: oid(), email: `pa${index}@bench.test`, name: `Adviser ${index}`, role: 'personal_adviser', team: teams[index % teams.length], active: true, passwordHash: 'x' }));
  await db.collection('users').insertMany(advisers);
  await db.collection('council_targets').insertOne({ councilYear: 2026, ringFencedApprenticeshipPlaces: 120, updatedByUserId: oid() });
  const organisations = Array.from({ length: ORGANISATIONS }, (_, index) => ({ _id: oid(), name: `Signatory ${index}`, status: 'approved' }));
  await db.collection('organisations').insertMany(organisations);
  const offers = Array.from({ length: OFFERS }, (_, index) => {
    const ringFenced = index % 10 === 0;
    return {
      _id: oid(), kind: ringFenced ? 'ring_fenced_apprenticeship' : 'apprenticeship', title: `Offer ${index}`, ringFenced, organisationId: ringFenced ? null : organisations[index % ORGANISATIONS]!._id,
      areas: [COVENANT_AREAS[index % COVENANT_AREAS.length]], status: random.pick(['open', 'open', 'closed', 'filled']), places: random.int(1, 5), districtId: districts[index % DISTRICTS]!._id,
      approvedAt: new Date(`${day(random, '2025-10-01', 300)}T10:00:00Z`), createdAt: NOW, statusChangedAt: new Date(`${day(random, '2026-06-01', 100)}T10:00:00Z`), closingDate: day(random, '2026-06-01', 200),
    };
  });
  await db.collection('opportunities').insertMany(offers);

  const people: { _id: mongoose.Types.ObjectId; team: string }[] = [];
  await insertInBatches(db, 'young_people', YOUNG_PEOPLE, (index) => {
    const adviser = advisers[Math.floor(index / CASELOAD)]!;
    const inCustody = index % 200 === 0;
    const person = {
      _id: oid(), sourceSystemId: `B-${index}`, firstName: `Young${index}`, lastName: 'Person', dateOfBirth: day(random, '2001-01-01', 365 * 9), careStatus: random.chance(0.7) ? 'care_leaver' : 'in_care', legalCategory: 'former_relevant',
      personalAdviserId: adviser._id, team: adviser.team, homeDistrictId: districts[index % DISTRICTS]!._id, activityCode: random.chance(0.9) ? random.pick(ACTIVITY_CODE_VALUES) : null,
      accommodationCode: random.chance(0.9) ? random.pick(ACCOMMODATION_CODE_VALUES) : null, inCustody, expectedReleaseDate: inCustody ? day(random, '2026-04-01', 300) : null,
      pathwayPlanReviewDate: day(random, '2026-03-01', 365), lastContactDate: day(random, '2026-03-01', 190), interests: ['digital'], qualifications: [], careHistoryNotes: 'Not read by the report.', archivedAt: null, createdAt: new Date('2025-01-01T00:00:00Z'),
    };
    people.push({ _id: person._id, team: String(person.team) });
    return person;
  });
  const stages = ['referred', 'informal_meeting', 'work_trial', 'offered', 'started', 'sustained'];
  await insertInBatches(db, 'referrals', REFERRALS, (index) => {
    // 37 shares no factor with 10^n: distinct young people, so (young person, offer) stays unique as the index is.
    const person = people[(index * 37) % people.length]!;
    const offer = offers[index % OFFERS]!;
    const reached = random.int(1, stages.length);
    let date = day(random, '2026-01-01', 240);
    const history = stages.slice(0, reached).map((stage) => {
      date = addDays(date, random.int(1, 20));
      return { stage, at: new Date(`${date}T10:00:00Z`), byUserId: oid(), byRole: 'personal_adviser', eventDate: date, reason: null };
    });
    const started = reached >= 5;
    return {
      youngPersonId: person._id, opportunityId: offer._id, organisationId: offer.organisationId, personalAdviserId: oid(), team: person.team, referralCode: `R-${index}`, stage: stages[reached - 1], history, lastMovedAt: history.at(-1)!.at,
      note: 'Not read by the report.', bursaryAmountPence: started ? 300_000 : null, employerIncentiveStatus: started ? random.pick(['due', 'claimed', 'not_due']) : null, employerIncentiveAmountPence: started ? 100_000 : null, createdAt: history[0]!.at,
    };
  });
  await insertInBatches(db, 'housing_applications', APPLICATIONS, (index) => {
    const submitted = day(random, '2026-01-01', 250);
    return { youngPersonId: people[index * 5 % people.length]!._id, districtId: districts[index % DISTRICTS]!._id, status: 'application_submitted', statusVersion: 1, submittedDate: submitted, history: [{ status: 'application_submitted', at: new Date(`${submitted}T10:00:00Z`), byUserId: oid(), byRole: 'personal_adviser', date: submitted }], createdByUserId: oid(), createdAt: new Date(`${submitted}T09:00:00Z`) };
  });
  await insertInBatches(db, 'notifications', REMINDERS, (index) => {
    const person = people[index % people.length]!;
    const createdAt = new Date(`${day(random, '2026-04-01', 160)}T06:00:00Z`);
    return { recipientUserId: oid(), audience: 'personal_adviser', subjectKey: index % 3 === 0 ? `referral:${oid().toHexString()}` : `yp:${person._id.toHexString()}`, rule: random.pick(REMINDER_RULES), dueDate: TODAY, urgency: 'soon', youngPersonId: person._id, facts: { firstName: 'Young' }, text: 'A reminder line for the bench.', link: '/reminders', byEmail: true, digestDate: null, readAt: null, createdAt, updatedAt: createdAt };
  });
  // As the sender leaves them: sent mail moved to mail_sent, failed mail kept in the outbox (one in four).
  const email = (index: number, status: 'sent' | 'failed') => {
    const createdAt = new Date(`${day(random, '2026-04-01', 160)}T07:00:00Z`);
    return { dedupeKey: `bench:${index}`, kind: index % 4 === 0 ? 'digest' : 'immediate', recipientUserId: advisers[index % advisers.length]!._id, to: 'pa@bench.test', subject: 'Reminders', text: 'Body '.repeat(40), html: '<p>Body</p>'.repeat(40), notificationIds: [], status, attempts: 1, claimCount: 1, nextAttemptAt: createdAt, createdAt, updatedAt: createdAt, ...(status === 'sent' ? { sentAt: createdAt } : {}) };
  };
  const failedEmails = Math.round(EMAILS / 4);
  await insertInBatches(db, 'mail_sent', EMAILS - failedEmails, (index) => email(index, 'sent'));
  await insertInBatches(db, 'mail_outbox', failedEmails, (index) => email(EMAILS - failedEmails + index, 'failed'));
  await insertInBatches(db, 'audit_log', AUDIT_UPDATES, (index) => {
    const person = people[index % people.length]!;
    return { at: new Date(`${day(random, '2025-06-01', 450)}T12:00:00Z`), actorUserId: oid(), actorRole: 'personal_adviser', action: index % 5 === 0 ? 'create' : 'update', resource: 'young_person', resourceId: person._id, youngPersonIds: [person._id], fields: index % 2 ? ['activityCode', 'lastContactDate'] : ['lastContactDate'], via: 'PATCH /young-people/:id', requestId: null, correlationId: null };
  });
}

/** One plain read of every collection the report reads: every document, every field, no filter. */
async function plainRead(db: mongoose.mongo.Db): Promise<number> {
  let documents = 0;
  for (const name of COLLECTIONS) for await (const _document of db.collection(name).find({}, { batchSize: CURSOR_BATCH })) documents += 1;
  return documents;
}

async function main(): Promise<void> {
  const database = await startEmbeddedDatabase({ log: (message) => console.error(`[bench database] ${message}`) });
  const dbName = `bench_reports_${randomBytes(4).toString('hex')}`;
  await connectDatabase(process.env.BENCH_MONGODB_URI ?? database.uri, dbName);
  await ensureIndexes();
  const db = mongoose.connection.db!;
  try {
    const [, seedMs] = await timed(() => seed(db));
    console.error(`seeded ${YOUNG_PEOPLE} young people, ${REFERRALS} referrals, ${APPLICATIONS} applications, ${REMINDERS} reminders in ${round(seedMs / 1000, 1)} s`);
    const admin: Actor = { userId: oid().toHexString(), role: 'admin', name: 'Bench admin', team: null, districtIds: [], organisationId: null };
    const query = { from: '2026-04-01', to: '2026-09-14' };
    // Read, report, and (with BENCH_REPEAT=2) again, taking the best of each: the order gives neither a warm cache.
    const repeat = Number(process.env.BENCH_REPEAT ?? 1);
    const plainTimes: number[] = [];
    const reportTimes: number[] = [];
    let documents = 0;
    let report: Awaited<ReturnType<typeof boardReport>> | null = null;
    for (let run = 0; run < repeat; run += 1) {
      const [read, plainMs] = await timed(() => plainRead(db));
      const [built, reportMs] = await timed(() => boardReport(admin, NOW, query));
      documents = read;
      report = built;
      plainTimes.push(plainMs);
      reportTimes.push(reportMs);
    }
    const plain = Math.min(...plainTimes);
    const full = Math.min(...reportTimes);
    const suppressed = report!.tables.reduce((sum, table) => sum + table.rows.reduce((cells, row) => cells + row.suppressed.length, 0), 0);
    console.log('| measure | ms | notes |');
    console.log('| --- | ---: | --- |');
    console.log(`| plain read of ${COLLECTIONS.length} collections (${documents} documents), best of ${repeat} | ${round(plain, 0)} | ${plainTimes.map((ms) => round(ms, 0)).join(', ')} |`);
    console.log(`| full board report (${report!.tables.length} tables), best of ${repeat} | ${round(full, 0)} | ${reportTimes.map((ms) => round(ms, 0)).join(', ')}; ${suppressed} cells suppressed |`);
    console.log(JSON.stringify({ bench: 'reports', report_vs_plain_read: round(full / plain), report_ms: round(full, 0), plain_read_ms: round(plain, 0), young_people: YOUNG_PEOPLE, documents, tables: report!.tables.length }));
  } finally {
    await db.dropDatabase().catch(() => {});
    await disconnectDatabase();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
