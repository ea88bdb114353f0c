import mongoose from 'mongoose';
import { readById } from '../lib/read-by-id.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertDistrictsExist } from '../districts/districts.service.js';
import { londonDateOf } from '../lib/dates.js';
import { badRequest, conflict, isDuplicateKey, notFound, unprocessable, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { withdrawOffersOfSuspendedOrganisation } from '../opportunities/opportunities.service.js';
import { COUNCIL_STAFF, type Actor } from '../users/roles.js';
import { hashPassword } from '../users/password.js';
import { SessionModel, UserModel } from '../users/users.model.js';
import { createUser } from '../users/users.service.js';
import { queueAccountExistsEmail, queueVerificationEmail } from './employer-emails.js';
import { issueOneTimeLink, redeemOneTimeLink } from './one-time-links.js';
import { queueOrganisationStatusEmails } from './organisation-status-emails.js';
import { OrganisationModel, type OrganisationRecord, type OrganisationStatus } from './organisations.model.js';
import type { OrganisationView, RegisterOrganisationInput, UpdateOrganisationInput } from './organisations.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;
type MailingContext = Pick<RequestContext, 'now' | 'deps'>;

/** The Care Leaver Covenant was launched by the DfE in October 2018 (DOMAIN.md): nobody signed it before. */
export const COVENANT_LAUNCHED_ON = '2018-10-01';

export function toOrganisationView(record: OrganisationRecord): OrganisationView {
  return {
    id: String(record._id),
    name: record.name,
    companiesHouseNumber: record.companiesHouseNumber ?? null,
    charityNumber: record.charityNumber ?? null,
    sector: record.sector as OrganisationView['sector'],
    size: record.size as OrganisationView['size'],
    address: { line1: record.address.line1, line2: record.address.line2 ?? null, town: record.address.town, postcode: record.address.postcode },
    districtId: String(record.districtId),
    contact: { name: record.contact.name, email: record.contact.email, phone: record.contact.phone ?? null },
    covenant: { signedOn: record.covenant.signedOn, pledgedOutcomeAreas: record.covenant.pledgedOutcomeAreas as OrganisationView['covenant']['pledgedOutcomeAreas'] },
    status: record.status as OrganisationStatus,
    statusChangedAt: record.statusChangedAt ? record.statusChangedAt.toISOString() : null,
    suspendedReason: record.suspendedReason ?? null,
    createdAt: record.createdAt.toISOString(),
  };
}

/** The organisation if the actor may see it: council staff any, an employer user only their own (else 404). */
export async function getOrganisationInScope(actor: Actor, id: string): Promise<OrganisationRecord> {
  const mayRead = COUNCIL_STAFF.includes(actor.role) || (actor.role === 'employer' && actor.organisationId === id);
  const record = mayRead ? await readById<OrganisationRecord>(OrganisationModel, id) : null;
  if (!record) throw notFound('Organisation');
  return record;
}

async function assertOrganisationValid(organisation: UpdateOrganisationInput, today: string, pathPrefix: string, self: string | null = null): Promise<void> {
  const problems: { path: string; message: string }[] = [];
  const signedOn = organisation.covenant?.signedOn;
  if (signedOn && signedOn > today) problems.push({ path: `${pathPrefix}covenant.signedOn`, message: 'must not be in the future' });
  if (signedOn && signedOn < COVENANT_LAUNCHED_ON) problems.push({ path: `${pathPrefix}covenant.signedOn`, message: `must not be before the Covenant launched (${COVENANT_LAUNCHED_ON})` });
  if (problems.length) throw validationFailed(problems);
  if (organisation.districtId) await assertDistrictsExist([organisation.districtId]);
  // Not a unique index: most organisations have no such number, and FerretDB v1 has no partial indexes.
  const others = self ? { _id: { $ne: self } } : {};
  if (organisation.companiesHouseNumber && (await OrganisationModel.exists({ ...others, companiesHouseNumber: organisation.companiesHouseNumber }))) {
    throw conflict('An organisation with this Companies House number is already registered: ask a colleague there to invite you.');
  }
  if (organisation.charityNumber && (await OrganisationModel.exists({ ...others, charityNumber: organisation.charityNumber }))) {
    throw conflict('An organisation with this charity number is already registered: ask a colleague there to invite you.');
  }
}

/** An employer user keeps their own organisation's details up to date (council staff may too); the status is not theirs to change. */
export async function updateOrganisation(context: Context, id: string, changes: UpdateOrganisationInput): Promise<OrganisationView> {
  await getOrganisationInScope(context.actor, id);
  await assertOrganisationValid(changes, londonDateOf(context.now), '', id);
  const updated = await OrganisationModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true }).lean<OrganisationRecord>();
  if (!updated) throw notFound('Organisation');
  await recordAudit(context, { action: 'update', resource: 'organisation', resourceId: id, youngPersonIds: [], fields: Object.keys(changes), via: 'PATCH /organisations/:id' });
  return toOrganisationView(updated);
}

