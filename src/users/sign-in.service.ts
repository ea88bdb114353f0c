import type { Config } from '../config.js';
import { AppError, unauthenticated } from '../lib/errors.js';
import { readById } from '../lib/read-by-id.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { OrganisationModel } from '../employers/organisations.model.js';
import { LoginFailureModel } from './login-failures.model.js';
import { verifyPassword } from './password.js';
import { SessionModel, UserModel, type UserRecord } from './users.model.js';
import type { UserView } from './users.schemas.js';
import { toUserView } from './users.service.js';

/** The same answer for unknown email, wrong password and locked account, so nobody learns who has an account. */
const LOGIN_FAILED = () => unauthenticated('Email or password is incorrect, or the account is locked.');

// A real scrypt hash of a random password: every path that refuses without checking a real hash checks this one,
// so an unknown, locked or deactivated account answers in the same time as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Claims one of the account's allowed attempts: inserts the attempt, then counts the attempts in the lockout
 * window. The k-th insert always counts at least k, so however many guesses arrive at once, at most
 * LOGIN_MAX_FAILED_ATTEMPTS are ever checked against the password. Refused attempts still count (marked
 * `refused`), so a burst leaves the account locked until LOGIN_LOCKOUT_MINUTES pass without attempts; the
 * per-email rate limit bounds how many such documents one attacker can add.
 */
async function claimAttempt(userId: UserRecord['_id'], now: Date, config: Config): Promise<{ allowed: boolean; attemptId: unknown }> {
  const attempt = await LoginFailureModel.create({ userId, at: now });
  const windowStart = new Date(now.getTime() - config.LOGIN_LOCKOUT_MINUTES * 60_000);
  const attempts = await LoginFailureModel.countDocuments({ userId, at: { $gt: windowStart } });
  if (attempts <= config.LOGIN_MAX_FAILED_ATTEMPTS) return { allowed: true, attemptId: attempt._id };
  await LoginFailureModel.updateOne({ _id: attempt._id }, { $set: { refused: true } });
  return { allowed: false, attemptId: attempt._id };
}

async function isOrganisationSuspended(user: UserRecord): Promise<boolean> {
  if (user.role !== 'employer' || !user.organisationId) return false;
  return (await readById(OrganisationModel, user.organisationId, { status: 'suspended' }, { _id: 1, status: 1 })) !== null;
}

/** A young person whose PA switched their access off, told only after the right password, like a suspended organisation. */
export const youngPersonAccessOff = () =>
  new AppError(403, 'access_switched_off', 'Your personal adviser has switched off your access to these pages, so you cannot sign in. If you think this is wrong, talk to your personal adviser.');

export const organisationSuspended = () =>
  new AppError(403, 'organisation_suspended', 'Your organisation\'s account is suspended by the council, so you cannot sign in. Contact the council\'s leaving care team.');

/**
 * Signs in with email and password. Every refusal before the password is known to be right costs one scrypt
 * verification (against the account's hash or a dummy), so response times do not tell accounts apart.
 */
export async function logIn(email: string, password: string, now: Date, config: Config): Promise<{ token: string; expiresAt: Date; user: UserView }> {
  const user = await UserModel.findOne({ email: email.toLowerCase() }).lean<UserRecord>();
  // A switched-off young person's password is still checked (one scrypt, like every other path), so that with
  // the right one they learn why and whom to talk to instead of "incorrect"; staff accounts stay silent.
  const switchedOffYoungPerson = user?.role === 'young_person' && !user.active && Boolean(user.passwordHash);
  if (!user || (!user.active && !switchedOffYoungPerson) || !user.passwordHash) {
    await verifyPassword(password, DUMMY_HASH);
    throw LOGIN_FAILED();
  }
  const attempt = await claimAttempt(user._id, now, config);
  if (!attempt.allowed) {
    await verifyPassword(password, DUMMY_HASH);
    throw LOGIN_FAILED();
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw LOGIN_FAILED(); // the attempt stays as a failure
  await LoginFailureModel.deleteMany({ userId: user._id });
  // Only someone who knows the password learns why: the account exists and is held back.
  if (switchedOffYoungPerson) throw youngPersonAccessOff();
  if (await isOrganisationSuspended(user)) throw organisationSuspended();
  if (user.role === 'employer' && !user.emailVerifiedAt) {
    throw new AppError(403, 'email_not_verified', 'Verify your email address with the link we sent before signing in.');
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  await SessionModel.create({ tokenHash: hashToken(token), userId: user._id, expiresAt });
  await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
  return { token, expiresAt, user: toUserView(user) };
}
