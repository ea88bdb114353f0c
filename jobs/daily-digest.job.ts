import { londonDateOf } from '../src/lib/dates.js';
import { queueDailyDigests } from '../src/notifications/mail-queue.js';
import type { JobDefinition } from './job-runner.js';

/** Queues one digest email per recipient for the slot's London date, listing their reminders by urgency. */
export const dailyDigestJob: JobDefinition = {
  name: 'daily-digest',
  schedule: (config) => config.DAILY_DIGEST_CRON,
  async run({ deps, asAt }) {
    const { recipients, queued } = await queueDailyDigests(deps.config, londonDateOf(asAt), deps.clock.now());
    return { found: recipients, queued };
  },
};
