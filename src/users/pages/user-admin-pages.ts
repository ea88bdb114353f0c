import { idFrom } from '../../lib/pages/pages.js';
import { listDistricts } from '../../districts/districts.service.js';
import { isDuplicateKey } from '../../lib/errors.js';

import { formFields, listOf, textOf } from '../../lib/pages/form-body.js';
import { errorView, PageNotFound, type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { refusalErrors } from '../../lib/pages/refusal-errors.js';
import { newToken } from '../../lib/tokens.js';
import { COUNCIL_STAFF, ROLES, type Actor, type Role } from '../roles.js';
import { changeAccountEmail, createAccountAndSendLink, sendPasswordResetLink } from '../staff-accounts.service.js';
import { createUserBody, email } from '../users.schemas.js';
import { assertMayManageUser, findUser, listUsers, readUser, updateUser } from '../users.service.js';

const ROLE_NAMES: Record<Role, string> = { admin: 'Admin', manager: 'Manager', personal_adviser: 'Personal adviser', employer: 'Employer', housing_officer: 'Housing officer', young_person: 'Young person' };
/** The accounts council staff create here; employers join through sign-up or an invitation, admins from the command line. */
const CREATABLE: Role[] = ['personal_adviser', 'manager', 'housing_officer'];
const WITH_TEAM: Role[] = ['personal_adviser', 'manager'];

const MESSAGES: Record<string, string> = {
  name: 'Enter their full name',
  email: 'Enter an email address in the correct format, like name@example.com',
  role: 'Choose what they do',
  team: 'Enter the team of a personal adviser or manager',
  districtIds: 'Choose at least one district for a housing officer',
};

const mayManage = (actor: Actor, target: { role: Role; team?: string | null }) => {
  try {
    assertMayManageUser(actor, target);
    return true;
  } catch {
    return false;
  }
};

/** Roles this actor may create: an admin any of the three, a manager personal advisers in their own team. */
const creatableBy = (actor: Actor) => (actor.role === 'admin' ? CREATABLE : ['personal_adviser' as Role]);

async function districtItems(chosen: string[]) {
  return (await listDistricts()).map((district) => ({ value: String(district._id), text: district.name, checked: chosen.includes(String(district._id)) }));
}

async function userPage(context: PageContext, template: string, title: (name: string) => string, form: string) {
  const user = await readUser(context.actor, idFrom(context.req.params.id));
  const flash = await context.takeFlash(form);
  const districts = new Map((await listDistricts()).map((district) => [String(district._id), district.name]));
  context.render(template, {
    pageTitle: title(user.name), user, roleName: ROLE_NAMES[user.role], districtNames: user.districtIds.map((id) => districts.get(id) ?? 'Unknown district'),
    mayManage: mayManage(context.actor, user), isSelf: user.id === context.actor.userId, ...errorView(flash?.errors),
  });
}

/** User accounts for council staff: the same rules as /api/users (a manager: personal advisers in their own team). */
export function registerUserAdminPages(pages: Pages): void {
  pages.get('/users', { access: COUNCIL_STAFF }, async (context) => {
    const requested = String(context.req.query.role ?? '');
    const role = (ROLES as readonly string[]).includes(requested) ? (requested as Role) : undefined;
    const users = await listUsers(context.actor, { role });
    context.render('accounts/users.njk', {
      pageTitle: 'User accounts', users: users.map((user) => ({ ...user, roleName: ROLE_NAMES[user.role] })),
      roleItems: [{ value: '', text: 'Any role' }, ...ROLES.map((value) => ({ value, text: ROLE_NAMES[value], selected: value === role }))],
    });
  });

  pages.get('/users/new', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const flash = await context.takeFlash<{ name?: string; email?: string; role?: string; team?: string; districtIds?: string[] }>('new-user');
    const values = flash?.values ?? {};
    const roles = creatableBy(context.actor);
    context.render('accounts/new-user.njk', {
      pageTitle: 'Create an account', values,
      roleItems: roles.map((value) => ({ value, text: ROLE_NAMES[value], checked: values.role === value || roles.length === 1 })),
      fixedTeam: context.actor.role === 'manager' ? context.actor.team : null,
      districtItems: await districtItems(values.districtIds ?? []),
      ...errorView(flash?.errors),
    });
  });

  // The same checks as POST /api/users, with a password nobody knows; the owner chooses their own by the emailed link.
  pages.post('/users/new', { access: COUNCIL_STAFF }, async (context) => {
    const fields = formFields(context.req);
    const roles = creatableBy(context.actor);
    const role = roles.length === 1 ? roles[0]! : textOf(fields.role);
    const team = context.actor.role === 'manager' ? (context.actor.team ?? '') : textOf(fields.team);
    const values = { name: textOf(fields.name), email: textOf(fields.email), role, team, districtIds: listOf(fields.districtIds) };
    const input = {
      name: values.name, email: values.email, role: (roles as string[]).includes(role) ? role : '', password: newToken(),
      ...(WITH_TEAM.includes(role as Role) && team ? { team } : {}),
      ...(role === 'housing_officer' ? { districtIds: values.districtIds } : {}),
    };
    const parsed = createUserBody.safeParse(input);
    if (!parsed.success) {
      // In the order the form asks, so the summary reads top to bottom.
      const wrong = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
      const errors: FieldError[] = Object.keys(MESSAGES).filter((field) => wrong.has(field)).map((field) => ({ field, message: MESSAGES[field]! }));
      return context.redirectWithErrors('/users/new', 'new-user', values, errors);
    }
    try {
      const { password: _unused, ...account } = parsed.data;
      const user = await createAccountAndSendLink(context, account);
      await context.confirm(`Account created for ${user.name}. We emailed them a link to choose their password.`);
      context.redirect(`/users/${user.id}`);
    } catch (error) {
      if (isDuplicateKey(error)) return context.redirectWithErrors('/users/new', 'new-user', values, [{ field: 'email', message: 'An account with this email address already exists' }]);
      return context.redirectWithErrors('/users/new', 'new-user', values, refusalErrors(error, 'role'));
    }
  });

  pages.get('/users/:id', { access: COUNCIL_STAFF, form: true }, async (context) => userPage(context, 'accounts/user.njk', (name) => name, 'user'));

  pages.post('/users/:id/password-reset', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    try {
      const user = await sendPasswordResetLink(context, id);
      await context.confirm(user.active ? `We emailed ${user.name} a link to choose a new password. It works once, for an hour.` : `${user.name}'s account is deactivated, so no link was sent.`);
    } catch (error) {
      return context.redirectWithErrors(`/users/${id}`, 'user', {}, refusalErrors(error, 'reset-password'));
    }
    context.redirect(`/users/${id}`);
  });

  pages.get('/users/:id/email', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    const record = await findUser(id);
    const user = await readUser(context.actor, id);
    if (!mayManage(context.actor, user) || user.id === context.actor.userId) throw new PageNotFound();
    const flash = await context.takeFlash<{ email: string }>('change-email');
    context.render('accounts/change-email.njk', { pageTitle: `Change the email address of ${user.name}`, user: { ...user, neverSignedIn: !record?.lastLoginAt }, value: flash?.values.email ?? user.email, ...errorView(flash?.errors) });
  });

  // The same use case as PATCH /api/users/:id {email}: a free address; links sent to the old one stop working.
  pages.post('/users/:id/email', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const typed = textOf(formFields(context.req).email);
    const again = (message: string) => context.redirectWithErrors(`/users/${id}/email`, 'change-email', { email: typed }, [{ field: 'email', message }]);
    const parsed = email.safeParse(typed);
    if (!parsed.success) return again(typed ? MESSAGES.email! : 'Enter their email address');
    if (id === context.actor.userId) throw new PageNotFound();
    try {
      const user = await changeAccountEmail(context, id, parsed.data);
      await context.confirm(`${user.name}'s email address is now ${user.email}.`);
    } catch (error) {
      if (isDuplicateKey(error)) return again('Another account already uses this email address');
      return context.redirectWithErrors(`/users/${id}/email`, 'change-email', { email: typed }, refusalErrors(error, 'email').map((problem) => ({ ...problem, message: problem.message.replace(/\.$/, '') })));
    }
    context.redirect(`/users/${id}`);
  });

  pages.get('/users/:id/deactivate', { access: COUNCIL_STAFF, form: true }, async (context) => userPage(context, 'accounts/deactivate.njk', (name) => `Deactivate ${name}`, 'deactivate'));

  // The same use case as PATCH /api/users/:id {active: false}: sessions end, and a caseload goes to the team's manager.
  pages.post('/users/:id/deactivate', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (id === context.actor.userId) return context.redirectWithErrors(`/users/${id}/deactivate`, 'deactivate', {}, [{ field: 'deactivate', message: 'You cannot deactivate your own account' }]);
    try {
      const user = await updateUser(context.actor, id, context.now, { active: false }, context.requestId);
      await context.confirm(`${user.name}'s account is deactivated.`);
    } catch (error) {
      return context.redirectWithErrors(`/users/${id}/deactivate`, 'deactivate', {}, refusalErrors(error, 'deactivate'));
    }
    context.redirect(`/users/${id}`);
  });

  pages.post('/users/:id/reactivate', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    try {
      const user = await updateUser(context.actor, id, context.now, { active: true }, context.requestId);
      await context.confirm(`${user.name}'s account is active again.`);
    } catch (error) {
      return context.redirectWithErrors(`/users/${id}`, 'user', {}, refusalErrors(error, 'reset-password'));
    }
    context.redirect(`/users/${id}`);
  });
}

