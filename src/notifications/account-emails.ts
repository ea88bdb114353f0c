import { queueEmail } from './queue-email.js';
import { renderEmail } from './templates.js';

/**
 * Queues an email about a person's own account (a password reset link, or a new account's first one) in the outbox, so the sender delivers it
 * and retries it like any other. The dedupe key makes queueing twice store it once; the body holds a one-time
 * link, so the sender blanks it once sent and only the link's hash stays stored.
 */
export async function queueAccountEmail(input: { dedupeKey: string; template: 'password-reset' | 'account-created'; recipientUserId: string; to: string; data: object; now: Date }): Promise<void> {
  const email = renderEmail(input.template, input.data);
  await queueEmail({ dedupeKey: input.dedupeKey, kind: 'account', recipientUserId: input.recipientUserId, to: input.to, ...email, containsOneTimeLink: true }, input.now);
}
