import type { Config } from '../config.js';
import { validationFailed } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { queueAccountEmail } from '../notifications/account-emails.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from './password.js';
import { PasswordResetModel, type PasswordResetRecord } from './password-reset.model.js';
import { SessionModel, UserModel, type UserRecord } from './users.model.js';

/** How long a forgotten-password link works: long enough to find the email, short enough to be of little use if stolen. */
export const PASSWORD_RESET_MINUTES = 60;
/**
 * How long a new account's first link works: its owner did not ask for it and may not see it within the hour
 * (an account made on a Friday afternoon), as long as the employers' one-time links.
 */
export const NEW_ACCOUNT_LINK_HOURS = 72;

/** Why the link is sent: the owner forgot their password, council staff made the account, or staff sent a reset. */
export type PasswordLinkPurpose = 'forgotten' | 'new_account' | 'sent_by_staff';

/**
 * Emails a one-time link to set a new password, if the address belongs to an active account with a password.
 * Says nothing either way (the caller shows the same page), so nobody learns who has an account. The email goes
 * through the outbox, so it is retried like every other. A new account's owner gets a welcome that says who made
 * the account and a longer-lived link, rather than "someone asked to reset your password".
 */
export async function requestPasswordReset(config: Pick<Config, 'PUBLIC_BASE_URL'>, email: string, now: Date, purpose: PasswordLinkPurpose = 'forgotten'): Promise<void> {
  const user = await UserModel.findOne({ email: email.trim().toLowerCase(), active: true }).lean<UserRecord>();
  if (!user?.passwordHash) return;
  const token = newToken();
  const minutes = purpose === 'new_account' ? NEW_ACCOUNT_LINK_HOURS * 60 : PASSWORD_RESET_MINUTES;
  const reset = await PasswordResetModel.create({ tokenHash: hashToken(token), userId: user._id, expiresAt: new Date(now.getTime() + minutes * 60_000) });
  const url = new URL('/reset-password', config.PUBLIC_BASE_URL);
  url.searchParams.set('token', token);
  await queueAccountEmail({
    dedupeKey: `password-reset:${String(reset._id)}`,
    template: purpose === 'new_account' ? 'account-created' : 'password-reset',
    recipientUserId: String(user._id),
    to: user.email,
    data: { recipientName: user.name, url: url.toString(), minutes, hours: minutes / 60, sentByStaff: purpose === 'sent_by_staff', forgotPasswordUrl: new URL('/forgot-password', config.PUBLIC_BASE_URL).toString() },
    now,
  });
}

/** Whether a reset link would work now (to show the form, or say it has expired), without using it. */
export async function isPasswordResetLinkLive(token: string, now: Date): Promise<boolean> {
  return (await PasswordResetModel.exists({ tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: now } })) !== null;
}

/**
 * Sets a new password with a live link and uses the link up. Every session of the account is ended (whoever had
 * the old password is signed out) and a lockout is lifted. False when the link is unknown, expired or used.
 */
export async function resetPassword(token: string, newPassword: string, now: Date): Promise<boolean> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) throw validationFailed([{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  const reset = await PasswordResetModel.findOneAndUpdate({ tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now } }, { returnDocument: 'after' }).lean<PasswordResetRecord>();
  if (!reset) return false;
  await UserModel.updateOne({ _id: reset.userId }, { $set: { passwordHash: await hashPassword(newPassword), failedLoginCount: 0, lockedUntil: null } });
  await SessionModel.updateMany({ userId: reset.userId, revokedAt: null }, { $set: { revokedAt: now } });
  return true;
}
