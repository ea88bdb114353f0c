import { isLocalDate } from '../dates.js';

/**
 * A GOV.UK date input (three fields: <name>-day, <name>-month, <name>-year) as YYYY-MM-DD. 'empty' when all three
 * are blank, 'invalid' when the parts do not make a real date; the page then shows the GOV.UK message.
 */
export function dateFromParts(fields: Record<string, string | string[] | undefined>, name: string): string | 'empty' | 'invalid' {
  const part = (suffix: string) => String(fields[`${name}-${suffix}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return 'empty';
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'invalid';
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(date) ? date : 'invalid';
}

/** A date as a GOV.UK hint writes an example to type: "31 7 2026". Built from today, so an example is never in the past. */
export function dateExample(date: string): string {
  const { day, month, year } = dateParts(date);
  return `${day} ${month} ${year}`;
}

/** The three parts of a YYYY-MM-DD date, to fill a GOV.UK date input again. */
export function dateParts(date: string | null | undefined): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return match ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! } : { day: '', month: '', year: '' };
}
