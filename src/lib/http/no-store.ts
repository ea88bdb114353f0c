import type { NextFunction, Request, Response } from 'express';

/**
 * No cache (browser, proxy, shared computer) keeps a copy of what a signed-in person saw, or of a sign-in's
 * answer with its token. Any request carrying credentials (a bearer token or a cookie) and every sign-in is
 * answered with Cache-Control: no-store, errors included. Set before the route runs; CSV exports set it too.
 */
export function noStoreForCredentials(req: Request, res: Response, next: NextFunction): void {
  if (req.headers.authorization || req.headers.cookie || /\/auth\/login\/?$/.test(req.path)) res.setHeader('cache-control', 'no-store');
  next();
}
