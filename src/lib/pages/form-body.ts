import type { Request } from 'express';

/** A posted form's fields without the CSRF token, which is checked before any handler runs. */
export function formFields(req: Request): Record<string, string | string[]> {
  const { _csrf: _token, ...fields } = (req.body ?? {}) as Record<string, string | string[]>;
  return fields;
}

/** A field that may be posted once or several times (checkboxes, add-another rows), always as a list. */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** One text field: the last value if it was posted several times, trimmed; '' when absent. */
export function textOf(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return (text ?? '').trim();
}
