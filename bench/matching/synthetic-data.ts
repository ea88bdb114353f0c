/**
 * A seeded, repeatable synthetic England for the matching benchmark and property tests:
 * districts clustered round real cities, young people aged 16-25, open offers with realistic
 * dates, qualifications (messy subject spellings on purpose), travel limits, remote and
 * ring-fenced shares. No real person is in here.
 */
import { addCalendarMonths, addDays, type LocalDate } from '../../src/lib/dates.js';
import { createDistrictGeography, type DistrictCentroid } from '../../src/matching/geography.js';
import type { DistrictGeography, MatchableOpportunity, MatchableYoungPerson, OpportunityKind } from '../../src/matching/matching.types.js';
import { mulberry32 } from '../../src/lib/seeded-random.js';
import { SECTORS, type Sector } from '../../src/opportunities/sectors.js';
import { toStoredHeldQualification } from '../../src/qualifications/held-qualifications.js';


export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) if ((roll -= weight) < 0) return value;
    return choices[choices.length - 1]![0];
  }
  gaussian(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = 0; i < count && i < copy.length; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }
}

// [lat, lng, weight, spread in km]: districts scatter round these like England's council areas.
const CITIES: readonly (readonly [number, number, number, number])[] = [
  [51.507, -0.128, 33, 12], [52.486, -1.89, 12, 20], [53.48, -2.242, 14, 20], [53.8, -1.549, 10, 25],
  [53.408, -2.991, 7, 15], [54.978, -1.617, 9, 25], [53.381, -1.47, 7, 20], [51.454, -2.587, 8, 25],
  [52.954, -1.158, 8, 25], [52.636, -1.139, 9, 25], [50.909, -1.404, 9, 25], [52.63, 1.297, 8, 35],
  [50.375, -4.143, 6, 40], [50.718, -3.533, 7, 35], [52.205, 0.119, 7, 30], [51.752, -1.258, 6, 25],
  [53.767, -0.327, 5, 30], [53.958, -1.08, 7, 35], [54.892, -2.934, 5, 40], [50.822, -0.137, 8, 25],
  [52.057, 1.148, 7, 30], [53.234, -0.538, 7, 35], [53.002, -2.179, 7, 25], [51.454, -0.978, 8, 20],
  [51.27, 0.522, 12, 30], [52.708, -2.754, 5, 35], [51.864, -2.244, 6, 30], [52.24, -0.902, 8, 30],
  [53.763, -2.703, 10, 25], [54.574, -1.235, 6, 20], [51.75, 0.47, 10, 30], [51.9, -0.4, 9, 25],
];

const SUBJECT_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  // Certificate titles and employers' shorthand: one subject each through the vocabulary (subject-vocabulary.ts).
  maths: ['Maths', 'maths', 'MATHS', ' Maths ', 'Mathematics', 'GCSE Mathematics', 'Mathematics (Numeracy)', 'Functional Skills Maths'],
  english: ['English', 'english', 'ENGLISH ', 'English', 'English Language', 'English Literature', 'Functional Skills English'],
  science: ['Science', 'science'],
  ict: ['ICT', 'ict'],
  'health and social care': ['Health and Social Care', 'health and  social care'],
  construction: ['Construction', 'construction'],
  'food technology': ['Food Technology', 'food technology'],
  business: ['Business', 'business'],
  art: ['Art', 'art'],
};
const SECTOR_SUBJECT: Partial<Record<Sector, string>> = {
  care_services: 'health and social care', health_and_science: 'science', digital: 'ict',
  construction_and_the_built_environment: 'construction', catering_and_hospitality: 'food technology',
  business_and_administration: 'business', creative_and_design: 'art', engineering_and_manufacturing: 'maths',
};

export interface World {
  today: LocalDate;
  centroids: DistrictCentroid[];
  geography: DistrictGeography;
  youngPeople: MatchableYoungPerson[];
  opportunities: MatchableOpportunity[];
}

export interface WorldOptions {
  seed: number;
  districts: number;
  youngPeople: number;
  opportunities: number;
  today?: LocalDate;
  /** Share of young people born on a day that puts a birthday at or next to a common start date. */
  boundaryBirthdays?: number;
  /** Share of opportunities that are not open (draft, closed, ...). */
  notOpen?: number;
}