/**
 * Self-registration: the organisation (pending council approval) and its first user (unverified until they
 * open the emailed one-time link; employers cannot sign in before). The verification email is queued in the
 * outbox, so an SMTP outage does not fail the registration.
 *
 * An email address that already has an account gets the same answer (status and shape) as a new one, so the
 * form cannot be used to find out who has an account; nothing is registered, and the owner is told by email.
 */
export async function registerOrganisation(context: MailingContext, input: RegisterOrganisationInput) {
  const { now, deps } = context;
  await assertOrganisationValid(input.organisation, londonDateOf(now), 'organisation.');
  const existing = await UserModel.findOne({ email: input.user.email }, { _id: 1 }).lean();
  if (existing) return answerForExistingAccount(context, input, String(existing._id));
  const organisation = (await OrganisationModel.create({ ...input.organisation, status: 'pending_approval', statusChangedAt: now })).toObject() as OrganisationRecord;
  const organisationId = String(organisation._id);
  let user;
  try {
    user = await createUser({ ...input.user, role: 'employer', organisationId, emailVerified: false }, now);
  } catch (error) {
    // No transactions on FerretDB v1: undo the organisation so a lost race on the email leaves nothing behind.
    await OrganisationModel.deleteOne({ _id: organisation._id });
    const winner = isDuplicateKey(error) ? await UserModel.findOne({ email: input.user.email }, { _id: 1 }).lean() : null;
    if (winner) return answerForExistingAccount(context, input, String(winner._id), false);
    throw error;
  }
  const link = await issueOneTimeLink('verify_email', { email: user.email, organisationId, userId: user.id }, now);
  await queueVerificationEmail(deps, user.email, organisation.name, link, user.id, now);
  return { organisation: toOrganisationView(organisation), user: { id: user.id, name: user.name, email: user.email, emailVerified: false } };
}

/**
 * The answer a new registration would get, for an address that has an account: an organisation view that is
 * not stored (its id is new and unused) and the same user shape. The password is still hashed, so the answer
 * takes about as long as a real registration; the owner of the address is emailed instead.
 */
async function answerForExistingAccount(context: MailingContext, input: RegisterOrganisationInput, ownerId: string, hashLikeARegistration = true) {
  const { now, deps } = context;
  if (hashLikeARegistration) await hashPassword(input.user.password);
  const notStored = new OrganisationModel({ ...input.organisation, status: 'pending_approval', statusChangedAt: now, createdAt: now, updatedAt: now }).toObject() as OrganisationRecord;
  await queueAccountExistsEmail(deps, input.user.email, ownerId, { registeredOrganisation: input.organisation.name }, now, `register:${String(notStored._id)}`);
  return { organisation: toOrganisationView(notStored), user: { id: String(new mongoose.Types.ObjectId()), name: input.user.name, email: input.user.email, emailVerified: false } };
}

