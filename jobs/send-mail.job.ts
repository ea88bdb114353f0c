import { sendDueMail } from '../src/notifications/mail-sender.js';
import type { JobDefinition } from './job-runner.js';

/**
 * Sends every queued email that is due (new, or due for a retry). Message claims, not the slot, are what keep
 * two senders apart, so a run from the CLI beside the scheduled one is safe.
 */
export const sendMailJob: JobDefinition = {
  name: 'send-mail',
  schedule: (config) => config.MAIL_SENDER_CRON,
  async run({ deps, signal }) {
    const outcome = await sendDueMail(deps, { signal });
    // Nothing could be sent (SMTP down, hung, or refusing our password): a failed run, so staff and metrics see it.
    // Its messages are already back in the queue with their attempts unchanged.
    if (outcome.sessionFailure && outcome.sent === 0) throw new Error(`SMTP unavailable, ${outcome.retrying} message(s) put back for later: ${outcome.sessionFailure}`);
    return { found: outcome.found, sent: outcome.sent, errors: outcome.errors };
  },
};
