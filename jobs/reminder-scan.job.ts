import { queueImmediateEmails } from '../src/notifications/mail-queue.js';
import { catchUpReferralSteps } from '../src/notifications/referral-step-catch-up.js';
import { applyPreferences } from '../src/notifications/notification-preferences.service.js';
import { storeReminders } from '../src/notifications/notification-store.js';
import { computeReminders } from '../src/reminders/reminder-scan.js';
import { queueYoungPersonAlerts } from '../src/young-people/own/young-person-alerts.js';
import type { JobDefinition } from './job-runner.js';

/** Computes every reminder due at the slot, stores each once, and queues urgent ones (or as preferred) to go by email at once. */
export const reminderScanJob: JobDefinition = {
  name: 'reminder-scan',
  schedule: (config) => config.REMINDER_SCAN_CRON,
  async run({ deps, asAt, resumingSince }) {
    // Each recipient's preferences: "never" drops a reminder, "at once" emails it now.
    const drafts = await applyPreferences(await computeReminders(asAt));
    const { found, stored, fresh } = await storeReminders(drafts, deps.clock.now(), { resumingSince });
    // Only reminders stored for the first time are emailed (and queued for the digest): one email per reminder.
    const queued = await queueImmediateEmails(deps.config, fresh, deps.clock.now());
    // Referral steps whose telling failed when they happened are told now (each step is told once).
    const caughtUp = await catchUpReferralSteps(deps.config, asAt, deps.clock.now());
    // Young people's own alerts (new strong match, an opening they like closing in 2 days), as each chose.
    const alerts = await queueYoungPersonAlerts(deps.config, asAt, deps.clock.now());
    return { found: found + alerts.found, stored: stored + caughtUp.stored, queued: queued + caughtUp.queued + alerts.queued };
  },
};
