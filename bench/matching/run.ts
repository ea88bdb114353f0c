/**
 * npm run bench:matching
 * The indexed engine against the straightforward reference (evaluate() on every pair, full sort)
 * on one seeded synthetic England, in the same run, checking the top 20 agree for every sample.
 * Prints a table, then ONE JSON line last. Ratios matter, not absolute times.
 */
import { performance } from 'node:perf_hooks';
import {
  buildOpportunityIndex,
  buildYoungPersonIndex,
  candidatesWithIndex,
  matchOpportunitiesForYoungPerson,
  matchWithIndex,
  rankCandidatesForOpportunity,
  type MatchList,
} from '../../src/matching/index.js';
import { Random, generateWorld } from './synthetic-data.js';

const SEED = 20_250_602;
const TOP = 20;
const YOUNG_PERSON_SAMPLES = 200;
const OPENING_SAMPLES = 50;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timed<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

const sameTop = (a: MatchList, b: MatchList) => JSON.stringify(a) === JSON.stringify(b);
const round = (ms: number, digits = 3) => Number(ms.toFixed(digits));

interface Direction {
  engine: number[];
  reference: number[];
  same: boolean;
  returned: number;
}

function compare(samples: number, engine: (i: number) => MatchList, reference: (i: number) => MatchList): Direction {
  const result: Direction = { engine: [], reference: [], same: true, returned: 0 };
  for (let i = 0; i < samples; i += 1) {
    // Alternate which runs first so neither gets the warmer caches every time.
    let fastRun: [MatchList, number];
    let slowRun: [MatchList, number];
    if (i % 2 === 0) {
      fastRun = timed(() => engine(i));
      slowRun = timed(() => reference(i));
    } else {
      slowRun = timed(() => reference(i));
      fastRun = timed(() => engine(i));
    }
    const [fast, fastMs] = fastRun;
    const [slow, slowMs] = slowRun;
    result.engine.push(fastMs);
    result.reference.push(slowMs);
    result.returned += fast.matches.length + fast.nearMisses.length;
    if (!sameTop(fast, slow)) {
      result.same = false;
      console.error(`DIFFERENT RESULTS for sample ${i}`);
    }
  }
  return result;
}

const [world, generateMs] = timed(() =>
  generateWorld({ seed: SEED, districts: 300, youngPeople: 50_000, opportunities: 10_000 }),
);
const { today, geography, youngPeople, opportunities } = world;
const [opportunityIndex, opportunityIndexMs] = timed(() => buildOpportunityIndex(opportunities, geography));
const [youngPersonIndex, youngPersonIndexMs] = timed(() => buildYoungPersonIndex(youngPeople, geography));

const random = new Random(SEED + 1);
const sampledPeople = random.sample(youngPeople, YOUNG_PERSON_SAMPLES);
const isOpenToday = (o: (typeof opportunities)[number]) =>
  o.status === 'open' && o.placesFilled < o.places && (o.closingDate === null || o.closingDate >= today);
const sampledOpenings = random.sample(opportunities.filter(isOpenToday), OPENING_SAMPLES);

// Warm-up (JIT) on people and openings outside the samples.
for (const person of youngPeople.slice(0, 20)) {
  matchWithIndex(opportunityIndex, person, today, { limit: TOP });
  matchOpportunitiesForYoungPerson(person, opportunities, geography, today, { limit: TOP });
}
for (const opening of opportunities.slice(0, 3)) {
  candidatesWithIndex(youngPersonIndex, opening, today, { limit: TOP });
  rankCandidatesForOpportunity(opening, youngPeople, geography, today, { limit: TOP });
}

const forPerson = compare(
  sampledPeople.length,
  (i) => matchWithIndex(opportunityIndex, sampledPeople[i]!, today, { limit: TOP }),
  (i) => matchOpportunitiesForYoungPerson(sampledPeople[i]!, opportunities, geography, today, { limit: TOP }),
);
const forOpening = compare(
  sampledOpenings.length,
  (i) => candidatesWithIndex(youngPersonIndex, sampledOpenings[i]!, today, { limit: TOP }),
  (i) => rankCandidatesForOpportunity(sampledOpenings[i]!, youngPeople, geography, today, { limit: TOP }),
);

const table = [
  ['direction', 'samples', 'engine p50 ms', 'engine p95 ms', 'reference p50 ms', 'speedup (p50)', 'same top 20'],
  ...([
    ['(a) matches for a young person', forPerson],
    ['(b) candidates for an opening', forOpening],
  ] as const).map(([label, d]) => [
    label,
    String(d.engine.length),
    percentile(d.engine, 50).toFixed(3),
    percentile(d.engine, 95).toFixed(3),
    percentile(d.reference, 50).toFixed(1),
    `${(percentile(d.reference, 50) / percentile(d.engine, 50)).toFixed(0)}x`,
    String(d.same),
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
console.log(
  `Matching benchmark: seed ${SEED}, today ${today}, 300 districts, ${youngPeople.length} young people, ` +
    `${opportunities.length} opportunities, top ${TOP} matches and top ${TOP} near misses per call`,
);
console.log(
  `Data generated in ${generateMs.toFixed(0)} ms. Index build (once, not in the timings): opportunities ` +
    `${opportunityIndexMs.toFixed(0)} ms (${opportunityIndex.size} open with a place left), young people ${youngPersonIndexMs.toFixed(0)} ms.`,
);
for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
console.log(
  `Results returned per call on average: (a) ${(forPerson.returned / forPerson.engine.length).toFixed(1)}, ` +
    `(b) ${(forOpening.returned / forOpening.engine.length).toFixed(1)}`,
);

const e50 = percentile(forPerson.engine, 50);
const r50 = percentile(forPerson.reference, 50);
const be50 = percentile(forOpening.engine, 50);
const br50 = percentile(forOpening.reference, 50);
console.log(
  JSON.stringify({
    bench: 'matching',
    engine_ms_p50: round(e50),
    reference_ms_p50: round(r50, 1),
    speedup: round(r50 / e50, 1),
    same_results: forPerson.same && forOpening.same,
    engine_ms_p95: round(percentile(forPerson.engine, 95)),
    candidates_engine_ms_p50: round(be50),
    candidates_reference_ms_p50: round(br50, 1),
    candidates_speedup: round(br50 / be50, 1),
    candidates_same_results: forOpening.same,
    opportunity_index_build_ms: round(opportunityIndexMs, 1),
    young_person_index_build_ms: round(youngPersonIndexMs, 1),
    young_people: youngPeople.length,
    opportunities: opportunities.length,
    districts: 300,
    samples_a: sampledPeople.length,
    samples_b: sampledOpenings.length,
    seed: SEED,
  }),
);
if (!(forPerson.same && forOpening.same)) process.exitCode = 1;
