import path from 'node:path';
import nunjucks from 'nunjucks';
import { ageOn } from '../age.js';
import { isLocalDate, londonDateOf } from '../dates.js';
import { GOVUK_FRONTEND_DIST, PROJECT_DIR } from '../project-dir.js';

export const SERVICE_NAME = 'Care Leaver Offers';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

/** "5 March 2026" from a YYYY-MM-DD date or an instant; the GOV.UK style for dates. */
export function longDate(value: unknown): string {
  if (typeof value === 'string' && isLocalDate(value)) return LONG_DATE.format(new Date(`${value}T00:00:00Z`));
  if (value instanceof Date || typeof value === 'string') return LONG_DATE.format(new Date(`${londonDateOf(new Date(value))}T00:00:00Z`));
  return '';
}

/**
 * One Nunjucks environment over our page templates and govuk-frontend's macros, with autoescape on: every value
 * a template prints is escaped unless a template explicitly marks it safe (none do with user data).
 */
export function createPageEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([path.join(PROJECT_DIR, 'templates/pages'), GOVUK_FRONTEND_DIST], { noCache: options.watch ?? false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addFilter('longDate', longDate);
  env.addFilter('dateTime', (value: unknown) => (value ? DATE_TIME.format(new Date(value as string)) : ''));
  env.addFilter('ageYears', (dateOfBirth: string, today: string) => ageOn(dateOfBirth, today).years);
  env.addFilter('humanise', (value: unknown) => (typeof value === 'string' ? (value.charAt(0).toUpperCase() + value.slice(1)).replaceAll('_', ' ') : value));
  return env;
}
