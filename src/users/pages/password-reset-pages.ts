import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type Pages } from '../../lib/pages/pages.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';
import { isPasswordResetLinkLive, requestPasswordReset, resetPassword } from '../password-reset.service.js';

const emailField = z.email();
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

export function registerPasswordResetPages(pages: Pages): void {
  pages.get('/forgot-password', { access: 'public', form: true }, async ({ render, takeFlash }) => {
    const kept = await takeFlash<{ email: string }>('forgot-password');
    render('users/forgot-password.njk', { pageTitle: 'Reset your password', values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  // The same page whether or not the address has an account: nobody learns who is registered.
  pages.post('/forgot-password', { access: 'public', form: true }, async ({ req, now, deps, render, redirectWithErrors }) => {
    const email = textOf(formFields(req).email);
    if (!emailField.safeParse(email).success) {
      return redirectWithErrors('/forgot-password', 'forgot-password', { email }, [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]);
    }
    await requestPasswordReset(deps.config, email, now);
    render('users/password-reset-sent.njk', { pageTitle: 'Check your email' });
  });

  pages.get('/reset-password', { access: 'public', form: true }, async ({ req, now, render, takeFlash }) => {
    const token = textOf(req.query.token as string | undefined);
    const live = TOKEN.test(token) && (await isPasswordResetLinkLive(token, now));
    if (!live) return render('users/password-reset-expired.njk', { pageTitle: 'This link has expired' });
    const kept = await takeFlash('reset-password');
    render('users/reset-password.njk', { pageTitle: 'Choose a new password', token, minLength: MIN_PASSWORD_LENGTH, ...errorView(kept?.errors) });
  });

  pages.post('/reset-password', { access: 'public', form: true }, async ({ req, now, render, redirect, redirectWithErrors, confirm }) => {
    const fields = formFields(req);
    const token = textOf(fields.token);
    const password = textOf(fields.password);
    const back = `/reset-password?token=${encodeURIComponent(token)}`;
    if (password !== textOf(fields.confirmPassword)) return redirectWithErrors(back, 'reset-password', {}, [{ field: 'confirmPassword', message: 'The passwords do not match' }]);
    try {
      if (!TOKEN.test(token) || !(await resetPassword(token, password, now))) return render('users/password-reset-expired.njk', { pageTitle: 'This link has expired' });
    } catch (error) {
      if (error instanceof AppError && error.code === 'validation_failed') return redirectWithErrors(back, 'reset-password', {}, [{ field: 'password', message: `Your new password must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
      throw error;
    }
    await confirm('Your password has been changed. Sign in with your new password.');
    redirect('/sign-in');
  });
}
