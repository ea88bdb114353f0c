/**
 * npm run bench:api
 * End to end over HTTP: the matching benchmark's seeded synthetic England loaded into FerretDB (SQLite, and
 * PostgreSQL when BENCH_POSTGRES_URL is set), the service started as a separate process, and the requests
 * people wait on timed against each other in the same run (median of 3 rounds):
 *   record_vs_healthz     GET /young-people/:id            vs GET /healthz
 *   matches_vs_record     GET /young-people/:id/matches    vs GET /young-people/:id
 *   candidates_vs_record  GET /opportunities/:id/candidates vs GET /young-people/:id
 *   caseload_vs_record    GET /young-people (a PA's caseload, 20 a page) vs GET /young-people/:id
 * each at p50 and p99; same_results: every /matches and /candidates answer equals the reference (evaluate()
 * on every pair) computed here from the same records, and the caseload's first page equals the database's order.
 * Then a council's scale (2,000 young people, 500 offers) on SQLite: the slowest request, API or page
 * (a PA's caseload, young person and reminders pages, a manager's caseload and team pages), must stay
 * under 1 s. Prints ONE JSON line last.
 *
 * Size: the national set, 50,000 young people, 10,000 opportunities, 300 districts, by default;
 * BENCH_API_YOUNG_PEOPLE / BENCH_API_OPPORTUNITIES for another size. The reference is computed from the
 * documents as written (reading them back from FerretDB on SQLite would take minutes).
 * BENCH_API_SERVICE_DIR=<checkout> runs another checkout's service (main's, for a before/after); BENCH_API_SAMPLES (8) requests per kind per round.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/lib/database.js';
import { londonDateOf } from '../../src/lib/dates.js';
import { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from '../../src/matching/matching.js';
import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from '../../src/matching/matching-records.js';
import type { MatchList } from '../../src/matching/matching.types.js';
import type { OpportunityRecord } from '../../src/opportunities/opportunities.model.js';
import { hashPassword } from '../../src/users/password.js';
import type { YoungPersonRecord } from '../../src/young-people/young-people.model.js';
import { generateWorld, Random } from '../matching/synthetic-data.js';
import { requestPage, signIn, signInToPages, startFerretDb, request, startService, type Timed } from './service-under-test.js';
import { insertWorld } from './world-documents.js';

const SEED = 20_250_602;
/** The service runs on the real clock, so the world is made for the real day (seeded relative to it). */
const TODAY = londonDateOf(new Date());
const YOUNG_PEOPLE = Number(process.env.BENCH_API_YOUNG_PEOPLE ?? 50_000);
const OPPORTUNITIES = Number(process.env.BENCH_API_OPPORTUNITIES ?? 10_000);
const DISTRICTS = 300;
const SAMPLES = Number(process.env.BENCH_API_SAMPLES ?? 8);
const ROUNDS = 3;
const PASSWORD = 'bench-password-1';
const SERVICE_DIR = process.env.BENCH_API_SERVICE_DIR ?? process.cwd();
const INDEXES_EXPECTED = !process.env.BENCH_API_SERVICE_DIR;

const median = (values: number[]) => percentile(values, 50);
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

type Ranked = { score: number; outcome: string; opportunity?: { id: string }; youngPerson?: { id: string } };
type Answer = { matches: Ranked[]; nearMisses: Ranked[] };
const brief = (answer: Answer) => JSON.stringify([answer.matches, answer.nearMisses].map((list) => list.map((r) => `${r.opportunity?.id ?? r.youngPerson?.id}:${r.score}:${r.outcome}`)));
const briefReference = (list: MatchList, key: 'opportunityId' | 'youngPersonId') => JSON.stringify([list.matches, list.nearMisses].map((results) => results.map((r) => `${r[key]}:${r.score}:${r.outcome}`)));

interface Loaded {
  dbName: string;
  youngPersonIds: string[];
  openOpportunityIds: string[];
  reference: { matches: (id: string) => string; candidates: (id: string) => string; caseload: string };
  paEmail: string;
  /** One of the PA's young people, for their pages. */
  paYoungPersonId: string;
}

