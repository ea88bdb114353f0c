/**
 * /join?token=: a young person accepts their PA's invitation and sets a password, then is signed in. Expired,
 * used, superseded links, and links opened while signed in as somebody else, all get one "this link does not
 * work" page, so a link reveals nothing about whose it was.
 */
import { AppError } from '../../../lib/errors.js';
import { formFields, textOf } from '../../../lib/pages/form-body.js';
import { errorView, type PageContext, type Pages } from '../../../lib/pages/pages.js';
import { setSessionCookie } from '../../../lib/pages/session-middleware.js';
import { endBrowserSession, startBrowserSession } from '../../../users/browser-sessions.js';
import { MIN_PASSWORD_LENGTH } from '../../../users/password.js';
import { SessionModel } from '../../../users/users.model.js';
import { BrowserSessionModel } from '../../../users/browser-session.model.js';
import { hashToken, newToken } from '../../../lib/tokens.js';
import { acceptInvitation, liveInvitation } from '../young-person-accounts.js';

/** `signedInAsSomeoneElse`: a live link opened in a browser signed in as another person, who is told to sign out if it is theirs. */
const linkDoesNotWork = (context: PageContext, signedInAsSomeoneElse = false) =>
  context.render('me/link-does-not-work.njk', { pageTitle: 'This link does not work', signedInAsSomeoneElse }, 404);

/** Signed in as someone else: the link is not for this browser's person. */
async function wrongPerson(context: PageContext, token: string): Promise<boolean> {
  if (!context.actor) return false;
  const invitation = await liveInvitation(token, context.now);
  return !invitation || context.actor.role !== 'young_person' || context.actor.youngPersonId !== String(invitation.youngPersonId);
}

export function registerJoinPages(pages: Pages): void {
  pages.get('/join', { access: 'public', form: true }, async (context) => {
    const token = textOf(context.req.query.token as string | undefined);
    if (!(await liveInvitation(token, context.now))) return linkDoesNotWork(context);
    if (await wrongPerson(context, token)) return linkDoesNotWork(context, true);
    const kept = await context.takeFlash('join');
    context.render('me/join.njk', { pageTitle: 'Set your password', token, minLength: MIN_PASSWORD_LENGTH, ...errorView(kept?.errors) });
  });

  pages.post('/join', { access: 'public', form: true }, async (context) => {
    const fields = formFields(context.req);
    const token = textOf(fields.token);
    const password = textOf(fields.password);
    const back = `/join?token=${encodeURIComponent(token)}`;
    if (await wrongPerson(context, token)) return linkDoesNotWork(context, Boolean(await liveInvitation(token, context.now)));
    if (password !== textOf(fields.confirmPassword)) return context.redirectWithErrors(back, 'join', {}, [{ field: 'confirmPassword', message: 'The passwords do not match' }]);
    let accepted: { userId: string } | null;
    try {
      accepted = await acceptInvitation(token, password, context.now);
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') return context.redirectWithErrors(back, 'join', {}, [{ field: 'password', message: `Your password must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
      throw error;
    }
    if (!accepted) return linkDoesNotWork(context);
    // Signed in at once, exactly as the sign-in page does it: a new session token, kept only as a hash.
    const sessionToken = newToken();
    const expiresAt = new Date(context.now.getTime() + context.deps.config.SESSION_TTL_HOURS * 3_600_000);
    await SessionModel.create({ tokenHash: hashToken(sessionToken), userId: accepted.userId, expiresAt });
    if (context.session) await endBrowserSession(context.session.token);
    const fresh = await startBrowserSession({ token: sessionToken, userId: accepted.userId, expiresAt }, context.now);
    setSessionCookie(context.res, context.deps, fresh.token);
    await saveWelcome(fresh.token);
    context.redirect('/me');
  });
}

/** The welcome line on their first page (a confirmation banner kept with the new session). */
async function saveWelcome(token: string): Promise<void> {
  await BrowserSessionModel.updateOne({ tokenHash: hashToken(token) }, { $set: { flash: { confirmation: 'Your password is set. Welcome!' } } });
}
