/**
 * A young person's own account: the PA invites them (a one-time link for 7 days), they set a password, and a PA
 * or manager can switch it off at once. Why a password rather than an emailed sign-in link each time: a
 * sign-in link is only as private as the inbox, and many care leavers share or lose phones and email accounts;
 * a password also keeps one sign-in page, one lockout and one reset route for every account in the service.
 */
import { z } from 'zod';
import type { Config } from '../../config.js';
import { recordAudit } from '../../audit/audit.service.js';
import { AGE_16, dateReachingAge } from '../../lib/age.js';
import { compareDates, dayMonthYear, londonDateOf, type LocalDate } from '../../lib/dates.js';
import { AppError, conflict, validationFailed } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/http/api.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { queueEmail } from '../../notifications/queue-email.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../../users/password.js';
import { SessionModel, UserModel, type UserRecord } from '../../users/users.model.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people.model.js';
import { getYoungPersonInScope } from '../young-people.service.js';
import { YoungPersonInvitationModel, type YoungPersonInvitationRecord } from './young-person-invitation.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;
export const invitationEmail = z.email().max(200);

/** The day a young person turns 16 on their record: from then they may be invited (younger children are not given accounts). */
export function invitableFrom(record: Pick<YoungPersonRecord, 'dateOfBirth'>): LocalDate {
  return dateReachingAge(record.dateOfBirth, AGE_16);
}

/** Whether a young person may be invited: 16 or over on their record. */
export function mayBeInvited(record: Pick<YoungPersonRecord, 'dateOfBirth'>, now: Date): boolean {
  return compareDates(londonDateOf(now), invitableFrom(record)) >= 0;
}

export const TOO_YOUNG_TO_INVITE = 'too_young_to_invite';
const tooYoungToInvite = (from: LocalDate) =>
  new AppError(409, TOO_YOUNG_TO_INVITE, `Only young people aged 16 or over can be invited to their own pages. They can be invited from ${dayMonthYear(from)}.`, { invitableFrom: from });

/** The account linked to a young person's record, if any (active or switched off). */
export async function accountOf(youngPersonId: string): Promise<UserRecord | null> {
  return UserModel.findOne({ role: 'young_person', youngPersonId }).lean<UserRecord>();
}

/**
 * Emails the young person a link to join (the PA or manager must have them in scope). A newer invitation
 * supersedes older ones. Refused under 16, and for an address another account already uses.
 */
export async function inviteYoungPerson(context: Context, config: Pick<Config, 'PUBLIC_BASE_URL'>, youngPersonId: string, email: string): Promise<{ expiresAt: Date }> {
  const record = await getYoungPersonInScope(context.actor, youngPersonId);
  if (!mayBeInvited(record, context.now)) throw tooYoungToInvite(invitableFrom(record));
  const address = email.trim().toLowerCase();
  if (!invitationEmail.safeParse(address).success) throw validationFailed([{ path: 'email', message: 'must be an email address' }]);
  const holder = await UserModel.findOne({ email: address }, { role: 1, youngPersonId: 1 }).lean();
  if (holder && !(holder.role === 'young_person' && String(holder.youngPersonId) === youngPersonId)) throw conflict('Another account already uses this email address. Use a different one.');
  await YoungPersonInvitationModel.updateMany({ youngPersonId, usedAt: null, supersededAt: null }, { $set: { supersededAt: context.now } });
  const token = newToken();
  const expiresAt = new Date(context.now.getTime() + INVITATION_DAYS * 86_400_000);
  const invitation = await YoungPersonInvitationModel.create({ tokenHash: hashToken(token), youngPersonId, email: address, invitedByUserId: context.actor.userId, expiresAt });
  const url = new URL('/join', config.PUBLIC_BASE_URL);
  url.searchParams.set('token', token);
  const firstName = record.preferredName || record.firstName;
  // The subject carries no name (it shows on locked phones); the body speaks to the young person.
  const text = [
    `Hello ${firstName},`,
    `${context.actor.name}, your personal adviser, has asked you to join Care Leaver Offers. You can see jobs, apprenticeships and other offers picked for you, say which ones you like, and choose what is shared about you.`,
    `Open this link to set your password. It works once, for ${INVITATION_DAYS} days:\n${url.toString()}`,
    `If you did not expect this email, tell your personal adviser. Do not share the link with anyone.`,
  ].join('\n\n');
  await queueEmail({ dedupeKey: `young-person-invitation:${String(invitation._id)}`, kind: 'invitation', to: address, subject: 'You are invited to see your offers', text, containsOneTimeLink: true }, context.now);
  await recordAudit(context, { action: 'update', resource: 'young_person_account', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: ['invitation'], via: 'POST /young-people/:id/invite' });
  return { expiresAt };
}