/** Writes the world and three accounts, and keeps the records to compute the reference answers from. */
async function load(uri: string, youngPeople: number, opportunities: number): Promise<Loaded> {
  const dbName = `bench_api_${randomBytes(4).toString('hex')}`;
  await connectDatabase(uri, dbName, { singleInstance: false, socketTimeoutMS: 600_000 });
  await ensureIndexes();
  const world = generateWorld({ seed: SEED, districts: DISTRICTS, youngPeople, opportunities, today: TODAY, notOpen: 0.1 });
  const started = Date.now();
  const inDb = await insertWorld(world, { teams: 40, caseload: 50 });
  const db = mongoose.connection.db!;
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date();
  await db.collection('users').insertMany([
    { email: 'admin@bench.test', name: 'Bench Admin', role: 'admin', active: true, team: null, districtIds: [], organisationId: null, passwordHash, emailVerifiedAt: now, createdAt: now, updatedAt: now },
  ]);
  const pa = await db.collection('users').findOne({ email: 'pa-0@bench.test' });
  await db.collection('users').updateOne({ _id: pa!._id }, { $set: { passwordHash, active: true, emailVerifiedAt: now } });
  await db.collection('users').insertOne({ email: 'manager@bench.test', name: 'Bench Manager', role: 'manager', active: true, team: pa!.team, districtIds: [], organisationId: null, passwordHash, emailVerifiedAt: now, createdAt: now, updatedAt: now });
  console.error(`loaded ${youngPeople} young people, ${opportunities} opportunities, ${DISTRICTS} districts in ${round((Date.now() - started) / 1000, 1)} s`);

  // The documents as written (reading 60,000 back would take FerretDB on SQLite minutes); nothing is archived.
  const records = inDb.documents.youngPeople as unknown as YoungPersonRecord[];
  const people = new Map(records.map((p) => [String(p._id), toMatchableYoungPerson(p)]));
  // The database's order (binary, field by field), written out here rather than borrowed from the service.
  const sortKey = (p: YoungPersonRecord) => [p.lastName, p.firstName, String(p._id)].map((part) => Buffer.from(part));
  const caseload = records
    .filter((p) => String(p.personalAdviserId) === String(pa!._id))
    .sort((a, b) => sortKey(a).reduce((order, part, i) => order || Buffer.compare(part, sortKey(b)[i]!), 0));
  const open = (inDb.documents.opportunities as unknown as OpportunityRecord[]).filter((o) => o.status === 'open' && o.placesFilled < o.places);
  const openById = new Map(open.map((o) => [String(o._id), toMatchableOpportunity(o)]));
  const { geography } = await loadGeography();
  await disconnectDatabase();
  const allOpen = [...openById.values()];
  const allPeople = [...people.values()];
  return {
    dbName,
    youngPersonIds: inDb.youngPersonIds.map(String),
    openOpportunityIds: [...openById.keys()].filter((id) => { const o = openById.get(id)!; return o.closingDate === null || o.closingDate >= TODAY; }),
    reference: {
      matches: (id) => briefReference(matchOpportunitiesForYoungPerson(people.get(id)!, allOpen, geography, TODAY, { limit: 20 }), 'opportunityId'),
      candidates: (id) => briefReference(rankCandidatesForOpportunity(openById.get(id)!, allPeople, geography, TODAY, { limit: 20 }), 'youngPersonId'),
      caseload: JSON.stringify({ ids: caseload.slice(0, 20).map((p) => String(p._id)), total: caseload.length }),
    },
    paEmail: 'pa-0@bench.test',
    paYoungPersonId: String(caseload[0]!._id),
  };
}

interface RoundTimes { healthz: number[]; record: number[]; matches: number[]; candidates: number[]; caseload: number[] }

