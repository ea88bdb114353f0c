import { objectId } from '../../lib/http/api.js';
import { errorView, PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { refusalErrors } from '../../lib/pages/refusal-errors.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { MAIL_STATUSES, type MailKind, type MailStatus } from '../mail-outbox.model.js';
import { listOutbox, retryAllFailedMessages, retryFailedMessage } from '../notifications.service.js';
import type { OutboxMessageView } from '../notifications.schemas.js';

const SHOWN = 100;
const STATUS_NAMES: Record<MailStatus, string> = { failed: 'Failed', pending: 'Waiting to send', sent: 'Sent' };
/** Every kind of email named (the type makes a new kind name itself here): "immediate" is a reminder or an update sent at once. */
const KIND_NAMES: Record<MailKind, string> = {
  immediate: 'Reminder or update', digest: 'Daily digest', verify_email: 'Email address check', invitation: 'Invitation', account_exists: 'Account notice',
  account: 'Account (set or reset a password)', organisation_status: 'Organisation approved, suspended or reinstated',
};

/** "s•••@example.test": enough for a manager to tell which colleague's mail failed, not the whole address. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? '•••' : `${address.charAt(0)}•••${address.slice(at)}`;
}

/**
 * Only what staff need to act: to whom (whole addresses for admins, who fix accounts; masked for managers), the
 * kind, subject and the SMTP error. Never a body: some carried one-time links.
 */
function row(message: OutboxMessageView, isAdmin: boolean) {
  return { id: message.id, to: isAdmin ? message.to : maskedAddress(message.to), kind: KIND_NAMES[message.kind as MailKind] ?? message.kind, subject: message.subject, attempts: message.attempts, lastError: message.lastError, when: message.failedAt ?? message.sentAt ?? message.createdAt };
}

/** Emails that could not be delivered, with Retry: the same services as POST /api/notifications/:id/retry and /retry-failed. */
export function registerFailedEmailPages(pages: Pages): void {
  pages.get('/failed-emails', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const requested = String(context.req.query.status ?? 'failed');
    const status = (MAIL_STATUSES as readonly string[]).includes(requested) ? (requested as MailStatus) : 'failed';
    const outbox = await listOutbox(context.actor, { status, limit: SHOWN, offset: 0 });
    const flash = await context.takeFlash('retry');
    context.render('notifications/failed-emails.njk', {
      pageTitle: status === 'failed' ? 'Failed emails' : `Emails: ${STATUS_NAMES[status].toLowerCase()}`,
      status,
      statuses: (['failed', 'pending', 'sent'] as const).map((value) => ({ value, text: STATUS_NAMES[value], current: value === status })),
      messages: outbox.items.map((message) => row(message, context.actor.role === 'admin')),
      total: outbox.total,
      shown: SHOWN,
      ...errorView(flash?.errors),
    });
  });

  pages.post('/failed-emails/retry-all', { access: COUNCIL_STAFF }, async (context) => {
    const { retried } = await retryAllFailedMessages(context);
    await context.confirm(retried === 1 ? '1 email is queued to be sent again.' : `${retried} emails are queued to be sent again.`);
    context.redirect('/failed-emails');
  });

  pages.post('/failed-emails/:id/retry', { access: COUNCIL_STAFF }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    try {
      await retryFailedMessage(context, id.data);
    } catch (error) {
      return context.redirectWithErrors('/failed-emails', 'retry', {}, refusalErrors(error, 'failed-emails'));
    }
    await context.confirm('The email is queued to be sent again.');
    context.redirect('/failed-emails');
  });
}
