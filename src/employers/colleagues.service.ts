import mongoose from 'mongoose';
import { recordAudit } from '../audit/audit.service.js';
import { conflict, notFound } from '../lib/errors.js';
import type { Actor } from '../users/roles.js';
import { SessionModel, UserModel, type UserRecord } from '../users/users.model.js';
import { OneTimeTokenModel, type OneTimeTokenRecord } from './organisations.model.js';
import type { PeopleWithAccessView } from './organisations.schemas.js';
import { getOrganisationInScope } from './organisations.service.js';

/** Where someone with access stands: may sign in, has not yet confirmed their email, or was deactivated. */
function statusOf(user: UserRecord): PeopleWithAccessView['people'][number]['status'] {
  if (!user.active) return 'deactivated';
  return user.emailVerifiedAt ? 'active' : 'email_not_confirmed';
}

/**
 * Who has access to an organisation's offers and referrals: its user accounts, and the invitations still open
 * (sent, not accepted, not expired). An employer sees their own organisation only, council staff any (else 404).
 */
export async function listPeopleWithAccess(context: { actor: Actor; now: Date }, organisationId: string): Promise<PeopleWithAccessView> {
  const organisation = await getOrganisationInScope(context.actor, organisationId);
  const users = await UserModel.find({ organisationId: organisation._id, role: 'employer' }).sort({ name: 1 }).lean<UserRecord[]>();
  const links = await OneTimeTokenModel.find({ organisationId: organisation._id, purpose: 'invitation', usedAt: null }).sort({ createdAt: 1 }).lean<OneTimeTokenRecord[]>();
  // Expiry is checked here rather than in the filter: FerretDB v1 does not push range filters down anyway.
  const open = links.filter((link) => link.expiresAt > context.now);
  return {
    people: users.map((user) => ({
      id: String(user._id),
      name: user.name,
      email: user.email,
      status: statusOf(user),
      lastSignedInAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    })),
    invitations: open.map((link) => ({ id: String(link._id), email: link.email, invitedAt: link.createdAt.toISOString(), expiresAt: link.expiresAt.toISOString() })),
  };
}

/**
 * An employer takes a colleague's access away: the account is deactivated and signed out everywhere at once; the
 * offers and referrals stay with the organisation. Only an employer account of the same organisation (else not
 * found), and never one's own (409: someone else must do it, so the organisation is never left with nobody).
 */
export async function removeColleague(context: { actor: Actor; now: Date; requestId: string }, organisationId: string, userId: string): Promise<{ name: string; email: string }> {
  const organisation = await getOrganisationInScope(context.actor, organisationId);
  const colleague = mongoose.isValidObjectId(userId) ? await UserModel.findOne({ _id: userId, organisationId: organisation._id, role: 'employer' }).lean<UserRecord>() : null;
  if (!colleague) throw notFound('Person');
  if (String(colleague._id) === context.actor.userId) throw conflict('You cannot remove your own access: ask a colleague, or the council\'s leaving care team.');
  await UserModel.updateOne({ _id: colleague._id }, { $set: { active: false } });
  await SessionModel.updateMany({ userId: colleague._id, revokedAt: null }, { $set: { revokedAt: context.now } });
  await recordAudit(context, { action: 'update', resource: 'organisation', resourceId: organisationId, youngPersonIds: [], fields: ['people'], via: 'POST /organisation/people/:id/remove' });
  return { name: colleague.name, email: colleague.email };
}

/** Cancels an invitation not yet accepted: its link stops working. Only the organisation's own (else not found). */
export async function cancelInvitation(context: { actor: Actor; now: Date; requestId: string }, organisationId: string, invitationId: string): Promise<{ email: string }> {
  const organisation = await getOrganisationInScope(context.actor, organisationId);
  const cancelled = mongoose.isValidObjectId(invitationId)
    ? await OneTimeTokenModel.findOneAndUpdate({ _id: invitationId, organisationId: organisation._id, purpose: 'invitation', usedAt: null }, { $set: { usedAt: context.now } }, { returnDocument: 'after' }).lean<OneTimeTokenRecord>()
    : null;
  if (!cancelled) throw notFound('Invitation');
  await recordAudit(context, { action: 'update', resource: 'organisation', resourceId: organisationId, youngPersonIds: [], fields: ['invitations'], via: 'POST /organisation/people/invitations/:id/cancel' });
  return { email: cancelled.email };
}
