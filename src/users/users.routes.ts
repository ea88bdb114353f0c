import { unauthenticated } from '../lib/errors.js';
import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF, ROLES } from './roles.js';
import { createUserBody, listUsersQuery, loginBody, loginResponse, updateUserBody, userView } from './users.schemas.js';
import { assertMayManageUser, createUser, findUser, listUsers, logOut, readUser, toUserView, updateUser } from './users.service.js';
import { z } from 'zod';
import { logIn } from './sign-in.service.js';
import { changeAccountEmail } from './staff-accounts.service.js';

export function registerUserRoutes(api: Api): void {
  api.post('/auth/login', { summary: 'Sign in with email and password; returns a bearer token', tag: 'Auth', access: 'public', body: loginBody, response: loginResponse }, async ({ body }, { now, deps }) => {
    const session = await logIn(body.email, body.password, now, deps.config);
    return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user };
  });

  api.post('/auth/logout', { summary: 'End the current session', tag: 'Auth', access: ROLES }, async (_input, { now }, { req }) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated();
    await logOut(token, now);
  });

  api.get('/auth/me', { summary: 'Who am I', tag: 'Auth', access: ROLES, response: userView }, async (_input, { actor }) => {
    const user = await findUser(actor.userId);
    if (!user) throw unauthenticated();
    return toUserView(user);
  });

  api.get('/users', { summary: 'List user accounts (a manager sees their team)', tag: 'Users', access: COUNCIL_STAFF, query: listUsersQuery, response: z.array(userView) }, async ({ query }, { actor }) =>
    listUsers(actor, query),
  );

  api.post('/users', { summary: 'Create a user account', tag: 'Users', access: COUNCIL_STAFF, body: createUserBody, response: userView, successStatus: 201 }, async ({ body }, { actor, now }) => {
    assertMayManageUser(actor, body);
    return createUser(body, now);
  });

  api.get('/users/:id', { summary: 'One user account (a manager: their team\'s; anyone else\'s is 404)', tag: 'Users', access: COUNCIL_STAFF, params: idParams, response: userView }, async ({ params }, { actor }) =>
    readUser(actor, params.id),
  );

  api.patch('/users/:id', { summary: 'Change or deactivate a user account; a team move takes the caseload along, a deactivation hands it to the team\'s manager; a new email address must be free', tag: 'Users', access: COUNCIL_STAFF, params: idParams, body: updateUserBody, response: userView }, async ({ params, body }, context) => {
    const { email, ...changes } = body;
    if (email !== undefined) await changeAccountEmail(context, params.id, email);
    return updateUser(context.actor, params.id, context.now, changes, context.requestId);
  });
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  return match?.[1];
}
