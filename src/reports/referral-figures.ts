import { compareDates, daysBetween, type LocalDate } from '../lib/dates.js';
import { COVENANT_AREAS } from '../opportunities/covenant-areas.js';
import { cellId, columnTotals, median, percent, rowTotals, totalRow, type RowSpec, type TableSpec } from './figure-table.js';
import type { OfferFacts, OrganisationFacts, ReferralFacts } from './figure-records.js';
import { councilYearLabel, councilYearPeriod, councilYearsOverlapping, inPeriod, monthLabel, monthsOf, type Period } from './figures-period.js';

/** The funnel from seed 002 ("seven meetings led to four work trials and two apprentices"), then sustained 3 months. */
export const FUNNEL_STEPS = [
  { stage: 'referred', label: 'Referred' },
  { stage: 'informal_meeting', label: 'Informal meeting' },
  { stage: 'work_trial', label: 'Work trial' },
  { stage: 'offered', label: 'Offered' },
  { stage: 'started', label: 'Started' },
  { stage: 'sustained', label: 'Sustained 3 months' },
] as const;

/** The day the young person was put forward: the 'referred' step, else the first (a suggestion). */
export function referredOn(referral: ReferralFacts): LocalDate | null {
  return (referral.steps.find((step) => step.stage === 'referred') ?? referral.steps[0])?.date ?? null;
}

/** The event date of a step (the latest, if it was recorded twice). */
export function stepDate(referral: ReferralFacts, stage: string): LocalDate | null {
  for (let index = referral.steps.length - 1; index >= 0; index -= 1) if (referral.steps[index]!.stage === stage) return referral.steps[index]!.date;
  return null;
}

/** Reached a step: recorded it, or a later step of the funnel (a start without a recorded trial is past the trial). */
function reachedStep(referral: ReferralFacts, stepIndex: number): boolean {
  return FUNNEL_STEPS.slice(stepIndex).some((step) => stepDate(referral, step.stage) !== null);
}

export function funnelTable(referrals: ReferralFacts[], period: Period): TableSpec {
  const cohort = referrals.filter((referral) => inPeriod(referredOn(referral), period));
  const rows: RowSpec[] = FUNNEL_STEPS.map((step, index): RowSpec => {
    const reached = cohort.filter((referral) => reachedStep(referral, index)).length;
    const previous = index === 0 ? null : FUNNEL_STEPS[index - 1]!;
    const previousReached = index === 0 ? null : cohort.filter((referral) => reachedStep(referral, index - 1)).length;
    const gaps = previous
      ? cohort.flatMap((referral) => {
          const from = previous.stage === 'referred' ? referredOn(referral) : stepDate(referral, previous.stage);
          const to = stepDate(referral, step.stage);
          return from && to ? [daysBetween(from, to)] : [];
        })
      : [];
    return {
      key: step.stage,
      values: { label: step.label, reached, notReached: previousReached === null ? null : previousReached - reached, conversion: previousReached === null ? null : percent(reached, previousReached), medianDays: previous ? median(gaps) : null, pairs: gaps.length },
      builtOnCells: previous ? { conversion: [cellId(previous.stage, 'reached')] } : undefined,
      notApplicable: previous ? [] : ['conversion', 'medianDays'],
    };
  });
  return {
    id: 'referral-funnel',
    area: 'covenant',
    title: 'Referral funnel',
    definition:
      'Referrals made in the period (by the day the young person was put forward), by how far each got: a step counts as reached when it, or a later step, was recorded. ' +
      'Conversion is the share of those reaching the step before. Median days between steps uses the event dates (the day a meeting, trial or start happened), over referrals with both steps recorded.',
    columns: [
      { key: 'label', label: 'Step', kind: 'text' },
      { key: 'reached', label: 'Reached', kind: 'people' },
      { key: 'conversion', label: 'Conversion from the step before', kind: 'percent', builtOn: ['reached'] },
      { key: 'medianDays', label: 'Median days from the step before', kind: 'days', builtOn: ['pairs'] },
      { key: 'pairs', label: 'Referrals with both dates', kind: 'people', hidden: true },
      { key: 'notReached', label: 'Stopped before this step', kind: 'people', hidden: true },
    ],
    rows,
    // Those who stopped before a step are a count too ("none of the 6 offered failed to start"): each step and
    // those who stopped before it make up the step before.
    lines: FUNNEL_STEPS.slice(1).map((step, index) => ({ parts: [cellId(step.stage, 'reached'), cellId(step.stage, 'notReached')], total: cellId(FUNNEL_STEPS[index]!.stage, 'reached') })),
  };
}

/** Open at some time in the period: went live on or before its end and was still open on or after its start. */
export function offerOpenIn(offer: OfferFacts, period: Period): boolean {
  if (!offer.openedOn || compareDates(offer.openedOn, period.to) > 0) return false;
  return offer.lastOpenOn === null || compareDates(offer.lastOpenOn, period.from) >= 0;
}