/** The live invitation a link stands for (unused, unexpired, not superseded, record still open), or null. */
export async function liveInvitation(token: string, now: Date): Promise<YoungPersonInvitationRecord | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const invitation = await YoungPersonInvitationModel.findOne({ tokenHash: hashToken(token), usedAt: null, supersededAt: null, expiresAt: { $gt: now } }).lean<YoungPersonInvitationRecord>();
  if (!invitation) return null;
  const open = await YoungPersonModel.exists({ _id: invitation.youngPersonId, archivedAt: null });
  return open ? invitation : null;
}

/**
 * Uses an invitation once: one conditional update marks it used, so two clicks cannot both succeed; then the
 * account is created (or, after a switch-off, reopened) with the new password. Null when the link does not work.
 */
export async function acceptInvitation(token: string, password: string, now: Date): Promise<{ userId: string } | null> {
  if (password.length < MIN_PASSWORD_LENGTH) throw validationFailed([{ path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  if (!(await liveInvitation(token, now))) return null;
  const invitation = await YoungPersonInvitationModel.findOneAndUpdate(
    { tokenHash: hashToken(token), usedAt: null, supersededAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<YoungPersonInvitationRecord>();
  if (!invitation) return null;
  const record = await YoungPersonModel.findById(invitation.youngPersonId, { firstName: 1, preferredName: 1 }).lean();
  if (!record) return null;
  const passwordHash = await hashPassword(password);
  const existing = await accountOf(String(invitation.youngPersonId));
  if (existing) {
    await UserModel.updateOne({ _id: existing._id }, { $set: { email: invitation.email, passwordHash, active: true, emailVerifiedAt: now, failedLoginCount: 0, lockedUntil: null } });
    return { userId: String(existing._id) };
  }
  const created = await UserModel.create({ email: invitation.email, name: record.preferredName || record.firstName, role: 'young_person', youngPersonId: invitation.youngPersonId, passwordHash, emailVerifiedAt: now });
  return { userId: String(created._id) };
}

/**
 * Switches a young person's access off at once: the account is deactivated and every session revoked (API and
 * browser alike, since a browser session signs in with a session token), and any unused invitation stops working.
 * Browser sessions are revoked, not deleted: a page left open then answers its next click, a form included, with
 * "You have been signed out" and the way to sign in, instead of refusing the form as if it came from elsewhere.
 * A PA or manager with them in scope.
 */
export async function switchAccessOff(context: Context, youngPersonId: string): Promise<boolean> {
  await getYoungPersonInScope(context.actor, youngPersonId);
  await YoungPersonInvitationModel.updateMany({ youngPersonId, usedAt: null, supersededAt: null }, { $set: { supersededAt: context.now } });
  const account = await accountOf(youngPersonId);
  if (!account) return false;
  await UserModel.updateOne({ _id: account._id }, { $set: { active: false } });
  await SessionModel.updateMany({ userId: account._id, revokedAt: null }, { $set: { revokedAt: context.now } });
  await recordAudit(context, { action: 'update', resource: 'young_person_account', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: ['access_switched_off'], via: 'POST /young-people/:id/access' });
  return true;
}

/** What the PA's page says about the young person's own account. */
export async function accountStatus(youngPersonId: string, now: Date): Promise<{ state: 'none' | 'invited' | 'active' | 'switched_off'; email: string | null; invitedUntil: Date | null }> {
  const [account, pending] = await Promise.all([
    accountOf(youngPersonId),
    YoungPersonInvitationModel.findOne({ youngPersonId, usedAt: null, supersededAt: null, expiresAt: { $gt: now } }).sort({ createdAt: -1 }).lean<YoungPersonInvitationRecord>(),
  ]);
  if (account?.active) return { state: 'active', email: account.email, invitedUntil: null };
  if (pending) return { state: 'invited', email: pending.email, invitedUntil: pending.expiresAt };
  if (account) return { state: 'switched_off', email: account.email, invitedUntil: null };
  return { state: 'none', email: null, invitedUntil: null };
}
