import type { AppDeps } from '../app-deps.js';
import { queueEmail } from '../notifications/queue-email.js';
import { ONE_TIME_LINK_HOURS, type IssuedLink } from './one-time-links.js';

type MailDeps = Pick<AppDeps, 'config'>;

/**
 * Emails to employer users, queued in the outbox (the sender delivers them with retries, so an SMTP outage
 * never fails a registration or an invitation). They carry a one-time link and nothing about any young person;
 * each is keyed by its link record, so it is queued once.
 */
export async function queueVerificationEmail(deps: MailDeps, to: string, organisationName: string, link: IssuedLink, userId: string, now: Date): Promise<void> {
  const url = new URL('/verify-email', deps.config.PUBLIC_BASE_URL);
  url.searchParams.set('token', link.token);
  await queueEmail({
    dedupeKey: `verify-email:${link.id}`, kind: 'verify_email', to, recipientUserId: userId, containsOneTimeLink: true,
    subject: 'Confirm your email address for Care Leaver Offers',
    text: [
      `You registered ${organisationName} to make Care Leaver Covenant offers.`,
      '',
      'Confirm your email address by opening this link:',
      url.toString(),
      '',
      `The link works once and expires in ${ONE_TIME_LINK_HOURS} hours. If you did not register, ignore this email.`,
    ].join('\n'),
  }, now);
}

export async function queueInvitationEmail(deps: MailDeps, to: string, organisationName: string, invitedBy: string, link: IssuedLink, now: Date): Promise<void> {
  const url = new URL('/accept-invitation', deps.config.PUBLIC_BASE_URL);
  url.searchParams.set('token', link.token);
  await queueEmail({
    dedupeKey: `invitation:${link.id}`, kind: 'invitation', to, containsOneTimeLink: true,
    subject: `You are invited to join ${organisationName} on Care Leaver Offers`,
    text: [
      `${invitedBy} invited you to manage ${organisationName}'s Care Leaver Covenant offers.`,
      '',
      'Accept the invitation and choose a password here:',
      url.toString(),
      '',
      `The link works once and expires in ${ONE_TIME_LINK_HOURS} hours. If you did not expect this, ignore this email.`,
    ].join('\n'),
  }, now);
}

/**
 * Tells the owner of an existing account that someone registered or invited their address, instead of telling
 * the requester that the account exists (which would let anyone find out who has an account).
 */
export async function queueAccountExistsEmail(deps: MailDeps, to: string, userId: string, what: { registeredOrganisation: string } | { invitedTo: string; invitedBy: string }, now: Date, requestKey: string): Promise<void> {
  const signIn = new URL('/', deps.config.PUBLIC_BASE_URL).toString();
  const happened = 'registeredOrganisation' in what
    ? `Someone tried to register ${what.registeredOrganisation} on Care Leaver Offers with this email address, which already has an account. Nothing was registered.`
    : `${what.invitedBy} invited this email address to join ${what.invitedTo} on Care Leaver Offers, but it already has an account, so no invitation was created.`;
  await queueEmail({
    dedupeKey: `account-exists:${requestKey}`, kind: 'account_exists', to, recipientUserId: userId,
    subject: 'Your Care Leaver Offers account: someone used your email address',
    text: [happened, '', `If it was you, sign in here instead: ${signIn}`, '', 'If it was not you, you need do nothing; you may tell the council.'].join('\n'),
  }, now);
}
