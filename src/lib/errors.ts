import { ZodError } from 'zod';

/** The one error type. Operational errors are expected (bad input, not found); others are bugs. */
/** MongoDB's (and FerretDB's) duplicate-key error: a unique index refused the write. */
export const DUPLICATE_KEY_ERROR = 11000;
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: number } | null)?.code === DUPLICATE_KEY_ERROR;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly isOperational = true,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unauthenticated = (message = 'Sign in to use this service.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'Your role does not allow this.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError(409, 'rule_violation', message, details);

/** A JSON problem body (RFC 9457 shape) with our code and the request id for support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  details?: unknown;
  requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `about:blank#${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra };
}

/** The driver's and mongoose's ways of saying the database cannot be reached (down, hung, or the pool cleared). */
const DATABASE_UNAVAILABLE = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoNotConnectedError', 'MongoPoolClearedError', 'MongoTopologyClosedError', 'MongoWaitQueueTimeoutError']);
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const e = error as { name?: string; message?: string } | null;
  return Boolean(e && (DATABASE_UNAVAILABLE.has(e.name ?? '') || (e.name === 'MongooseError' && /buffering timed out/.test(e.message ?? ''))));
};

/** Which part of a request a schema checked: an unknown key is a field in a body, a parameter elsewhere. */
export type InputPart = 'params' | 'query' | 'body';
const UNKNOWN_KEY: Record<InputPart, string> = { params: 'Unknown path parameter', query: 'Unknown query parameter', body: 'Unknown field' };

/** zod issues as field errors; each unknown key is reported at its own path (a query parameter at its name). */
export function zodIssues(error: ZodError, part: InputPart = 'body'): { path: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: `${UNKNOWN_KEY[part]}: ${key}` }));
    }
    return [{ path: issue.path.join('.') || `(${part})`, message: issue.message }];
  });
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: number | string;
  keyValue?: Record<string, unknown>;
  name?: string;
  expose?: boolean;
}

/** body-parser (through http-errors) marks the errors it raises about a client's request with a 4xx status and `expose`. */
function isClientErrorFromBodyParser(e: HttpishError): boolean {
  const status = e.status ?? e.statusCode;
  return e.expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

/** Turns any thrown value into a problem and says whether it was expected (so only bugs are logged as errors). */
export function toProblem(error: unknown): { problem: Problem; expected: boolean } {
  if (error instanceof AppError && error.code === 'validation_failed') {
    const { errors } = error.details as { errors: Problem['errors'] };
    return { problem: problem(400, 'validation_failed', error.message, { errors: errors ?? [] }), expected: true };
  }
  if (error instanceof AppError) {
    const extra: Partial<Problem> = error.details === undefined ? {} : { details: error.details };
    return { problem: problem(error.status, error.code, error.message, extra), expected: error.isOperational };
  }
  if (error instanceof ZodError) {
    return {
      problem: problem(400, 'validation_failed', 'The request is not valid.', { errors: zodIssues(error) }),
      expected: true,
    };
  }
  const e = (error ?? {}) as HttpishError;
  if (e.type === 'entity.parse.failed') {
    return { problem: problem(400, 'malformed_json', 'The request body is not valid JSON.'), expected: true };
  }
  if (e.type === 'entity.too.large') {
    return { problem: problem(413, 'payload_too_large', 'The request body is too large.'), expected: true };
  }
  if (e.type === 'encoding.unsupported') {
    return { problem: problem(415, 'unsupported_encoding', 'The request\'s Content-Encoding is not supported: send it uncompressed, or as gzip, deflate or br.'), expected: true };
  }
  if (e.type === 'charset.unsupported') {
    return { problem: problem(415, 'unsupported_charset', 'The request\'s charset is not supported: send UTF-8.'), expected: true };
  }
  if (isClientErrorFromBodyParser(e)) {
    // Its own status (400 for a corrupt compressed body, an aborted or mis-sized request), never a 500.
    const status = e.status ?? e.statusCode ?? 400;
    return { problem: problem(status, 'unreadable_body', 'The request body could not be read: check its Content-Encoding, Content-Length and charset.'), expected: true };
  }
  if (isDuplicateKey(error) || e.code === 11001) {
    // Field names only: the duplicated value may be personal data.
    const fields = Object.keys(e.keyValue ?? {});
    return {
      problem: problem(409, 'duplicate', 'A record with the same unique value already exists.', fields.length ? { details: { fields } } : {}),
      expected: true,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // Logged (not expected), but answered as what it is: a temporary outage, not a bug.
    return { problem: problem(503, 'database_unavailable', 'The database cannot be reached just now; nothing was changed by this request unless it says so. Try again in a moment.'), expected: false };
  }
  if (e.name === 'CastError') {
    return { problem: problem(404, 'not_found', 'Record not found.'), expected: true };
  }
  return { problem: problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.'), expected: false };
}

/** A business-rule validation failure, in the same shape as a zod one (400 with field paths). */
export const validationFailed = (errors: { path: string; message: string }[]) => new AppError(400, 'validation_failed', 'The request is not valid.', { errors });