export function generateWorld(options: WorldOptions): World {
  const random = new Random(options.seed);
  const today = options.today ?? '2025-06-02';
  const centroids: DistrictCentroid[] = [];
  for (let i = 0; i < options.districts; i += 1) {
    const [lat, lng, , spreadKm] = random.weighted(CITIES.map((city) => [city, city[2]] as const));
    const dLat = (random.gaussian() * spreadKm) / 111;
    const dLng = (random.gaussian() * spreadKm) / (111 * Math.cos((lat * Math.PI) / 180));
    centroids.push({ id: `E07${String(i).padStart(6, '0')}`, lat: lat + dLat, lng: lng + dLng });
  }
  const geography = createDistrictGeography(centroids);
  const districtIds = centroids.map((c) => c.id);
  const neighbours = new Map(
    districtIds.map((id) => [id, districtIds.filter((other) => other !== id && geography.distanceKm(id, other) <= 30)]),
  );
  // Starts cluster on the first of the month, September most of all.
  const startDates = [0, 1, 2, 3, 4, 5, 6].map((m) => addCalendarMonths(today.slice(0, 8) + '01', m + 1));
  startDates.push('2025-09-01', '2025-09-01', '2025-09-01');

  const spelling = (subject: string) => random.pick(SUBJECT_SPELLINGS[subject] ?? [subject]);
  /** Typed as on a certificate (GCSE with a grade, Functional Skills, A level), the level derived as the API does. */
  const heldMathsOrEnglish = (subject: 'maths' | 'english'): MatchableYoungPerson['qualifications'][number] => {
    const level = random.weighted([[1, 4], [2, 5], [3, 1]]);
    const title = spelling(subject);
    const typed =
      level === 3 ? { type: 'a_level' as const, subject: title }
      : random.chance(0.25) ? { type: 'functional_skills' as const, subject: title, level }
      : { type: 'gcse' as const, subject: title, grade: level === 2 ? random.pick(['4', '5', '6', '7', '8', '9', 'C', 'B', 'A']) : random.pick(['1', '2', '3', 'D', 'E']) };
    const stored = toStoredHeldQualification(typed);
    return stored.grade === null ? { subject: stored.subject, level: stored.level } : { subject: stored.subject, level: stored.level, grade: stored.grade };
  };
  const youngPeople: MatchableYoungPerson[] = [];
  for (let i = 0; i < options.youngPeople; i += 1) {
    const home = random.pick(districtIds);
    const extra = random.sample(neighbours.get(home) ?? [], random.weighted([[0, 5], [1, 3], [2, 2]]));
    let dateOfBirth = addDays(today, -random.int(16 * 365 + 4, 26 * 365 + 5));
    if (random.chance(options.boundaryBirthdays ?? 0.002)) {
      const years = random.pick([16, 18, 19, 21, 25]);
      dateOfBirth = addDays(addCalendarMonths(random.pick(startDates), -12 * years), random.int(-1, 1));
    } else if (random.chance(0.004)) {
      dateOfBirth = random.pick(['2000-02-29', '2004-02-29', '2008-02-29']);
    }
    const ageYears = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)); // near enough for test data
    const qualifications: MatchableYoungPerson['qualifications'] = [];
    if (random.chance(0.85)) qualifications.push(heldMathsOrEnglish('maths'));
    if (random.chance(0.85)) qualifications.push(heldMathsOrEnglish('english'));
    for (const subject of random.sample(Object.keys(SUBJECT_SPELLINGS).slice(2), random.int(0, 4))) {
      qualifications.push({ subject: spelling(subject), level: random.weighted([[0, 1], [1, 3], [2, 4], [3, 2]]), grade: 'C' });
    }
    youngPeople.push({
      id: `yp-${String(i).padStart(6, '0')}`,
      dateOfBirth,
      careStatus: ageYears < 18 && random.chance(0.6) ? 'in_care' : 'care_leaver',
      districtIds: [home, ...extra],
      maxTravelKm: random.weighted([[5, 2], [10, 4], [15, 3], [20, 3], [25, 2], [30, 2], [40, 1]]),
      interests: random.sample(SECTORS, random.int(1, 3)),
      qualifications,
      employerSharing: random.weighted([['nothing', 3], ['anonymous_profile', 4], ['name_and_contact', 3]]),
    });
  }

  const opportunities: MatchableOpportunity[] = [];
  for (let i = 0; i < options.opportunities; i += 1) {
    const kind: OpportunityKind = random.weighted([
      ['ring_fenced_apprenticeship', 8], ['apprenticeship', 25], ['job', 25], ['work_experience', 15],
      ['training', 12], ['mentoring', 8], ['benefit', 7],
    ]);
    const offersWork = kind !== 'mentoring' && kind !== 'benefit';
    const sector = offersWork || random.chance(0.3) ? random.pick(SECTORS) : null;
    const remote = random.chance(kind === 'benefit' || kind === 'mentoring' ? 0.5 : 0.04);
    const closingDate = random.chance(0.1) ? null : addDays(today, random.int(-10, 90));
    const drawnStart = random.chance(0.2) ? null : closingDate === null ? addDays(today, random.int(-60, 60)) : random.pick(startDates);
    // GOV.UK: an apprenticeship has a start date, after its closing date.
    const startDate = kind.includes('apprenticeship') && (drawnStart === null || (closingDate !== null && drawnStart <= closingDate)) ? addDays(closingDate ?? today, 30) : drawnStart;
    const required: MatchableOpportunity['requiredQualifications'] = [];
    if (kind.includes('apprenticeship') || (kind === 'job' && random.chance(0.4)) || (kind === 'training' && random.chance(0.3))) {
      if (random.chance(0.8)) required.push({ subject: spelling('maths'), level: random.weighted([[1, 5], [2, 4]]) });
      if (random.chance(0.8)) required.push({ subject: spelling('english'), level: random.weighted([[1, 5], [2, 4]]) });
      const sectorSubject = sector === null ? undefined : SECTOR_SUBJECT[sector];
      // Half of the sector subjects are desirable (GOV.UK): they score but never exclude.
      if (sectorSubject !== undefined && random.chance(0.3)) required.push({ subject: spelling(sectorSubject), level: random.int(1, 3), ...(random.chance(0.5) ? { importance: 'desirable' as const } : {}) });
    }
    const [minAgeAtStart, maxAgeAtStart] = random.weighted<[number | null, number | null]>(
      kind === 'work_experience'
        ? [[[16, 18], 5], [[16, 24], 3], [[null, null], 2]]
        : kind === 'job'
          ? [[[18, null], 5], [[16, 24], 3], [[null, null], 2]]
          : [[[16, 24], 5], [[null, 24], 2], [[19, 24], 1], [[null, null], 2]],
    );
    const places = random.int(1, 6);
    const notOpen = random.chance(options.notOpen ?? 0);
    opportunities.push({
      id: `opp-${String(i).padStart(6, '0')}`,
      kind,
      title: `${kind.replaceAll('_', ' ')} ${i}`,
      sector,
      ringFenced: kind === 'ring_fenced_apprenticeship' || random.chance(0.07),
      status: notOpen ? random.pick(['draft', 'pending_approval', 'closed', 'filled', 'withdrawn'] as const) : 'open',
      districtId: random.chance(remote ? 0.5 : 0.995) ? random.pick(districtIds) : null,
      remote,
      places,
      placesFilled: random.chance(0.04) ? places : random.int(0, places - 1),
      closingDate,
      startDate,
      minAgeAtStart,
      maxAgeAtStart,
      eligibleCareStatus: random.weighted([['both', 16], ['care_leaver', 3], ['in_care', 1]]),
      requiredQualifications: required,
      sharingNeeded: random.weighted(
        offersWork ? [['none', 2], ['anonymous_profile', 4], ['name_and_contact', 4]] : [['none', 8], ['anonymous_profile', 2]],
      ),
    });
  }
  return { today, centroids, geography, youngPeople, opportunities };
}
