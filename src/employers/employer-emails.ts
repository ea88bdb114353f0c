import type { AppDeps } from '../app-deps.js';
import { ONE_TIME_LINK_HOURS, type IssuedLink } from './one-time-links.js';

/**
 * Emails to employer users. They carry a one-time link and nothing about any young person. The message id
 * is the link record's id, so a resend after a crash is recognisable as the same message.
 */
export async function sendVerificationEmail(deps: Pick<AppDeps, 'mailer' | 'config'>, to: string, organisationName: string, link: IssuedLink): Promise<void> {
  const url = new URL('/verify-email', deps.config.PUBLIC_BASE_URL);
  url.searchParams.set('token', link.token);
  await deps.mailer.send({
    to,
    subject: 'Confirm your email address for Care Leaver Offers',
    text: [
      `You registered ${organisationName} to make Care Leaver Covenant offers.`,
      '',
      'Confirm your email address by opening this link:',
      url.toString(),
      '',
      `The link works once and expires in ${ONE_TIME_LINK_HOURS} hours. If you did not register, ignore this email.`,
    ].join('\n'),
    messageId: `<verify-email.${link.id}@care-leaver-offers.invalid>`,
  });
}

export async function sendInvitationEmail(deps: Pick<AppDeps, 'mailer' | 'config'>, to: string, organisationName: string, invitedBy: string, link: IssuedLink): Promise<void> {
  const url = new URL('/accept-invitation', deps.config.PUBLIC_BASE_URL);
  url.searchParams.set('token', link.token);
  await deps.mailer.send({
    to,
    subject: `You are invited to join ${organisationName} on Care Leaver Offers`,
    text: [
      `${invitedBy} invited you to manage ${organisationName}'s Care Leaver Covenant offers.`,
      '',
      'Accept the invitation and choose a password here:',
      url.toString(),
      '',
      `The link works once and expires in ${ONE_TIME_LINK_HOURS} hours. If you did not expect this, ignore this email.`,
    ].join('\n'),
    messageId: `<invitation.${link.id}@care-leaver-offers.invalid>`,
  });
}
