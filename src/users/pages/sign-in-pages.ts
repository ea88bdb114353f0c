import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, localPath, type Pages } from '../../lib/pages/pages.js';
import { clearSessionCookie, setSessionCookie } from '../../lib/pages/session-middleware.js';
import { endBrowserSession, startBrowserSession } from '../browser-sessions.js';
import type { Actor } from '../roles.js';
import { logIn } from '../sign-in.service.js';
import { logOut } from '../users.service.js';

const signInForm = z.object({ email: z.string(), password: z.string() });

/** Where each role starts after signing in, unless a link brought them here. */
export function homeFor(actor: Pick<Actor, 'role'>): string {
  switch (actor.role) {
    case 'personal_adviser':
      return '/caseload';
    case 'admin':
      return '/approvals';
    case 'manager':
      return '/team';
    case 'housing_officer':
      return '/housing';
    case 'employer':
      return '/offers';
    case 'young_person':
      return '/me';
    default:
      return '/reminders';
  }
}

export function registerSignInPages(pages: Pages): void {
  // Signed in: the role's home. Otherwise the service's start page (what it is, sign in, sign up as an organisation).
  pages.get('/', { access: 'public' }, async ({ actor, redirect, render }) => (actor ? redirect(homeFor(actor)) : render('users/start.njk', { pageTitle: 'Find work, training and a home for young people leaving care' })));

  pages.get('/sign-in', { access: 'public', form: true }, async ({ actor, render, takeFlash, redirect }) => {
    if (actor) return redirect(homeFor(actor));
    const kept = await takeFlash<{ email: string; unconfirmed?: boolean }>('sign-in');
    render('users/sign-in.njk', { pageTitle: 'Sign in', values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  // The same account check as POST /api/auth/login (scrypt, lockout, one answer for every failure).
  pages.post('/sign-in', { access: 'public', form: true }, async ({ req, res, now, deps, session, redirect, redirectWithErrors }) => {
    const fields = signInForm.parse({ email: textOf(formFields(req).email), password: textOf(formFields(req).password) });
    const missing = [
      ...(fields.email ? [] : [{ field: 'email', message: 'Enter your email address' }]),
      ...(fields.password ? [] : [{ field: 'password', message: 'Enter your password' }]),
    ];
    if (missing.length) return redirectWithErrors('/sign-in', 'sign-in', { email: fields.email }, missing);
    try {
      const signedIn = await logIn(fields.email, fields.password, now, deps.config);
      const returnTo = localPath(session?.returnTo);
      if (session) await endBrowserSession(session.token);
      const fresh = await startBrowserSession({ token: signedIn.token, userId: signedIn.user.id, expiresAt: signedIn.expiresAt }, now);
      setSessionCookie(res, deps, fresh.token);
      redirect(returnTo && returnTo !== '/sign-in' ? returnTo : homeFor(signedIn.user));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      // The right password for a suspended organisation: a page of its own says what that means and whom to contact.
      if (error.code === 'organisation_suspended') return redirectWithErrors('/organisation/suspended', 'organisation-suspended', {}, []);
      // The right password before the emailed link was used: they may have lost it, or it expired.
      await redirectWithErrors('/sign-in', 'sign-in', { email: fields.email, unconfirmed: error.code === 'email_not_verified' }, [{ field: 'email', message: error.message }]);
    }
  });

  pages.get('/sign-out', { access: 'public' }, async ({ res, now, deps, session, render }) => {
    if (session?.userId) await logOut(session.token, now);
    if (session) await endBrowserSession(session.token);
    clearSessionCookie(res, deps);
    res.locals.actor = undefined;
    render('users/signed-out.njk', { pageTitle: 'You have been signed out', byChoice: true });
  });
}
