import { AppError } from '../../lib/errors.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type FieldError, type Pages } from '../../lib/pages/pages.js';
import { acceptInvitation } from '../invitations.service.js';
import { resendVerification, verifyEmail } from '../organisations.service.js';
import { ONE_TIME_LINK_HOURS } from '../one-time-links.js';
import { acceptInvitationBody, resendVerificationBody, tokenBody } from '../organisations.schemas.js';

/**
 * Where the links in employers' emails land. Opening a link only shows a page; the one-time token is used by a
 * button (POST + CSRF), so a mail scanner that follows links cannot use it up; a lost or expired confirmation
 * link can be sent again.
 */
export function registerEmailLinkPages(pages: Pages): void {
  pages.get('/verify-email', { access: 'public', form: true }, async ({ req, render }) => {
    const token = tokenBody.safeParse({ token: textOf(req.query.token as string | undefined) });
    render('employers/verify-email.njk', { pageTitle: 'Confirm your email address', token: token.success ? token.data.token : null });
  });

  pages.post('/verify-email', { access: 'public', form: true }, async ({ req, now, render, confirm, redirect }) => {
    const token = tokenBody.safeParse({ token: textOf(formFields(req).token) });
    try {
      if (!token.success) throw new AppError(400, 'bad_request', 'This link does not work.');
      await verifyEmail(now, token.data.token);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return render('employers/link-does-not-work.njk', { pageTitle: 'This link does not work', message: error.message, newLinkHref: '/verify-email/new' }, 400);
    }
    await confirm('Your email address is confirmed. You can now sign in. The council will check and approve your organisation, usually within 3 working days.');
    redirect('/sign-in');
  });

  // A lost or expired confirmation link: the same service as POST /api/organisations/resend-verification, and the
  // same answer whether or not the address signed up, so the form cannot be used to find out who has.
  pages.get('/verify-email/new', { access: 'public', form: true }, async ({ render, takeFlash }) => {
    const kept = await takeFlash<{ email: string }>('new-verification-link');
    render('employers/new-verification-link.njk', { pageTitle: 'Get a new link to confirm your email address', hours: ONE_TIME_LINK_HOURS, values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  pages.post('/verify-email/new', { access: 'public', form: true }, async ({ req, now, deps, render, redirectWithErrors }) => {
    const email = textOf(formFields(req).email);
    const parsed = resendVerificationBody.safeParse({ email });
    if (!parsed.success) {
      return redirectWithErrors('/verify-email/new', 'new-verification-link', { email }, [{ field: 'email', message: email ? 'Enter an email address in the correct format, like name@example.com' : 'Enter the email address you signed up with' }]);
    }
    await resendVerification({ now, deps }, parsed.data.email);
    render('employers/new-verification-link-sent.njk', { pageTitle: 'Check your email', hours: ONE_TIME_LINK_HOURS });
  });

  pages.get('/accept-invitation', { access: 'public', form: true }, async ({ req, render, takeFlash }) => {
    const kept = await takeFlash<{ name: string; token: string }>('accept-invitation');
    const token = kept?.values.token ?? textOf(req.query.token as string | undefined);
    render('employers/accept-invitation.njk', { pageTitle: 'Create your account', token: tokenBody.safeParse({ token }).success ? token : null, values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  pages.post('/accept-invitation', { access: 'public', form: true }, async ({ req, now, render, confirm, redirect, redirectWithErrors }) => {
    const fields = formFields(req);
    const values = { token: textOf(fields.token), name: textOf(fields.name) };
    const parsed = acceptInvitationBody.safeParse({ token: values.token, name: values.name, password: textOf(fields.password) });
    if (!parsed.success) {
      const errors: FieldError[] = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'name'), message: issue.path[0] === 'password' ? `Your password ${issue.message}` : issue.path[0] === 'name' ? 'Enter your full name' : 'This link does not work' }));
      return redirectWithErrors('/accept-invitation', 'accept-invitation', values, errors);
    }
    try {
      await acceptInvitation(now, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return render('employers/link-does-not-work.njk', { pageTitle: 'This link does not work', message: error.message }, error.status);
    }
    await confirm('Your account has been created. Sign in with your email address and the password you chose.');
    redirect('/sign-in');
  });
}