/** Opens a verification link: the user's email is confirmed and they may sign in. */
export async function verifyEmail(now: Date, token: string): Promise<{ email: string; emailVerified: true }> {
  const link = await redeemOneTimeLink('verify_email', token, now);
  if (!link?.userId) throw badRequest('This link does not work: it may have expired or been used already. Ask for a new one.');
  await UserModel.updateOne({ _id: link.userId, emailVerifiedAt: null }, { $set: { emailVerifiedAt: now } });
  return { email: link.email, emailVerified: true };
}

/** Sends a fresh link to an unverified employer user; answers the same whether or not the account exists. */
export async function resendVerification(context: MailingContext, email: string): Promise<void> {
  const user = await UserModel.findOne({ email, role: 'employer', emailVerifiedAt: null, active: true }).lean();
  if (!user?.organisationId) return;
  const organisation = await OrganisationModel.findById(user.organisationId).lean<OrganisationRecord>();
  if (!organisation) return;
  const link = await issueOneTimeLink('verify_email', { email, organisationId: String(organisation._id), userId: String(user._id) }, context.now);
  await queueVerificationEmail(context.deps, email, organisation.name, link, String(user._id), context.now);
}

async function changeStatus(context: Context, id: string, from: OrganisationStatus[], to: OrganisationStatus, extra: Record<string, unknown>): Promise<{ before: OrganisationStatus; updated: OrganisationRecord }> {
  const existing = await getOrganisationInScope(context.actor, id);
  const updated = await OrganisationModel.findOneAndUpdate(
    { _id: id, status: { $in: from } },
    { $set: { status: to, statusChangedAt: context.now, statusChangedByUserId: context.actor.userId, ...extra } },
    { returnDocument: 'after' },
  ).lean<OrganisationRecord>();
  if (!updated) throw unprocessable(`The organisation is ${existing.status.replace('_', ' ')}, so it cannot be ${to === 'approved' ? 'approved' : 'suspended'}.`, { status: existing.status });
  await recordAudit(context, { action: 'update', resource: 'organisation', resourceId: id, youngPersonIds: [], fields: ['status'], via: `POST /organisations/:id/${to === 'approved' ? 'approve' : 'suspend'}` });
  return { before: existing.status as OrganisationStatus, updated };
}

/** Its users are signed out at once; sign-in is refused until the organisation is reinstated. */
async function endSessionsOfOrganisation(organisationId: string, now: Date): Promise<void> {
  const userIds = (await UserModel.find({ organisationId }, { _id: 1 }).lean()).map((user) => user._id);
  if (userIds.length) await SessionModel.updateMany({ userId: { $in: userIds }, revokedAt: null }, { $set: { revokedAt: now } });
}

/**
 * Council staff approve a new organisation (or reinstate a suspended one); its offers may then go live. Its
 * people are emailed what to do next, with a link to Your offers.
 */
export async function approveOrganisation(context: Context & Pick<RequestContext, 'deps'>, id: string): Promise<OrganisationView> {
  const { before, updated } = await changeStatus(context, id, ['pending_approval', 'suspended'], 'approved', { suspendedReason: null });
  await queueOrganisationStatusEmails(context.deps, updated, before === 'suspended' ? 'reinstated' : 'approved', context.now);
  return toOrganisationView(updated);
}

/**
 * Suspends an organisation: its live and pending offers are withdrawn from matching at once. Referrals already
 * made stay as they are, so PAs keep following them.
 */
export async function suspendOrganisation(context: Context & Pick<RequestContext, 'deps'>, id: string, reason: string): Promise<OrganisationView> {
  const { updated } = await changeStatus(context, id, ['pending_approval', 'approved'], 'suspended', { suspendedReason: reason });
  await withdrawOffersOfSuspendedOrganisation(id, context.now);
  await endSessionsOfOrganisation(id, context.now);
  await queueOrganisationStatusEmails(context.deps, updated, 'suspended', context.now);
  return toOrganisationView(updated);
}
