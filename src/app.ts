import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppDeps } from './app-deps.js';
import { isDatabaseReachable } from './lib/database.js';
import { toProblem } from './lib/errors.js';
import { Api } from './lib/http/api.js';
import { noStoreForCredentials } from './lib/http/no-store.js';
import { createPageRateLimits, createRateLimits } from './lib/http/rate-limits.js';
import { createAppMetrics } from './operations/metrics.js';
import { MONGODB_MATCHING_REFRESH_SECONDS, startLiveMatching } from './matching/live-matching.js';
import { createPageLayer } from './lib/pages/page-layer.js';
import { registerPages } from './pages.js';
import { registerRoutes } from './routes.js';
import { bearerToken } from './users/users.routes.js';
import { authenticate } from './users/users.service.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Where the JSON API is mounted; OpenAPI documents it as the server URL. */
export const API_PREFIX = '/api';

export interface App {
  express: express.Express;
  api: Api;
}

/** Builds the HTTP app. Does not listen and does not connect: the caller (index.ts or a test) owns both. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(helmet());
  const metrics = createAppMetrics({ metricsToken: deps.config.METRICS_TOKEN });
  app.use(metrics.recordHttpRequests);
  app.use((req, res, next) => {
    // Our own id for every request (logs, problems, audit): a client cannot choose it or make two requests share one.
    // A client's X-Request-Id is kept apart, as a correlation id, so its traces still join up with ours.
    res.locals.requestId = randomUUID();
    const incoming = req.header('x-request-id');
    res.locals.correlationId = incoming && REQUEST_ID.test(incoming) ? incoming : null;
    res.setHeader('x-request-id', res.locals.requestId as string);
    if (res.locals.correlationId) res.setHeader('x-correlation-id', res.locals.correlationId as string);
    next();
  });
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => (res as Response).locals.requestId as string,
      // Method and path only: query strings and bodies can hold personal data.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (_req, res) => ({ userId: ((res as Response).locals?.actor as { userId?: string } | undefined)?.userId, correlationId: (res as Response).locals?.correlationId ?? undefined }),
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(express.json({ limit: deps.config.JSON_BODY_LIMIT, strict: true }));
  app.use(noStoreForCredentials);
  app.use(async (req, res, next) => {
    const token = bearerToken(req.header('authorization'));
    if (token) res.locals.actor = await authenticate(token, deps.clock.now());
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const ready = await isDatabaseReachable();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unreachable' });
  });
  // Prometheus text for a scraper (METRICS_TOKEN) or an admin; outside the Api because a scraper is not a session.
  app.get('/metrics', metrics.serve);

  // Limits on public and costly routes: after authentication (imports count per user), before the routes.
  app.use(API_PREFIX, createRateLimits(deps));
  // Matching through the engine's indexes, loaded in the background (requests read the database until then).
  if (deps.config.MATCHING_INDEX_ENABLED) startLiveMatching(deps.logger, deps.config.MATCHING_INDEX_REFRESH_SECONDS ?? MONGODB_MATCHING_REFRESH_SECONDS);
  const api = new Api(deps);
  registerRoutes(api, deps);
  // The JSON API lives under one prefix so that pages own the human paths (/, /caseload, ...).
  app.use(API_PREFIX, api.router);
  app.use(API_PREFIX, (req, res) => {
    res.status(404).type('application/problem+json').json({ type: 'about:blank#not_found', title: 'Not found', status: 404, code: 'not_found', detail: `No route for ${req.method} ${req.path}.`, requestId: res.locals.requestId });
  });
  // Every other path belongs to pages for people (HTML, sessions by cookie, GOV.UK not-found and error pages).
  app.use(createPageRateLimits(deps));
  app.use(createPageLayer(deps, (pages) => registerPages(pages, deps)));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { problem, expected } = toProblem(error);
    if (!expected) req.log.error({ err: error }, 'unexpected error');
    if (res.headersSent) return void res.end();
    res.status(problem.status).type('application/problem+json').json({ ...problem, requestId: res.locals.requestId });
  });

  return { express: app, api };
}
