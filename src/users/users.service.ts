import { hashToken, newToken } from '../lib/tokens.js';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { AppError, forbidden, notFound, unauthenticated } from '../lib/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import type { Actor, Role } from './roles.js';
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
  return { userId: view.id, role: view.role, name: view.name, team: view.team, districtIds: view.districtIds, organisationId: view.organisationId };
}


/** The same answer for unknown email, wrong password and locked account, so nobody learns who has an account. */
const LOGIN_FAILED = () => unauthenticated('Email or password is incorrect, or the account is locked.');

export async function logIn(email: string, password: string, now: Date, config: Config): Promise<{ token: string; expiresAt: Date; user: UserView }> {
  const user = await UserModel.findOne({ email: email.toLowerCase() }).lean<UserRecord>();
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(password, DUMMY_HASH); // same cost whether or not the account exists
    throw LOGIN_FAILED();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw LOGIN_FAILED();
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = (user.failedLoginCount ?? 0) + 1;
    const lock = failures >= config.LOGIN_MAX_FAILED_ATTEMPTS;
    await UserModel.updateOne(
      { _id: user._id },
      lock ? { $set: { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + config.LOGIN_LOCKOUT_MINUTES * 60_000) } } : { $set: { failedLoginCount: failures } },
    );
    throw LOGIN_FAILED();
  }
  if (user.role === 'employer' && !user.emailVerifiedAt) {
    throw new AppError(403, 'email_not_verified', 'Verify your email address with the link we sent before signing in.');
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  await SessionModel.create({ tokenHash: hashToken(token), userId: user._id, expiresAt });
  await UserModel.updateOne({ _id: user._id }, { $set: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
  return { token, expiresAt, user: toUserView(user) };
}

/** The actor behind a bearer token, or undefined when the token is unknown, expired, revoked, or its user inactive. */
export async function authenticate(token: string, now: Date): Promise<Actor | undefined> {
  const session = await SessionModel.findOne({ tokenHash: hashToken(token), revokedAt: null, expiresAt: { $gt: now } }).lean();
  if (!session) return undefined;
  const user = await UserModel.findOne({ _id: session.userId, active: true }).lean<UserRecord>();
  return user ? toActor(user) : undefined;
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
  if (!mongoose.isValidObjectId(id)) return null;
  return UserModel.findById(id).lean<UserRecord>();
}

export async function updateUser(actor: Actor, id: string, now: Date, changes: { name?: string | undefined; active?: boolean | undefined; team?: string | null | undefined; districtIds?: string[] | undefined }): Promise<UserView> {
  const existing = await findUser(id);
  if (!existing) throw notFound('User');
  assertMayManageUser(actor, { role: existing.role as Role, team: existing.team });
  if (actor.role === 'manager' && changes.team !== undefined && changes.team !== actor.team) throw forbidden('A manager cannot move a personal adviser to another team.');
  const updated = await UserModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true }).lean<UserRecord>();
  if (!updated) throw notFound('User');
  if (changes.active === false) await SessionModel.updateMany({ userId: updated._id, revokedAt: null }, { $set: { revokedAt: now } });
  return toUserView(updated);
}

// A real scrypt hash of a random password, so failed logins for unknown emails cost the same as for known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Names of users by id, for showing who did something (a referral's timeline); unknown ids are left out. */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length) return new Map();
  const users = await UserModel.find({ _id: { $in: valid } }, { name: 1 }).lean();
  return new Map(users.map((user) => [String(user._id), user.name]));
}
