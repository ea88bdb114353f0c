import { AGE_18, ageOn, dateReachingAge } from '../lib/age.js';
import { addWeeks, compareDates, daysBetween, type LocalDate } from '../lib/dates.js';
import { ACCOMMODATION_TYPES, ACTIVITY_CODES, isInEducationEmploymentOrTraining, type ActivityCode } from '../young-people/ssda903.js';
import { cellId, columnTotals, percent, rowTotals, totalRow, type CellValue, type RowSpec, type TableSpec } from './figure-table.js';
import type { DistrictFacts, PersonFacts, AdviserFacts } from './figure-records.js';
import { dateInWords, inPeriod, type Period } from './figures-period.js';

/** SSDA903 asks about care leavers' activity and accommodation around their 17th to 21st birthdays. */
const SSDA903_AGES = { from: 17, to: 21 };
export const LOST_CONTACT_WEEKS = 8;
export const PROMPT_APPLICATION_WEEKS = 4;
export const CUSTODY_NEAR_18_WEEKS = 12;

const EET_CODES = (Object.keys(ACTIVITY_CODES) as ActivityCode[]).filter(isInEducationEmploymentOrTraining);
const NEET_CODES = (Object.keys(ACTIVITY_CODES) as ActivityCode[]).filter((code) => !isInEducationEmploymentOrTraining(code));

const inSsda903Ages = (person: PersonFacts, on: LocalDate) => {
  const { years } = ageOn(person.dateOfBirth, on);
  return person.open && person.careStatus === 'care_leaver' && years >= SSDA903_AGES.from && years <= SSDA903_AGES.to;
};

/** The last birthday on or before `on`. */
export function lastBirthday(dateOfBirth: LocalDate, on: LocalDate): { date: LocalDate; age: number } {
  const { years } = ageOn(dateOfBirth, on);
  return { date: dateReachingAge(dateOfBirth, { years, months: 0 }), age: years };
}

type ActivityAnswer = ActivityCode | 'not_recorded' | 'changed_since';

/**
 * The code in force on the birthday: today's code if it was recorded before the birthday and not changed since
 * (the audit trail keeps which fields changed, never old values), else "changed since".
 */
export function activityOnBirthday(person: PersonFacts, birthday: LocalDate): ActivityAnswer {
  if (compareDates(person.recordedFrom, birthday) > 0) return 'changed_since';
  if (person.activityChangedOn.some((day) => compareDates(day, birthday) > 0)) return 'changed_since';
  return (person.activityCode as ActivityCode | null) ?? 'not_recorded';
}