export function ringFencedTable(offers: OfferFacts[], referrals: ReferralFacts[], targets: Map<number, number>, period: Period): TableSpec {
  const rows: RowSpec[] = councilYearsOverlapping(period).map((year) => {
    const councilYear = councilYearPeriod(year);
    const offered = offers.filter((offer) => offer.ringFenced && offerOpenIn(offer, councilYear)).reduce((sum, offer) => sum + offer.places, 0);
    const filled = referrals.filter((referral) => referral.ringFenced && inPeriod(stepDate(referral, 'started'), councilYear)).length;
    const target = targets.get(year) ?? null;
    return { key: String(year), values: { label: councilYearLabel(year), target, offered, filled, againstTarget: target ? percent(filled, target) : null } };
  });
  return {
    id: 'ring-fenced-places',
    area: 'covenant',
    title: 'Ring-fenced apprenticeship places against the target',
    definition:
      "For each council year (April to March) the period touches: the target set for the year (by an administrator, under \u201cSet the target for a council year\u201d on the figures page), the places on ring-fenced apprenticeships open at some time in that year, and the places filled: young people who started one, by the start's event date in that year.",
    columns: [
      { key: 'label', label: 'Council year', kind: 'text' },
      { key: 'target', label: 'Target (places)', kind: 'count' },
      { key: 'offered', label: 'Places offered', kind: 'count' },
      { key: 'filled', label: 'Places filled', kind: 'people' },
      { key: 'againstTarget', label: 'Filled against target', kind: 'percent', builtOn: ['filled'] },
    ],
    rows,
  };
}

/** The row for referrals to offers no signatory made (the council's own, ring-fenced places among them). */
export const COUNCIL_OFFERS_ROW = 'council';

export function covenantOrganisationsTable(organisations: OrganisationFacts[], offers: OfferFacts[], referrals: ReferralFacts[], period: Period): TableSpec {
  // One pass over offers and one over referrals, counted by organisation (thousands of signatories nationally).
  const counts = new Map([...organisations.map((organisation) => organisation.id), COUNCIL_OFFERS_ROW].map((key) => [key, { offersOpen: 0, referred: 0, started: 0 }]));
  const countsOf = (organisationId: string | null) => counts.get(organisationId && counts.has(organisationId) ? organisationId : COUNCIL_OFFERS_ROW)!;
  for (const offer of offers) if (offerOpenIn(offer, period)) countsOf(offer.organisationId).offersOpen += 1;
  for (const referral of referrals) {
    if (inPeriod(referredOn(referral), period)) countsOf(referral.organisationId).referred += 1;
    if (inPeriod(stepDate(referral, 'started'), period)) countsOf(referral.organisationId).started += 1;
  }
  const active = (key: string) => {
    const { offersOpen, referred, started } = counts.get(key)!;
    return offersOpen + referred + started > 0;
  };
  const signatoryRows: RowSpec[] = organisations.filter((organisation) => active(organisation.id)).map((organisation) => ({ key: organisation.id, values: { label: organisation.name, ...counts.get(organisation.id)! } }));
  signatoryRows.sort((a, b) => String(a.values.label).localeCompare(String(b.values.label)));
  // Referrals to the council's own offers are listed too, so the total is every referral and start (as in the
  // funnel and the trend), and a small number of them cannot be worked out as the difference.
  const councilRows: RowSpec[] = active(COUNCIL_OFFERS_ROW) ? [{ key: COUNCIL_OFFERS_ROW, values: { label: "The council's own offers (not a signatory)", ...counts.get(COUNCIL_OFFERS_ROW)! } }] : [];
  const partRows = [...signatoryRows, ...councilRows];
  const rows = [...partRows, totalRow(partRows, 'All offers and referrals', ['offersOpen', 'referred', 'started'])];
  const columns = [
    { key: 'label', label: 'Organisation', kind: 'text' as const },
    { key: 'offersOpen', label: 'Offers open', kind: 'count' as const },
    { key: 'referred', label: 'Referrals', kind: 'people' as const },
    { key: 'started', label: 'Starts', kind: 'people' as const },
  ];
  return {
    id: 'covenant-signatories',
    area: 'covenant',
    title: `Care Leaver Covenant signatories active in the period: ${signatoryRows.length}`,
    definition:
      "A signatory is active when one of its offers was open at some time in the period, or a young person was referred to one of its offers in the period. Referrals by the day the young person was put forward; starts by the start's event date. " +
      "The council's own offers (its ring-fenced apprenticeships among them) have a row of their own, so the total is every referral and start in the period. " +
      'Offers open are offers, not young people, so they are shown as they are.',
    columns,
    rows,
    lines: columnTotals(rows, columns),
  };
}

export function covenantAreasTable(offers: OfferFacts[], period: Period): TableSpec {
  const open = offers.filter((offer) => offer.organisationId && offerOpenIn(offer, period));
  const words: Record<string, string> = { independent_living: 'Independent living', education_employment_training: 'Education, employment and training', safety_security: 'Safety and security', mental_physical_health: 'Mental and physical health', finance: 'Financial help' };
  return {
    id: 'covenant-areas',
    area: 'covenant',
    title: 'Covenant offers by the five Covenant areas',
    definition: "Signatories' offers open at some time in the period, by the Covenant area each is in. An offer may be in more than one area, so the areas do not add up to the offers. These count offers, not young people, so they are not suppressed.",
    columns: [
      { key: 'label', label: 'Covenant area', kind: 'text' },
      { key: 'offers', label: 'Offers open', kind: 'count' },
    ],
    rows: [
      ...COVENANT_AREAS.map((area) => ({ key: area, values: { label: words[area] ?? area, offers: open.filter((offer) => offer.areas.includes(area)).length } })),
      { key: 'all', total: true, values: { label: 'All offers open', offers: open.length } },
    ],
  };
}

