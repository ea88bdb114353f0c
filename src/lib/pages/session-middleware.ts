import type { NextFunction, Request, Response } from 'express';
import type { AppDeps } from '../../app-deps.js';
import { findBrowserSession, startBrowserSession, type BrowserSession } from '../../users/browser-sessions.js';
import { authenticate } from '../../users/users.service.js';

export const SESSION_COOKIE = 'clo_session';

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure whenever the service is served over https. */
export function setSessionCookie(res: Response, deps: AppDeps, token: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: deps.config.PUBLIC_BASE_URL.startsWith('https:'), path: '/' });
}

export function clearSessionCookie(res: Response, deps: AppDeps): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: deps.config.PUBLIC_BASE_URL.startsWith('https:'), path: '/' });
}

/**
 * Reads the session cookie: the browser's server-side session, and the signed-in user when its token is a live
 * user session (the same check as a bearer token). A session that was signed in but whose sign-in has expired or
 * been revoked is marked, so the page can say "you have been signed out" rather than just asking to sign in.
 */
export function loadBrowserSession(deps: AppDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const now = deps.clock.now();
    const session = await findBrowserSession(token, now);
    if (session) res.locals.browserSession = session;
    if (session?.userId) {
      const actor = await authenticate(session.token, now);
      if (actor) res.locals.actor = actor;
      else res.locals.signedOut = true;
    }
    next();
  };
}

/** The browser's session, starting an anonymous one (and setting its cookie) when there is none yet. */
export async function ensureBrowserSession(_req: Request, res: Response, deps: AppDeps): Promise<BrowserSession> {
  const existing = res.locals.browserSession as BrowserSession | undefined;
  if (existing && (!existing.userId || res.locals.actor)) return existing;
  const session = await startBrowserSession({}, deps.clock.now());
  setSessionCookie(res, deps, session.token);
  res.locals.browserSession = session;
  return session;
}
