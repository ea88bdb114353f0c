import { closeExpiredOpportunitiesJob } from './close-expired-opportunities.job.js';
import { dailyDigestJob } from './daily-digest.job.js';
import type { JobDefinition } from './job-runner.js';
import { purgeMailHistoryJob } from './purge-mail-history.job.js';
import { purgeSessionsJob } from './purge-sessions.job.js';
import { reminderScanJob } from './reminder-scan.job.js';
import { sendMailJob } from './send-mail.job.js';

/** Every scheduled job, by name: the scheduler runs them on their cron, the CLI runs any one once. */
export const JOBS: readonly JobDefinition[] = [reminderScanJob, dailyDigestJob, sendMailJob, closeExpiredOpportunitiesJob, purgeSessionsJob, purgeMailHistoryJob];
export const JOB_NAMES = JOBS.map((job) => job.name);

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}
