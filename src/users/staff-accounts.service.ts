import type { RequestContext } from '../lib/http/api.js';
import { conflict, notFound } from '../lib/errors.js';
import { newToken } from '../lib/tokens.js';
import { queueEmail } from '../notifications/queue-email.js';
import { PasswordResetModel } from './password-reset.model.js';
import { requestPasswordReset } from './password-reset.service.js';
import type { Role } from './roles.js';
import { UserModel, type UserRecord } from './users.model.js';
import type { UserView } from './users.schemas.js';
import { assertMayManageUser, createUser, findUser, mayViewUser, toUserView } from './users.service.js';

type Context = Pick<RequestContext, 'actor' | 'now'> & { deps: Pick<RequestContext['deps'], 'config'> };

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  team?: string | undefined;
  districtIds?: string[] | undefined;
}

/**
 * Council staff create an account without ever knowing its password: it gets a random one nobody is told, and
 * its owner is emailed a welcome with a link to choose their own (the password-reset machinery, so it works the
 * same way and, if it expires, "I have forgotten my password" sends another). Same rules as POST /api/users.
 */
export async function createAccountAndSendLink(context: Context, input: NewAccount): Promise<UserView> {
  assertMayManageUser(context.actor, input);
  const user = await createUser({ ...input, password: newToken() }, context.now);
  await requestPasswordReset(context.deps.config, user.email, context.now, 'new_account');
  return user;
}

/**
 * Emails an account's owner a link to set a new password (the /forgot-password service); staff never see or set
 * it. Only for accounts the actor may manage. An inactive account gets nothing (it cannot sign in anyway).
 */
export async function sendPasswordResetLink(context: Context, id: string): Promise<UserView> {
  const user = await findUser(id);
  if (!user || !mayViewUser(context.actor, user)) throw notFound('User');
  assertMayManageUser(context.actor, { role: user.role as Role, team: user.team });
  await requestPasswordReset(context.deps.config, user.email, context.now, 'sent_by_staff');
  return toUserView(user);
}

/**
 * Corrects the email address an account signs in with (a typo when it was made, a new work address), for the
 * accounts the actor may manage. The address must be free (a duplicate is 409). Password links already sent stop
 * working: they went to the old address. An account never signed in to gets its welcome link again at the new
 * address (the first one most likely went nowhere); one in use is told at both addresses, the old one without
 * the new address; a deactivated one is told nothing.
 */
export async function changeAccountEmail(context: Context, id: string, email: string): Promise<UserView> {
  const user = await findUser(id);
  if (!user || !mayViewUser(context.actor, user)) throw notFound('User');
  assertMayManageUser(context.actor, { role: user.role as Role, team: user.team });
  if (user.email === email) return toUserView(user);
  // Asked first so the answer is the same on FerretDB, whose unique-index refusal of an update is not a duplicate-key error.
  if (await UserModel.exists({ email })) throw conflict('Another account already uses this email address.');
  const updated = await UserModel.findOneAndUpdate({ _id: user._id, email: user.email }, { $set: { email } }, { returnDocument: 'after', runValidators: true }).lean<UserRecord>();
  if (!updated) throw notFound('User');
  await PasswordResetModel.updateMany({ userId: user._id, usedAt: null }, { $set: { usedAt: context.now } });
  const signInUrl = new URL('/sign-in', context.deps.config.PUBLIC_BASE_URL).toString();
  const key = `email-changed:${id}:${context.now.getTime()}`;
  // A deactivated account cannot sign in, so it is told nothing (as with a password link).
  if (!updated.active) return toUserView(updated);
  if (!user.lastLoginAt) {
    await requestPasswordReset(context.deps.config, email, context.now, 'new_account');
  } else {
    await queueEmail({
      dedupeKey: `${key}:old`, kind: 'account', recipientUserId: id, to: user.email,
      subject: 'The email address for your Care Leaver Offers account was changed',
      text: [`Hello ${user.name},`, '', 'The council\'s leaving care team changed the email address you sign in to Care Leaver Offers with. This address is no longer used for your account.', '', 'If you did not expect this, tell the council\'s leaving care team.'].join('\n'),
    }, context.now);
    await queueEmail({
      dedupeKey: `${key}:new`, kind: 'account', recipientUserId: id, to: email,
      subject: 'Sign in to Care Leaver Offers with this email address',
      text: [`Hello ${user.name},`, '', 'The council\'s leaving care team changed the email address for your Care Leaver Offers account to this one. Your password has not changed.', '', `Sign in: ${signInUrl}`].join('\n'),
    }, context.now);
  }
  return toUserView(updated);
}