export function activityTable(people: PersonFacts[], period: Period, today: LocalDate): TableSpec {
  const now = new Map<string, number>();
  const birthday = new Map<string, number>();
  const add = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const person of people) {
    if (inSsda903Ages(person, today)) add(now, person.activityCode ?? 'not_recorded');
    if (person.careStatus !== 'care_leaver') continue;
    const last = lastBirthday(person.dateOfBirth, period.to);
    if (last.age >= SSDA903_AGES.from && last.age <= SSDA903_AGES.to && inPeriod(last.date, period)) add(birthday, activityOnBirthday(person, last.date));
  }
  const sum = (counts: Map<string, number>, keys: readonly string[]) => keys.reduce((total, key) => total + (counts.get(key) ?? 0), 0);
  const known = { now: sum(now, [...EET_CODES, ...NEET_CODES]), birthday: sum(birthday, [...EET_CODES, ...NEET_CODES]) };
  // Shares are of those with a code recorded: they mean nothing on the rows without one, or on the total.
  const withoutShare = ['total', 'not_recorded', 'changed_since'];
  const row = (key: string, label: string, counts: { now: number | null; birthday: number }, total = false): RowSpec => {
    const hasShare = !withoutShare.includes(key);
    return {
      key,
      total,
      values: { label, now: counts.now, nowShare: hasShare && counts.now !== null ? percent(counts.now, known.now) : null, birthday: counts.birthday, birthdayShare: hasShare ? percent(counts.birthday, known.birthday) : null },
      builtOnCells: { nowShare: [cellId('in_eet', 'now'), cellId('not_in_eet', 'now')], birthdayShare: [cellId('in_eet', 'birthday'), cellId('not_in_eet', 'birthday')] },
      notApplicable: [...(hasShare ? [] : ['nowShare', 'birthdayShare']), ...(counts.now === null ? ['now'] : [])],
    };
  };
  const codeRow = (code: ActivityCode) => row(code, `${code}: ${ACTIVITY_CODES[code]}`, { now: now.get(code) ?? 0, birthday: birthday.get(code) ?? 0 });
  const rows: RowSpec[] = [
    ...EET_CODES.map(codeRow),
    row('in_eet', 'In education, employment or training', { now: sum(now, EET_CODES), birthday: sum(birthday, EET_CODES) }),
    ...NEET_CODES.map(codeRow),
    row('not_in_eet', 'Not in education, employment or training', { now: sum(now, NEET_CODES), birthday: sum(birthday, NEET_CODES) }),
    row('not_recorded', 'Activity not recorded', { now: now.get('not_recorded') ?? 0, birthday: birthday.get('not_recorded') ?? 0 }),
    row('changed_since', 'Changed since the birthday (code then not kept)', { now: null, birthday: birthday.get('changed_since') ?? 0 }),
    row('total', 'All care leavers in the cohort', { now: [...now.values()].reduce((a, b) => a + b, 0), birthday: [...birthday.values()].reduce((a, b) => a + b, 0) }, true),
  ];
  const columns = [
    { key: 'label', label: 'Activity (SSDA903 code)', kind: 'text' as const },
    { key: 'now', label: 'Now', kind: 'people' as const },
    { key: 'nowShare', label: 'Share now', kind: 'percent' as const, builtOn: ['now'] },
    { key: 'birthday', label: 'At last birthday', kind: 'people' as const },
    { key: 'birthdayShare', label: 'Share at last birthday', kind: 'percent' as const, builtOn: ['birthday'] },
  ];
  const lines = ['now', 'birthday'].flatMap((column) => [
    { parts: EET_CODES.map((code) => cellId(code, column)), total: cellId('in_eet', column) },
    { parts: NEET_CODES.map((code) => cellId(code, column)), total: cellId('not_in_eet', column) },
    { parts: ['in_eet', 'not_in_eet', 'not_recorded', 'changed_since'].map((key) => cellId(key, column)), total: cellId('total', column) },
  ]);
  return {
    id: 'activity',
    area: 'eet',
    title: 'Care leavers by education, employment or training (SSDA903 activity)',
    definition:
      'Now: care leavers aged 17 to 21 today, by the SSDA903 activity code on their record today (F = full time, P = part time; G codes are not in education, employment or training, by reason). ' +
      'At last birthday: care leavers whose 17th to 21st birthday fell in the period, by the code in force on that birthday: today\'s code when it was recorded before the birthday and has not been changed since; otherwise counted as "changed since" (the service keeps which fields changed, not old values). ' +
      'Shares are of those with a code recorded.',
    columns,
    rows,
    lines,
  };
}

export function accommodationTable(people: PersonFacts[], today: LocalDate): TableSpec {
  const cohort = people.filter((person) => inSsda903Ages(person, today));
  const types = Object.keys(ACCOMMODATION_TYPES) as (keyof typeof ACCOMMODATION_TYPES)[];
  const typeRows: RowSpec[] = types.map((type) => {
    const suitable = cohort.filter((person) => person.accommodationCode === `${type}1`).length;
    const unsuitable = cohort.filter((person) => person.accommodationCode === `${type}2`).length;
    return { key: type, values: { label: `${type}: ${ACCOMMODATION_TYPES[type]}`, suitable, unsuitable, total: suitable + unsuitable } };
  });
  const notRecorded: RowSpec = { key: 'not_recorded', values: { label: 'Accommodation not recorded', suitable: null, unsuitable: null, total: cohort.filter((person) => !person.accommodationCode).length }, notApplicable: ['suitable', 'unsuitable'] };
  const all = totalRow(typeRows, 'All care leavers aged 17 to 21', ['suitable', 'unsuitable'], () => ({ total: cohort.length }));
  const rows = [...typeRows, notRecorded, all];
  const columns = [
    { key: 'label', label: 'Accommodation (SSDA903 type)', kind: 'text' as const },
    { key: 'suitable', label: 'Suitable (1)', kind: 'people' as const },
    { key: 'unsuitable', label: 'Unsuitable (2)', kind: 'people' as const },
    { key: 'total', label: 'All', kind: 'people' as const },
  ];
  return {
    id: 'accommodation',
    area: 'housing',
    title: 'Accommodation of care leavers, suitable and unsuitable',
    definition: 'Care leavers aged 17 to 21 today, by the SSDA903 accommodation code on their record today: a type letter with suitability 1 (suitable) or 2 (unsuitable). No fixed abode (S) and custody (X) are only ever unsuitable.',
    columns,
    rows,
    lines: [
      ...rowTotals(typeRows, ['suitable', 'unsuitable'], 'total'),
      ...columnTotals([...typeRows, all], columns.filter((column) => column.key !== 'total')),
      { parts: [...typeRows, notRecorded].map((row) => cellId(row.key, 'total')), total: cellId('all', 'total') },
      // The total row's suitable and unsuitable, with those not recorded, make up everyone.
      { parts: [cellId('all', 'suitable'), cellId('all', 'unsuitable'), cellId('not_recorded', 'total')], total: cellId('all', 'total') },
    ],
  };
}

