import type { Actor } from '../users/roles.js';
import { UserModel, type UserRecord } from '../users/users.model.js';
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
