import mongoose from 'mongoose';
import { badRequest, conflict, notFound, unprocessable } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { UserModel } from '../users/users.model.js';
import { createUser } from '../users/users.service.js';
import type { UserView } from '../users/users.schemas.js';
import { queueAccountExistsEmail, queueInvitationEmail } from './employer-emails.js';
import { isRedeemable, issueOneTimeLink, ONE_TIME_LINK_HOURS, redeemOneTimeLink } from './one-time-links.js';
import { OrganisationModel, type OrganisationRecord } from './organisations.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'deps'>;

const ALREADY_HAS_ACCOUNT = () => conflict('Someone with this email address already has an account.');
const LINK_DOES_NOT_WORK = () => badRequest('This invitation does not work: it may have expired or been used already. Ask your colleague for a new one.');

/** An employer user invites a colleague to their own organisation (any other organisation is not found). */
export async function inviteColleague(context: Context, organisationId: string, email: string): Promise<{ id: string; email: string; expiresAt: string }> {
  const { actor, now, deps } = context;
  if (actor.role !== 'employer' || actor.organisationId !== organisationId) throw notFound('Organisation');
  const organisation = await OrganisationModel.findById(organisationId).lean<OrganisationRecord>();
  if (!organisation) throw notFound('Organisation');
  if (organisation.status === 'suspended') throw unprocessable('Your organisation is suspended: it cannot invite colleagues. Contact the council.');
  const existing = await UserModel.findOne({ email }, { _id: 1 }).lean();
  if (existing) {
    // The same answer as a real invitation, so inviting cannot reveal who has an account; the owner is told by email.
    const id = String(new mongoose.Types.ObjectId());
    await queueAccountExistsEmail(deps, email, String(existing._id), { invitedTo: organisation.name, invitedBy: actor.name }, now, `invitation:${id}`);
    return { id, email, expiresAt: new Date(now.getTime() + ONE_TIME_LINK_HOURS * 3_600_000).toISOString() };
  }
  const link = await issueOneTimeLink('invitation', { email, organisationId, createdByUserId: actor.userId }, now);
  await queueInvitationEmail(deps, email, organisation.name, actor.name, link, now);
  return { id: link.id, email, expiresAt: link.expiresAt.toISOString() };
}

/**
 * Accepts an invitation: a new employer user in the inviting organisation. Their email counts as verified,
 * since the link reached it. The link is checked before it is used, so a refusal does not waste it.
 */
export async function acceptInvitation(now: Date, input: { token: string; name: string; password: string }): Promise<UserView> {
  const pending = await isRedeemable('invitation', input.token, now);
  if (!pending) throw LINK_DOES_NOT_WORK();
  const organisation = await OrganisationModel.findById(pending.organisationId).lean<OrganisationRecord>();
  if (!organisation || organisation.status === 'suspended') throw unprocessable('The organisation that invited you is suspended: contact the council.');
  if (await UserModel.exists({ email: pending.email })) throw ALREADY_HAS_ACCOUNT();
  const link = await redeemOneTimeLink('invitation', input.token, now);
  if (!link) throw LINK_DOES_NOT_WORK();
  return createUser({ email: link.email, name: input.name, password: input.password, role: 'employer', organisationId: String(link.organisationId), emailVerified: true }, now);
}
