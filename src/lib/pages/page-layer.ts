import { randomBytes } from 'node:crypto';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import { csrfSync } from 'csrf-sync';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppDeps } from '../../app-deps.js';
import type { BrowserSession } from '../../users/browser-sessions.js';
import { AppError } from '../errors.js';
import { GOVUK_FRONTEND_DIST, PROJECT_DIR } from '../project-dir.js';
import { createPageEnvironment } from './nunjucks.js';
import { PageNotFound, Pages } from './pages.js';
import { loadBrowserSession } from './session-middleware.js';

const GOVUK = path.join(GOVUK_FRONTEND_DIST, 'govuk');

/** The page layer's name on the Express stack, so the OpenAPI drift check can tell pages from API routes. */
export const PAGE_LAYER_NAME = 'pageLayer';

/** govuk-frontend's compiled CSS, JS, fonts and images, and our one start-up script, from this server only. */
function assetsRouter(): Router {
  const assets = Router();
  const file = (name: string) => (_req: Request, res: Response) => res.sendFile(path.join(GOVUK, name), { maxAge: '1d' });
  assets.get('/govuk-frontend.min.css', file('govuk-frontend.min.css'));
  assets.get('/govuk-frontend.min.js', file('govuk-frontend.min.js'));
  assets.use(express.static(path.join(GOVUK, 'assets'), { index: false, maxAge: '1d', fallthrough: true }));
  assets.use('/app', express.static(path.join(PROJECT_DIR, 'templates/pages/assets'), { index: false, maxAge: '1h' }));
  return assets;
}

/**
 * Only this server's own scripts, styles, fonts and images. govuk-frontend's template needs one inline script
 * (it marks the body "js-enabled"): it carries a per-response nonce; everything else is a file.
 */
function contentSecurityPolicy(deps: AppDeps) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(deps.config.PUBLIC_BASE_URL.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
  });
}

/**
 * Everything a person's browser sees: assets, then pages (human paths), with sessions by cookie, CSRF on every
 * form, no caching of pages, and GOV.UK-style not-found and error pages. The JSON API never reaches this layer.
 */
export function createPageLayer(deps: AppDeps, register: (pages: Pages) => void): Router {
  const layer = Router();
  Object.defineProperty(layer, 'name', { value: PAGE_LAYER_NAME });
  layer.use('/assets', assetsRouter());

  const env = createPageEnvironment();
  const pages = new Pages(deps, env);
  const csrf = csrfSync({
    size: 32,
    getTokenFromState: (req) => ((req.res as Response).locals.browserSession as BrowserSession | undefined)?.csrfToken,
    storeTokenInState: () => {}, // the token is made with the session (startBrowserSession) and lives with it
    getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  });

  layer.use((_req, res, next) => {
    // Pages know people by their session cookie only: a bearer token is for the JSON API.
    res.locals.actor = undefined;
    res.locals.cspNonce = randomBytes(16).toString('base64');
    // Pages show personal data: no browser or proxy may keep a copy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  layer.use(contentSecurityPolicy(deps));
  layer.use(cookieParser());
  layer.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  layer.use(loadBrowserSession(deps));
  layer.use(csrf.csrfSynchronisedProtection);
  register(pages);
  layer.use(pages.router);

  layer.use((_req: Request, res: Response) => pages.renderPage(res, 'errors/not-found.njk', {}, 404));
  layer.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.end();
    if (error instanceof PageNotFound || (error instanceof AppError && error.status === 404)) return pages.renderPage(res, 'errors/not-found.njk', {}, 404);
    if ((error as { code?: string }).code === 'EBADCSRFTOKEN') return pages.renderPage(res, 'errors/form-expired.njk', {}, 403);
    if (error instanceof AppError && error.isOperational && error.status < 500) return pages.renderPage(res, 'errors/problem.njk', { message: error.message }, error.status);
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return pages.renderPage(res, 'errors/problem.njk', { message: 'The request could not be understood. Go back and try again.' }, status);
    req.log.error({ err: error }, 'unexpected error on a page');
    pages.renderPage(res, 'errors/server-error.njk', {}, 500);
  });
  return layer;
}
