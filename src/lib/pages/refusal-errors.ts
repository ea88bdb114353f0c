import { AppError } from '../errors.js';
import type { FieldError } from './pages.js';

/**
 * A service's refusal (a rule, a conflict, a validation problem) as error-summary lines linking to `field`, so a
 * page can say why the action was not done. Not found and server errors are not refusals: they are rethrown.
 */
export function refusalErrors(error: unknown, field: string): FieldError[] {
  if (!(error instanceof AppError) || error.status === 404 || error.status >= 500 || !error.isOperational) throw error;
  const problems = (error.details as { errors?: { path: string; message: string }[] } | undefined)?.errors;
  if (problems?.length) return problems.map((problem) => ({ field, message: `${problem.path ? `${problem.path}: ` : ''}${problem.message}` }));
  return [{ field, message: error.message }];
}
