import { Router, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { PAGE_LAYER_NAME } from '../pages/page-layer.js';
import type { AppDeps } from '../../app-deps.js';
import type { Actor } from '../../users/roles.js';
import { AppError } from '../errors.js';
import { DatabaseRateLimitStore } from './rate-limit-store.js';

const tooManyRequests = () => new AppError(429, 'too_many_requests', 'Too many requests. Wait for the time given in Retry-After, then try again.');

type KeyOf = (req: Request) => string | undefined;

/** The email a public form names, lower-cased; undefined (not counted) when absent, for validation to reject. */
const emailIn = (pick: (body: Record<string, unknown>) => unknown): KeyOf => (req) => {
  const value = pick((req.body ?? {}) as Record<string, unknown>);
  return typeof value === 'string' && value.length <= 254 ? value.trim().toLowerCase() : undefined;
};
const signedInUser: KeyOf = (req) => ((req.res?.locals.actor as Actor | undefined)?.userId || undefined);

/**
 * Limits on public and costly routes, per client address and per account or email, counted in the database
 * so that every instance shares them. Over the limit: a 429 problem with Retry-After (seconds to the window's end).
 * Mounted before the API router and after authentication (imports are limited per signed-in user).
 */
export function createRateLimits(deps: AppDeps): Router {
  const { config, clock } = deps;
  const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;

  const limit = (name: string, max: number, keyOf?: KeyOf): RequestHandler =>
    rateLimit({
      windowMs,
      limit: max,
      store: new DatabaseRateLimitStore(name, clock),
      standardHeaders: false,
      legacyHeaders: false,
      // No key (no email in the body, not signed in): nothing to count here; the route answers 400 or 401.
      ...(keyOf ? { keyGenerator: (req: Request) => keyOf(req) ?? '', skip: (req: Request) => keyOf(req) === undefined } : {}),
      handler: (req, res, next) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - clock.now().getTime()) / 1000)) : config.RATE_LIMIT_WINDOW_SECONDS;
        res.setHeader('retry-after', String(seconds));
        next(tooManyRequests());
      },
    });

  const router = Router();
  router.post('/auth/login', limit('sign-in-address', config.RATE_LIMIT_SIGN_IN_PER_ADDRESS), limit('sign-in-email', config.RATE_LIMIT_SIGN_IN_PER_EMAIL, emailIn((body) => body.email)));
  // Self-registration and one-time links share one budget per address: each creates records or sends email.
  router.post(
    ['/organisations/register', '/organisations/resend-verification', '/organisations/verify-email', '/organisations/invitations/accept'],
    limit('public-address', config.RATE_LIMIT_PUBLIC_PER_ADDRESS),
  );
  // Per recipient: nobody can make the service mail one address over and over.
  router.post('/organisations/register', limit('register-email', config.RATE_LIMIT_EMAILS_PER_ADDRESSEE, emailIn((body) => (body.user as Record<string, unknown> | undefined)?.email)));
  router.post('/organisations/resend-verification', limit('resend-email', config.RATE_LIMIT_EMAILS_PER_ADDRESSEE, emailIn((body) => body.email)));
  router.post(['/imports/young-people', '/imports/opportunities'], limit('imports-user', config.RATE_LIMIT_IMPORTS_PER_USER, signedInUser));
  return router;
}

/**
 * The same limits for the public forms of the pages: signing in shares the API's per-address sign-in budget (one
 * store name, so guessing through either door counts once); the one-time-link forms share the public budget.
 */
export function createPageRateLimits(deps: AppDeps): Router {
  const { config } = deps;
  const router = Router();
  router.post('/sign-in', pageLimit(deps, 'sign-in-address', config.RATE_LIMIT_SIGN_IN_PER_ADDRESS));
  router.post(['/forgot-password', '/reset-password', '/verify-email', '/verify-email/new', '/accept-invitation', '/sign-up/check-answers'], pageLimit(deps, 'public-address', config.RATE_LIMIT_PUBLIC_PER_ADDRESS));
  // Part of the pages, not the API: named like the page layer so the OpenAPI drift check leaves it out.
  Object.defineProperty(router, 'name', { value: PAGE_LAYER_NAME });
  return router;
}

function pageLimit(deps: AppDeps, name: string, max: number): RequestHandler {
  return rateLimit({
    windowMs: deps.config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    limit: max,
    store: new DatabaseRateLimitStore(name, deps.clock),
    standardHeaders: false,
    legacyHeaders: false,
    handler: (_req, res) => {
      res.setHeader('retry-after', String(deps.config.RATE_LIMIT_WINDOW_SECONDS));
      res.status(429).type('text/html').send('<!doctype html><html lang="en"><head><title>Too many attempts - Care Leaver Offers</title></head><body><main><h1>Too many attempts</h1><p>Wait a few minutes, then try again.</p></main></body></html>');
    },
  });
}
