import type { LocalDate } from '../lib/dates.js';
import { publish, type FigureArea, type PublishedTable, type TableSpec } from './figure-table.js';
import type { FiguresInput } from './figure-records.js';
import type { Period } from './figures-period.js';
import { accommodationTable, activityTable, applicationAgeTable, caseloadTable, custodyTable } from './people-figures.js';
import { covenantAreasTable, covenantOrganisationsTable, funnelTable, moneyTable, monthlyTrendTable, ringFencedTable } from './referral-figures.js';
import { remindersTable } from './reminder-figures.js';

/** Every table, in the board report's order; ids are the URL names (/api/reports/<id>, /figures/<id>.csv). */
export const FIGURE_TABLES = ['activity', 'accommodation', 'monthly-trend', 'housing-application-age', 'custody-near-18', 'ring-fenced-places', 'referral-funnel', 'covenant-signatories', 'covenant-areas', 'bursaries-incentives', 'caseloads', 'reminders'] as const;
export type FigureTableId = (typeof FIGURE_TABLES)[number];

export const AREA_TITLES: Record<FigureArea, string> = {
  eet: 'Education, employment and training',
  housing: 'Housing and accommodation',
  covenant: 'Apprenticeships and the Care Leaver Covenant',
  keeping_in_touch: 'Keeping in touch',
  reminders: 'Reminders',
};

/** Builds one table (or all) from the facts, with suppression applied. Pure: `today` and the period are given. */
export function figureTable(id: FigureTableId, input: FiguresInput, period: Period, today: LocalDate): PublishedTable {
  return publish(tableSpec(id, input, period, today));
}

export function boardTables(input: FiguresInput, period: Period, today: LocalDate): PublishedTable[] {
  return FIGURE_TABLES.map((id) => figureTable(id, input, period, today));
}

function tableSpec(id: FigureTableId, input: FiguresInput, period: Period, today: LocalDate): TableSpec {
  switch (id) {
    case 'activity':
      return activityTable(input.people, period, today);
    case 'accommodation':
      return accommodationTable(input.people, today);
    case 'monthly-trend':
      return monthlyTrendTable(input.referrals, input.applications.flatMap((application) => (application.submittedDate ? [application.submittedDate] : [])), period);
    case 'housing-application-age':
      return applicationAgeTable(input.people, input.districts, period);
    case 'custody-near-18':
      return custodyTable(input.people, input.districts, period);
    case 'ring-fenced-places':
      return ringFencedTable(input.offers, input.referrals, input.ringFencedTargets, period);
    case 'referral-funnel':
      return funnelTable(input.referrals, period);
    case 'covenant-signatories':
      return covenantOrganisationsTable(input.organisations, input.offers, input.referrals, period);
    case 'covenant-areas':
      return covenantAreasTable(input.offers, period);
    case 'bursaries-incentives':
      return moneyTable(input.referrals, period);
    case 'caseloads':
      return caseloadTable(input.people, input.advisers, today);
    case 'reminders':
      return remindersTable(input.reminders, input.reminderEmails, input.referrals, input.applications, period);
  }
}