async function measure(uri: string, label: string): Promise<Record<string, unknown>> {
  const loaded = await load(uri, YOUNG_PEOPLE, OPPORTUNITIES);
  const service = await startService({ dir: SERVICE_DIR, mongoUri: uri, dbName: loaded.dbName });
  try {
    if (INDEXES_EXPECTED) {
      const waited = Date.now();
      await Promise.race([service.indexesReady, new Promise((_, reject) => setTimeout(() => reject(new Error('matching indexes not ready in 5 minutes')), 300_000))]);
      console.error(`[${label}] matching indexes ready ${round((Date.now() - waited) / 1000, 1)} s after listening`);
    }
    const admin = await signIn(service.url, 'admin@bench.test', PASSWORD);
    const pa = await signIn(service.url, loaded.paEmail, PASSWORD);
    const random = new Random(SEED + 7);
    const people = random.sample(loaded.youngPersonIds, SAMPLES);
    const openings = random.sample(loaded.openOpportunityIds, SAMPLES);
    const api = `${service.url}/api`;
    let same = true;
    const check = (what: string, got: Timed<unknown>, expected: string) => {
      if (got.status !== 200) throw new Error(`${what}: ${got.status} ${JSON.stringify(got.body)}`);
      if (brief(got.body as Answer) !== expected) {
        same = false;
        console.error(`[${label}] DIFFERENT RESULTS for ${what}`);
      }
    };
    const rounds: RoundTimes[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const times: RoundTimes = { healthz: [], record: [], matches: [], candidates: [], caseload: [] };
      for (let i = 0; i < SAMPLES; i += 1) {
        times.healthz.push((await request(`${service.url}/healthz`)).ms);
        times.record.push((await request(`${api}/young-people/${people[i]}`, { token: admin })).ms);
        const matches = await request(`${api}/young-people/${people[i]}/matches?limit=20`, { token: admin });
        times.matches.push(matches.ms);
        const candidates = await request(`${api}/opportunities/${openings[i]}/candidates?limit=20`, { token: admin });
        times.candidates.push(candidates.ms);
        const caseload = await request<{ items: { id: string }[]; total: number }>(`${api}/young-people?limit=20`, { token: pa });
        times.caseload.push(caseload.ms);
        if (r === 0) {
          if (JSON.stringify({ ids: caseload.body.items.map((item) => item.id), total: caseload.body.total }) !== loaded.reference.caseload) {
            same = false;
            console.error(`[${label}] DIFFERENT RESULTS for the caseload`);
          }
          check(`matches of ${people[i]}`, matches, referenceFor(loaded, 'matches', people[i]!, matches.body));
          check(`candidates of ${openings[i]}`, candidates, referenceFor(loaded, 'candidates', openings[i]!, candidates.body));
        }
      }
      rounds.push(times);
      console.error(`[${label}] round ${r + 1}: p50 ms healthz ${round(median(times.healthz))}, record ${round(median(times.record))}, matches ${round(median(times.matches))}, candidates ${round(median(times.candidates))}, caseload ${round(median(times.caseload))}`);
    }
    const ratio = (a: keyof RoundTimes, b: keyof RoundTimes, p: number) => round(median(rounds.map((t) => percentile(t[a], p) / percentile(t[b], p))));
    return {
      record_vs_healthz: ratio('record', 'healthz', 50),
      matches_vs_record: ratio('matches', 'record', 50),
      candidates_vs_record: ratio('candidates', 'record', 50),
      caseload_vs_record: ratio('caseload', 'record', 50),
      record_vs_healthz_p99: ratio('record', 'healthz', 99),
      matches_vs_record_p99: ratio('matches', 'record', 99),
      candidates_vs_record_p99: ratio('candidates', 'record', 99),
      caseload_vs_record_p99: ratio('caseload', 'record', 99),
      record_ms_p50: round(median(rounds.map((t) => median(t.record)))),
      matches_ms_p50: round(median(rounds.map((t) => median(t.matches)))),
      candidates_ms_p50: round(median(rounds.map((t) => median(t.candidates)))),
      same_results: same,
    };
  } finally {
    await service.stop();
  }
}

/** The reference answer, from the records loaded, for the day the service answered for. */
function referenceFor(loaded: Loaded, what: 'matches' | 'candidates', id: string, body: unknown): string {
  const today = (body as { today?: string }).today;
  if (today !== TODAY) throw new Error(`the service answered for ${today}, the reference is for ${TODAY} (run again away from midnight)`);
  return what === 'matches' ? loaded.reference.matches(id) : loaded.reference.candidates(id);
}

