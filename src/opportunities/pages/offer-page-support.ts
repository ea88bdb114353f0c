import type { ZodError } from 'zod';
import { AppError } from '../../lib/errors.js';
import { type FieldError, type PageContext } from '../../lib/pages/pages.js';
import { organisationApprovedOrRedirect } from '../../employers/pages/approved-organisation.js';
import { anchorOf, FIELD_LABELS, QUESTION_OF_FIELD } from './offer-questions.js';

export { idFrom } from '../../lib/pages/pages.js';

/**
 * Employers' offer pages are for approved organisations only: one waiting for approval or suspended goes to the
 * page that says so. Returns false when it has redirected.
 */
export async function approvedEmployer(context: PageContext): Promise<boolean> {
  return context.actor.role !== 'employer' || organisationApprovedOrRedirect(context);
}

/** A rule's or the schema's problems as page errors on the API's field names, each said as a sentence. */
export function problemsOf(error: unknown): FieldError[] {
  if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
  const details = error.details as { errors?: { path: string; message: string }[] } | undefined;
  if (!details?.errors?.length) return [{ field: 'form', message: error.message }];
  return details.errors.map((issue) => ({ field: issue.path.split('.')[0] ?? 'form', message: sentence(issue.path.split('.')[0] ?? '', issue.message) }));
}

export function zodProblems(error: ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? 'form');
    return { field, message: sentence(field, plainWords(issue)) };
  });
}

/** zod's messages in words a person reads on a form ("must be 48 or less", not "Too big: expected number to be <=48"). */
function plainWords(issue: ZodError['issues'][number]): string {
  const limit = (issue as { maximum?: unknown; minimum?: unknown; origin?: string });
  if (issue.code === 'too_big') return limit.origin === 'string' ? `must be ${String(limit.maximum)} characters or fewer` : limit.origin === 'array' ? `must have ${String(limit.maximum)} or fewer` : `must be ${String(limit.maximum)} or less`;
  if (issue.code === 'too_small') return limit.origin === 'string' ? `must be at least ${String(limit.minimum)} characters` : limit.origin === 'array' ? `must have at least ${String(limit.minimum)}` : `must be at least ${String(limit.minimum)}`;
  if (issue.code === 'unrecognized_keys') return 'has fields it should not have';
  return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
}

const sentence = (field: string, message: string) => (FIELD_LABELS[field] ? `${FIELD_LABELS[field]} ${message}` : message.charAt(0).toUpperCase() + message.slice(1));

/**
 * The GOV.UK error summary and per-field messages. A field asked on this page links to its box; one asked on
 * another question page (a rule that looks at two answers) links to that page, so it can be put right there.
 * `onQuestion` '*': a page whose every field is its own (extend); null: a page with no fields (check your answers).
 */
export function offerErrorView(errors: FieldError[] | undefined, offerId: string, onQuestion: string | null) {
  const list = errors ?? [];
  return {
    errorList: list.map((error) => {
      const owner = QUESTION_OF_FIELD[error.field];
      const here = onQuestion === '*' || (onQuestion !== null && (owner === undefined || owner === onQuestion));
      const href = here ? `#${anchorOf(error.field)}` : owner ? `/opportunities/${offerId}/edit/${owner}?check=1#${anchorOf(error.field)}` : '#main-content';
      return { text: error.message, href, attributes: { 'data-qa': `error-${error.field}` } };
    }),
    fieldErrors: Object.fromEntries(list.map((error) => [error.field, { text: error.message }])),
  };
}
