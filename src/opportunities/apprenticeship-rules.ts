/**
 * What a GOV.UK apprenticeship vacancy must carry (SkillsFundingAgency/das-recruit,
 * FluentVacancyValidator.cs and VacancyFluentValidationExtensions.cs), for this service's
 * apprenticeships, ring-fenced or an employer's.
 */
import { dayMonthYear, type LocalDate } from '../lib/dates.js';
import { apprenticeMinimumWageOn, isAtLeastApprenticeMinimum, poundsPerHour } from './apprentice-minimum-wage.js';

export const APPRENTICESHIP_WEEKLY_HOURS = { min: 16, max: 48 } as const;
export const SHORT_DESCRIPTION_LENGTH = { min: 50, max: 350 } as const;
/** das-recruit: 8 months for starts from 1 August 2025, 12 before. */
export const EIGHT_MONTH_MINIMUM_FROM: LocalDate = '2025-08-01';
/** Under this many hours a week the minimum duration is stretched (scaled by 30 / hours). */
export const FULL_TIME_WEEKLY_HOURS = 30;
/** Wage types that cannot pay an apprentice. */
const UNPAID_WAGE_TYPES = ['unpaid', 'not_applicable'];

export interface ApprenticeshipShape {
  kind: string;
  description: string;
  startDate: LocalDate | null;
  weeklyHours: number | null;
  durationMonths: number | null;
  wageType: string | null;
  yearlyWagePence: number | null;
}

export const isApprenticeship = (kind: string) => kind === 'apprenticeship' || kind === 'ring_fenced_apprenticeship';

/**
 * The least duration in months. das-recruit: when weekly hours are under 30, the minimum is
 * `Math.Ceiling(30 / hours * minimum)` months, i.e. scaled and rounded UP to a whole month
 * (29.9 hours and an 8-month minimum: 8.03 months, so 9).
 */
export function minimumDurationMonths(startDate: LocalDate, weeklyHours: number | null): number {
  const base = startDate >= EIGHT_MONTH_MINIMUM_FROM ? 8 : 12;
  if (weeklyHours === null || weeklyHours >= FULL_TIME_WEEKLY_HOURS) return base;
  // Rounded to 6 places first so 30 / 15 * 8 is 16, not 16.000000000000004 rounded up to 17.
  return Math.ceil(Number(((FULL_TIME_WEEKLY_HOURS / weeklyHours) * base).toFixed(6)));
}

/** Problems with an apprenticeship's GOV.UK details; empty for other kinds. */
export function apprenticeshipProblems(offer: ApprenticeshipShape): { path: string; message: string }[] {
  if (!isApprenticeship(offer.kind)) return [];
  const problems: { path: string; message: string }[] = [];
  const { min, max } = APPRENTICESHIP_WEEKLY_HOURS;
  if (offer.weeklyHours === null) problems.push({ path: 'weeklyHours', message: `is required for an apprenticeship (${min} to ${max} hours a week)` });
  else if (offer.weeklyHours < min || offer.weeklyHours > max) problems.push({ path: 'weeklyHours', message: `must be ${min} to ${max} for an apprenticeship` });
  if (offer.startDate === null) problems.push({ path: 'startDate', message: 'is required for an apprenticeship' });
  const length = offer.description.trim().length;
  if (length < SHORT_DESCRIPTION_LENGTH.min || length > SHORT_DESCRIPTION_LENGTH.max) {
    problems.push({ path: 'description', message: `must be ${SHORT_DESCRIPTION_LENGTH.min} to ${SHORT_DESCRIPTION_LENGTH.max} characters for an apprenticeship (it has ${length}): put the detail in what they will do` });
  }
  if (offer.durationMonths === null) problems.push({ path: 'durationMonths', message: 'is required for an apprenticeship' });
  else if (offer.startDate !== null) {
    const least = minimumDurationMonths(offer.startDate, offer.weeklyHours);
    if (offer.durationMonths < least) {
      const why = offer.weeklyHours !== null && offer.weeklyHours < FULL_TIME_WEEKLY_HOURS ? ` at ${offer.weeklyHours} hours a week` : '';
      problems.push({ path: 'durationMonths', message: `must be at least ${least} months for an apprenticeship starting on ${dayMonthYear(offer.startDate)}${why}` });
    }
  }
  if (offer.wageType === null) problems.push({ path: 'wageType', message: 'is required for an apprenticeship' });
  else if (UNPAID_WAGE_TYPES.includes(offer.wageType)) problems.push({ path: 'wageType', message: 'must be a paid wage: apprentices are employees' });
  if (offer.wageType === 'fixed' && offer.yearlyWagePence === null) problems.push({ path: 'yearlyWagePence', message: 'is required for a fixed wage' });
  if (offer.yearlyWagePence !== null && offer.startDate !== null && offer.weeklyHours !== null && offer.weeklyHours > 0) {
    const rate = apprenticeMinimumWageOn(offer.startDate);
    if (rate && !isAtLeastApprenticeMinimum(offer.yearlyWagePence, offer.weeklyHours, rate.pencePerHour)) {
      problems.push({ path: 'yearlyWagePence', message: `is below the apprentice minimum wage of ${poundsPerHour(rate.pencePerHour)} an hour in force on ${dayMonthYear(offer.startDate)} (yearly wage / 52 / weekly hours)` });
    }
  }
  return problems;
}