/** At a council's scale, every request timed: the API's, and the pages a PA and a manager use most. */
async function councilScale(uri: string): Promise<{ max_request_ms: number; slowest: string; under_1s: boolean }> {
  const loaded = await load(uri, 2_000, 500);
  const service = await startService({ dir: SERVICE_DIR, mongoUri: uri, dbName: loaded.dbName });
  try {
    if (INDEXES_EXPECTED) await service.indexesReady;
    const admin = await signIn(service.url, 'admin@bench.test', PASSWORD);
    const pa = await signIn(service.url, loaded.paEmail, PASSWORD);
    const random = new Random(SEED + 11);
    const api = `${service.url}/api`;
    let max = 0;
    let slowest = '';
    const timed = (what: string, ms: number, status: number) => {
      if (status !== 200) throw new Error(`${what}: ${status}`);
      if (ms > max) [max, slowest] = [ms, what];
    };
    for (const id of random.sample(loaded.youngPersonIds, 10)) {
      for (const path of [`/young-people/${id}`, `/young-people/${id}/matches?limit=20`]) {
        const answer = await request(`${api}${path}`, { token: admin });
        timed(`GET /api${path.replace(id, ':id')}`, answer.ms, answer.status);
      }
    }
    for (const id of random.sample(loaded.openOpportunityIds, 10)) {
      const answer = await request(`${api}/opportunities/${id}/candidates?limit=20`, { token: admin });
      timed('GET /api/opportunities/:id/candidates', answer.ms, answer.status);
    }
    for (let i = 0; i < 5; i += 1) {
      const answer = await request(`${api}/young-people?limit=20`, { token: pa });
      timed('GET /api/young-people', answer.ms, answer.status);
    }
    const paPages = await signInToPages(service.url, loaded.paEmail, PASSWORD);
    const managerPages = await signInToPages(service.url, 'manager@bench.test', PASSWORD);
    const pages = [['/caseload', paPages], [`/young-people/${loaded.paYoungPersonId}`, paPages], ['/reminders', paPages], ['/caseload', managerPages], ['/team', managerPages]] as const;
    // Once untimed: a page's first render compiles its template.
    for (const [path, cookie] of pages) await requestPage(`${service.url}${path}`, cookie);
    for (let i = 0; i < 3; i += 1) {
      for (const [path, cookie] of pages) {
        const page = await requestPage(`${service.url}${path}`, cookie);
        timed(`page ${path.replace(loaded.paYoungPersonId, ':id')}`, page.ms, page.status);
      }
    }
    return { max_request_ms: round(max), slowest, under_1s: max < 1_000 };
  } finally {
    await service.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const sqlite = await startFerretDb();
  const results: Record<string, unknown> = { bench: 'api', young_people: YOUNG_PEOPLE, opportunities: OPPORTUNITIES, districts: DISTRICTS, samples: SAMPLES, rounds: ROUNDS, service: INDEXES_EXPECTED ? 'this checkout' : SERVICE_DIR };
  try {
    results.sqlite = await measure(sqlite.uri, 'sqlite');
    results.council_scale_sqlite = await councilScale(sqlite.uri);
  } finally {
    await sqlite.stop();
  }
  if (process.env.BENCH_POSTGRES_URL) {
    const postgres = await startFerretDb(process.env.BENCH_POSTGRES_URL);
    try {
      results.postgresql = await measure(postgres.uri, 'postgresql');
    } finally {
      await postgres.stop();
    }
  }
  results.seconds = round((Date.now() - started) / 1000, 1);
  const sqliteResults = results.sqlite as { same_results: boolean };
  results.same_results = sqliteResults.same_results && ((results.postgresql as { same_results?: boolean } | undefined)?.same_results ?? true);
  console.log(JSON.stringify(results));
  if (!results.same_results) process.exitCode = 1;
}

main().then(
  // Everything is stopped, but a stopped FerretDB's pipe can keep the event loop alive for minutes.
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
