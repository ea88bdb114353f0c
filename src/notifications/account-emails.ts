import mongoose from 'mongoose';
import { isDuplicateKey } from '../lib/errors.js';
import { MailOutboxModel } from './mail-outbox.model.js';
import { renderEmail } from './templates.js';

/**
 * Queues an email about a person's own account (a password reset link) in the outbox, so the sender delivers it
 * and retries it like any other. The dedupe key makes queueing twice store it once.
 */
export async function queueAccountEmail(input: { dedupeKey: string; template: 'password-reset'; recipientUserId: string; to: string; data: object; now: Date }): Promise<void> {
  const email = renderEmail(input.template, input.data);
  try {
    await MailOutboxModel.create({
      dedupeKey: input.dedupeKey, kind: 'account', recipientUserId: new mongoose.Types.ObjectId(input.recipientUserId), to: input.to, ...email, nextAttemptAt: input.now,
      // The body holds a one-time link: the sender blanks it once sent, so only the link's hash stays stored.
      containsOneTimeLink: true,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
