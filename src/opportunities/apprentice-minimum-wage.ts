import type { LocalDate } from '../lib/dates.js';

/**
 * The National Minimum Wage rate for apprentices, by the date it came into force (always 1 April).
 * Source: GOV.UK "National Minimum Wage and National Living Wage rates"
 * (https://www.gov.uk/national-minimum-wage-rates). £6.40 (April 2024) and £7.55 (April 2025) are as
 * published there; £8.00 from April 2026 is the rate announced in the November 2025 Budget (Low Pay
 * Commission recommendation), not checked against the live page from this machine (no web access).
 * Each April: add one row at the end, newest last.
 */
export const APPRENTICE_MINIMUM_WAGE_RATES: readonly { from: LocalDate; pencePerHour: number }[] = [
  { from: '2024-04-01', pencePerHour: 640 },
  { from: '2025-04-01', pencePerHour: 755 },
  { from: '2026-04-01', pencePerHour: 800 },
];

/** The rate in force on `day`; null before the first row (no rule to apply). */
export function apprenticeMinimumWageOn(day: LocalDate): { from: LocalDate; pencePerHour: number } | null {
  let inForce: { from: LocalDate; pencePerHour: number } | null = null;
  for (const rate of APPRENTICE_MINIMUM_WAGE_RATES) if (rate.from <= day) inForce = rate;
  return inForce;
}

/** GOV.UK's check: yearly wage / 52 weeks / weekly hours, in pence, at least the hourly rate. */
export function isAtLeastApprenticeMinimum(yearlyWagePence: number, weeklyHours: number, pencePerHour: number): boolean {
  // Compared as yearly pence so 29.9 hours does not stumble on floating-point division.
  return yearlyWagePence * 100 >= Math.round(pencePerHour * 52 * weeklyHours * 100);
}

export const poundsPerHour = (pence: number) => `£${(pence / 100).toFixed(2)}`;