export function moneyTable(referrals: ReferralFacts[], period: Period): TableSpec {
  const starts = referrals.filter((referral) => inPeriod(stepDate(referral, 'started'), period));
  const bursaries = starts.filter((referral) => (referral.bursaryAmountPence ?? 0) > 0);
  const incentives = starts.filter((referral) => referral.employerIncentiveStatus === 'due' || referral.employerIncentiveStatus === 'claimed');
  const claimed = incentives.filter((referral) => referral.employerIncentiveStatus === 'claimed');
  const pounds = (list: ReferralFacts[], field: 'bursaryAmountPence' | 'employerIncentiveAmountPence') => Math.round(list.reduce((sum, referral) => sum + (referral[field] ?? 0), 0) / 100);
  const unclaimed = incentives.filter((referral) => referral.employerIncentiveStatus === 'due');
  const rows: RowSpec[] = [
    { key: 'bursary', values: { label: 'Care leaver apprenticeship bursary (£3,000)', due: bursaries.length, paid: null, unclaimed: null, amountDue: pounds(bursaries, 'bursaryAmountPence'), amountUnclaimed: null } },
    { key: 'employer_incentive', values: { label: 'Employer incentive (£1,000)', due: incentives.length, paid: claimed.length, unclaimed: unclaimed.length, amountDue: pounds(incentives, 'employerIncentiveAmountPence'), amountUnclaimed: pounds(unclaimed, 'employerIncentiveAmountPence') } },
  ];
  return {
    id: 'bursaries-incentives',
    area: 'covenant',
    title: 'Bursaries and employer incentives due, paid and unclaimed',
    definition:
      "Apprenticeship starts in the period (by the start's event date): the £3,000 bursary recorded as due at the start (under 25), and the £1,000 employer incentive due (16-18, or 19-24 where the young person agreed the employer may know they are a care leaver); paid = marked claimed by council staff; unclaimed = still due.",
    notes: ['Bursary payments are not recorded in this service: only the bursary due at each start is shown, so paid and unclaimed bursaries cannot be counted here.'],
    columns: [
      { key: 'label', label: 'Payment', kind: 'text' },
      { key: 'due', label: 'Due', kind: 'people' },
      { key: 'paid', label: 'Paid', kind: 'people' },
      { key: 'unclaimed', label: 'Unclaimed', kind: 'people' },
      { key: 'amountDue', label: 'Amount due', kind: 'pounds', builtOn: ['due'] },
      { key: 'amountUnclaimed', label: 'Amount unclaimed', kind: 'pounds', builtOn: ['unclaimed'] },
    ],
    rows,
    lines: rowTotals(rows.slice(1), ['paid', 'unclaimed'], 'due'),
  };
}

/** The trend by month: referrals made, meetings held, starts, and housing applications submitted. */
export function monthlyTrendTable(referrals: ReferralFacts[], applicationsSubmitted: LocalDate[], period: Period): TableSpec {
  const months = monthsOf(period);
  const counts = new Map(months.map((month) => [month, { referred: 0, meetings: 0, started: 0, applications: 0 }]));
  const count = (date: LocalDate | null, key: 'referred' | 'meetings' | 'started' | 'applications') => {
    if (date && inPeriod(date, period)) counts.get(date.slice(0, 7))![key] += 1;
  };
  for (const referral of referrals) {
    count(referredOn(referral), 'referred');
    count(stepDate(referral, 'informal_meeting'), 'meetings');
    count(stepDate(referral, 'started'), 'started');
  }
  for (const submitted of applicationsSubmitted) count(submitted, 'applications');
  const monthRows: RowSpec[] = months.map((month) => ({ key: month, values: { label: monthLabel(month), ...counts.get(month)! } }));
  const rows = [...monthRows, totalRow(monthRows, 'Whole period', ['referred', 'meetings', 'started', 'applications'])];
  const columns = [
    { key: 'label', label: 'Month', kind: 'text' as const },
    { key: 'referred', label: 'Referrals made', kind: 'people' as const },
    { key: 'meetings', label: 'Informal meetings', kind: 'people' as const },
    { key: 'started', label: 'Starts', kind: 'people' as const },
    { key: 'applications', label: 'Housing applications submitted', kind: 'people' as const },
  ];
  return {
    id: 'monthly-trend',
    area: 'eet',
    title: 'Trend by month',
    definition: 'Each month of the period (the first and last months only from and to the period\'s days): referrals made (the day put forward), informal meetings and starts (their event dates), and housing applications submitted (the submitted date).',
    columns,
    rows,
    lines: columnTotals(rows, columns),
  };
}
