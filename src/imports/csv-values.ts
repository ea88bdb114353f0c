import type { ZodError } from 'zod';
import type { ColumnError } from './import-report.js';

/**
 * Turning CSV text into the values the API's schemas expect. Case-management exports write dates the
 * British way (31/01/2008) as often as ISO; both are accepted, and the schema then checks the date is real.
 */
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function csvDate(value: string): string | null {
  if (value === '') return null;
  const uk = UK_DATE.exec(value);
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : value;
}

const TRUE = ['y', 'yes', 'true', '1'];
const FALSE = ['n', 'no', 'false', '0', ''];

/** Y/N, yes/no, true/false, 1/0; blank is no. Anything else is returned as-is for the schema to reject. */
export function csvBoolean(value: string): boolean | string {
  const lower = value.toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  return value;
}

/** "Former relevant", "former-relevant" and "FORMER_RELEVANT" all mean former_relevant. */
export function csvChoice(value: string): string | undefined {
  return value === '' ? undefined : value.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function csvCode(value: string): string | null {
  return value === '' ? null : value.toUpperCase();
}

export function csvText(value: string): string | null {
  return value === '' ? null : value;
}

export function csvNumber(value: string): number | string | null {
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

/** zod issues as column errors, naming the CSV column rather than the API field, and the offending value's kind. */
export function columnErrors(error: ZodError, columnOf: (field: string) => string): ColumnError[] {
  return error.issues.map((issue) => ({ column: columnOf(String(issue.path[0] ?? '')), message: issue.message }));
}
