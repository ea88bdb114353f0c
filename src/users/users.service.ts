import { hashToken } from '../lib/tokens.js';
import mongoose from 'mongoose';
import { forbidden, notFound, validationFailed } from '../lib/errors.js';
import { readById } from '../lib/read-by-id.js';
import { planCaseloadHandover } from './caseload-handover.js';
import { hashPassword } from './password.js';
import type { Actor, Role } from './roles.js';
import { OrganisationModel } from '../employers/organisations.model.js';
import { SessionModel, UserModel, type UserRecord } from './users.model.js';
import type { UserView } from './users.schemas.js';

export function toUserView(user: UserRecord): UserView {
  return {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role as Role,
    active: user.active,
    team: user.team ?? null,
    districtIds: (user.districtIds ?? []).map(String),
    organisationId: user.organisationId ? String(user.organisationId) : null,
  };
}

export function toActor(user: UserRecord): Actor {
  const view = toUserView(user);
  const actor: Actor = { userId: view.id, role: view.role, name: view.name, team: view.team, districtIds: view.districtIds, organisationId: view.organisationId };
  if (user.role === 'young_person') actor.youngPersonId = user.youngPersonId ? String(user.youngPersonId) : null;
  return actor;
}


/** The actor behind a bearer token, or undefined when the token is unknown, expired, revoked, or its user inactive. */
export async function authenticate(token: string, now: Date): Promise<Actor | undefined> {
  const session = await SessionModel.findOne({ tokenHash: hashToken(token), revokedAt: null, expiresAt: { $gt: now } }).lean();
  if (!session) return undefined;
  const user = await readById<UserRecord>(UserModel, session.userId, { active: true });
  if (!user) return undefined;
  // A suspended organisation's users lose access at once, even through a session that outlived the suspension.
  if (user.role === 'employer' && user.organisationId && (await readById(OrganisationModel, user.organisationId, { status: 'suspended' }, { _id: 1, status: 1 }))) return undefined;
  return toActor(user);
}

export async function logOut(token: string, now: Date): Promise<void> {
  await SessionModel.updateOne({ tokenHash: hashToken(token), revokedAt: null }, { $set: { revokedAt: now } });
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password?: string;
  team?: string | null;
  districtIds?: string[];
  organisationId?: string | null;
  emailVerified?: boolean;
}

export async function createUser(input: NewUser, now: Date): Promise<UserView> {
  // An employer user tied to no real organisation would see nothing and could never be placed anywhere.
  if (input.organisationId && !(mongoose.isValidObjectId(input.organisationId) && (await OrganisationModel.exists({ _id: input.organisationId })))) {
    throw validationFailed([{ path: 'organisationId', message: 'no organisation has this id' }]);
  }
  const created = await UserModel.create({
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    team: input.team ?? null,
    districtIds: input.districtIds ?? [],
    organisationId: input.organisationId ?? null,
    emailVerifiedAt: input.emailVerified === false ? null : now,
  });
  return toUserView(created.toObject() as UserRecord);
}

/** Council staff manage accounts: an admin anyone, a manager only personal advisers in their own team. */
export function assertMayManageUser(actor: Actor, target: { role: Role; team?: string | null | undefined }): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'manager' && target.role === 'personal_adviser' && target.team === actor.team) return;
  throw forbidden('Only an admin, or a manager for personal advisers in their own team, can manage this account.');
}

export async function listUsers(actor: Actor, filter: { role?: Role | undefined; team?: string | undefined }): Promise<UserView[]> {
  const query: Record<string, unknown> = {};
  if (filter.role) query.role = filter.role;
  if (filter.team) query.team = filter.team;
  if (actor.role === 'manager') query.team = actor.team;
  const users = await UserModel.find(query).sort({ name: 1 }).limit(1000).lean<UserRecord[]>();
  return users.map(toUserView);
}

export async function findUser(id: string): Promise<UserRecord | null> {
  return readById<UserRecord>(UserModel, id);
}

/** Whether council staff may see an account at all: an admin any, a manager their own team's (else 404, not 403). */
export function mayViewUser(actor: Actor, target: { team?: string | null | undefined }): boolean {
  return actor.role === 'admin' || (actor.role === 'manager' && !!actor.team && target.team === actor.team);
}

export async function readUser(actor: Actor, id: string): Promise<UserView> {
  const user = await findUser(id);
  if (!user || !mayViewUser(actor, user)) throw notFound('User');
  return toUserView(user);
}

export async function updateUser(actor: Actor, id: string, now: Date, changes: { name?: string | undefined; active?: boolean | undefined; team?: string | null | undefined; districtIds?: string[] | undefined }, requestId: string): Promise<UserView> {
  const existing = await findUser(id);
  if (!existing || !mayViewUser(actor, existing)) throw notFound('User');
  assertMayManageUser(actor, { role: existing.role as Role, team: existing.team });
  if (actor.role === 'manager' && changes.team !== undefined && changes.team !== actor.team) throw forbidden('A manager cannot move a personal adviser to another team.');
  // The caseload an account holds always has an owner: a team move takes it along, a deactivation hands it to the manager.
  const handOver = await planCaseloadHandover({ actor, now, requestId }, existing, changes);
  const updated = await UserModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true }).lean<UserRecord>();
  if (!updated) throw notFound('User');
  if (changes.active === false) await SessionModel.updateMany({ userId: updated._id, revokedAt: null }, { $set: { revokedAt: now } });
  await handOver?.();
  return toUserView(updated);
}

/** Names of users by id, for showing who did something (a referral's timeline); unknown ids are left out. */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length) return new Map();
  const users = await UserModel.find({ _id: { $in: valid } }, { name: 1 }).lean();
  return new Map(users.map((user) => [String(user._id), user.name]));
}