/** The young people of each district (by home district), in one pass. */
function byHomeDistrict(people: readonly PersonFacts[]): Map<string, PersonFacts[]> {
  const groups = new Map<string, PersonFacts[]>();
  for (const person of people) {
    const group = groups.get(person.homeDistrictId);
    if (group) group.push(person);
    else groups.set(person.homeDistrictId, [person]);
  }
  return groups;
}

/**
 * A table with a row per home district and a row for all districts, each people column summing down, and the
 * row's own parts summing across (`parts` make up `whole`).
 */
function districtRows(districts: DistrictFacts[], people: PersonFacts[], counts: (district: DistrictFacts, people: PersonFacts[]) => Record<string, number>, derive: (counts: Record<string, number>) => Record<string, CellValue>, sumKeys: readonly string[]): RowSpec[] {
  const groups = byHomeDistrict(people);
  const rows: RowSpec[] = districts.map((district) => {
    const own = counts(district, groups.get(district.id) ?? []);
    return { key: district.id, values: { label: district.name, ...own, ...derive(own) } };
  });
  return [...rows, totalRow(rows, 'All districts', sumKeys, derive)];
}

/**
 * Housing from 17½: those who reached their home district's application age on a day in the period, and when
 * their first application was submitted: by that day, or within the 4 weeks after it.
 */
export function applicationAgeTable(people: PersonFacts[], districts: DistrictFacts[], period: Period): TableSpec {
  const counts = (district: DistrictFacts, theirs: PersonFacts[]) => {
    let reached = 0;
    let byThen = 0;
    let within4Weeks = 0;
    for (const person of theirs) {
      const reachedOn = dateReachingAge(person.dateOfBirth, district.applicationAge);
      if (!inPeriod(reachedOn, period)) continue;
      reached += 1;
      const applied = person.firstApplicationSubmitted;
      if (applied && compareDates(applied, reachedOn) <= 0) byThen += 1;
      else if (applied && compareDates(applied, addWeeks(reachedOn, PROMPT_APPLICATION_WEEKS)) <= 0) within4Weeks += 1;
    }
    return { reached, byThen, within4Weeks, laterOrNot: reached - byThen - within4Weeks };
  };
  const shares = (own: Record<string, number>) => ({ shareByThen: percent(own.byThen!, own.reached!), shareBy4Weeks: percent(own.byThen! + own.within4Weeks!, own.reached!) });
  const rows = districtRows(districts, people, counts, shares, ['reached', 'byThen', 'within4Weeks', 'laterOrNot']);
  const columns = [
    { key: 'label', label: 'Home district', kind: 'text' as const },
    { key: 'reached', label: 'Reached application age', kind: 'people' as const },
    { key: 'byThen', label: 'Applied by then', kind: 'people' as const },
    { key: 'within4Weeks', label: 'Applied within 4 weeks after', kind: 'people' as const },
    { key: 'laterOrNot', label: 'Later or not yet', kind: 'people' as const },
    { key: 'shareByThen', label: 'Share applied by then', kind: 'percent' as const, builtOn: ['reached', 'byThen'] },
    { key: 'shareBy4Weeks', label: 'Share applied by 4 weeks after', kind: 'percent' as const, builtOn: ['reached', 'byThen', 'within4Weeks'] },
  ];
  return {
    id: 'housing-application-age',
    area: 'housing',
    title: 'Housing applications from the application age (17½)',
    definition: `Young people whose home district's application age (17½ unless the district set another) fell on a day in the period, and when their first social housing application was submitted: on or before that day, or in the ${PROMPT_APPLICATION_WEEKS} weeks after it. "Later or not yet" includes those whose 4 weeks have not run out.`,
    columns,
    rows,
    lines: [...rowTotals(rows, ['byThen', 'within4Weeks', 'laterOrNot'], 'reached'), ...columnTotals(rows, columns)],
  };
}

