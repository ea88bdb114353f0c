import type { RequestContext } from '../lib/http/api.js';
import { notFound } from '../lib/errors.js';
import { newToken } from '../lib/tokens.js';
import { requestPasswordReset } from './password-reset.service.js';
import type { Role } from './roles.js';
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