/** Release from custody within 12 weeks either side of the 18th birthday, with the release in the period. */
export function custodyTable(people: PersonFacts[], districts: DistrictFacts[], period: Period): TableSpec {
  const counts = (_district: DistrictFacts, theirs: PersonFacts[]) => {
    const cases = theirs.filter((person) => isCustodyNear18(person) && inPeriod(person.expectedReleaseDate, period));
    const applied = cases.filter((person) => person.firstApplicationSubmitted && compareDates(person.firstApplicationSubmitted, person.expectedReleaseDate!) < 0).length;
    return { cases: cases.length, applied, notApplied: cases.length - applied };
  };
  const rows = districtRows(districts, people, counts, (own) => ({ share: percent(own.applied!, own.cases!) }), ['cases', 'applied', 'notApplied']);
  const columns = [
    { key: 'label', label: 'Home district', kind: 'text' as const },
    { key: 'cases', label: 'Leaving custody near 18', kind: 'people' as const },
    { key: 'applied', label: 'Application made before release', kind: 'people' as const },
    { key: 'notApplied', label: 'No application before release', kind: 'people' as const },
    { key: 'share', label: 'Share with an application', kind: 'percent' as const, builtOn: ['cases', 'applied'] },
  ];
  return {
    id: 'custody-near-18',
    area: 'housing',
    title: 'Leaving custody near 18',
    definition: `Young people whose expected release from custody falls in the period and within ${CUSTODY_NEAR_18_WEEKS} weeks either side of their 18th birthday, and how many had a housing application submitted before the release date.`,
    columns,
    rows,
    lines: [...rowTotals(rows, ['applied', 'notApplied'], 'cases'), ...columnTotals(rows, columns)],
  };
}

export function isCustodyNear18(person: Pick<PersonFacts, 'dateOfBirth' | 'expectedReleaseDate'>): boolean {
  if (!person.expectedReleaseDate) return false;
  return Math.abs(daysBetween(dateReachingAge(person.dateOfBirth, AGE_18), person.expectedReleaseDate)) <= CUSTODY_NEAR_18_WEEKS * 7;
}

/**
 * Keeping in touch, as the records stand today: a pathway plan review whose date has passed, and no contact
 * recorded or none for 8 weeks or longer. The board's figures and the team's caseloads page count the same way.
 */
export function keepingInTouch(person: Pick<PersonFacts, 'pathwayPlanReviewDate' | 'lastContactDate'>, today: LocalDate): { overdue: boolean; noContact: boolean } {
  return {
    overdue: Boolean(person.pathwayPlanReviewDate && compareDates(person.pathwayPlanReviewDate, today) < 0),
    noContact: !person.lastContactDate || compareDates(person.lastContactDate, addWeeks(today, -LOST_CONTACT_WEEKS)) <= 0,
  };
}

export function caseloadTable(people: PersonFacts[], advisers: AdviserFacts[], today: LocalDate): TableSpec {
  const lostContactOnOrBefore = addWeeks(today, -LOST_CONTACT_WEEKS);
  const byAdviser = new Map(advisers.map((adviser) => [adviser.id, { youngPeople: 0, overdue: 0, noContact: 0 }]));
  for (const person of people) {
    const counts = byAdviser.get(person.personalAdviserId);
    if (!counts || !person.open) continue;
    const { overdue, noContact } = keepingInTouch(person, today);
    counts.youngPeople += 1;
    if (overdue) counts.overdue += 1;
    if (noContact) counts.noContact += 1;
  }
  // The rest of each caseload (not overdue, in contact) is counted too, unpublished: "all 12 overdue" tells of a 0.
  const withRest = (counts: Record<string, number>) => ({ notOverdue: counts.youngPeople! - counts.overdue!, inContact: counts.youngPeople! - counts.noContact! });
  const adviserRows: RowSpec[] = advisers.map((adviser) => {
    const counts = byAdviser.get(adviser.id)!;
    return { key: adviser.id, values: { label: adviser.name, ...counts, ...withRest(counts) } };
  });
  const rows = [...adviserRows, totalRow(adviserRows, 'All personal advisers', ['youngPeople', 'overdue', 'noContact', 'notOverdue', 'inContact'])];
  const columns = [
    { key: 'label', label: 'Personal adviser', kind: 'text' as const },
    { key: 'youngPeople', label: 'Young people', kind: 'people' as const },
    { key: 'overdue', label: 'Pathway plan review overdue', kind: 'people' as const },
    { key: 'noContact', label: 'No contact for 8 weeks', kind: 'people' as const },
    { key: 'notOverdue', label: 'Pathway plan review not overdue', kind: 'people' as const, hidden: true },
    { key: 'inContact', label: 'Contact in the last 8 weeks', kind: 'people' as const, hidden: true },
  ];
  return {
    id: 'caseloads',
    area: 'keeping_in_touch',
    title: 'Personal adviser caseloads and keeping in touch',
    definition: `As the records stand today (${dateInWords(today)}): open records on each active personal adviser's caseload; pathway plan reviews whose date has passed; no contact recorded, or the last contact ${LOST_CONTACT_WEEKS} weeks ago or longer (on or before ${dateInWords(lostContactOnOrBefore)}).`,
    columns,
    rows,
    lines: [...columnTotals(rows, columns), ...rowTotals(rows, ['overdue', 'notOverdue'], 'youngPeople'), ...rowTotals(rows, ['noContact', 'inContact'], 'youngPeople')],
  };
}
