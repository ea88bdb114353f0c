import { historyCutoff, purgeMailHistory } from '../src/notifications/mail-history-purge.js';
import { purgeJobRuns, type JobDefinition } from './job-runner.js';

/**
 * Deletes mail history and job runs older than MAIL_HISTORY_RETENTION_DAYS, so the outbox, the sender and the
 * jobs' own bookkeeping cost what is waiting, not years of history (FerretDB v1 has no TTL index).
 */
export const purgeMailHistoryJob: JobDefinition = {
  name: 'purge-mail-history',
  schedule: (config) => config.MAIL_HISTORY_PURGE_CRON,
  async run({ deps, asAt }) {
    const cutoff = historyCutoff(asAt, deps.config);
    const counts = await purgeMailHistory(cutoff);
    const runs = await purgeJobRuns(cutoff);
    const deleted = Object.values(counts).reduce((sum, count) => sum + count, 0) + runs;
    deps.logger.info({ job: 'purge-mail-history', cutoff, ...counts, jobRuns: runs }, 'mail history purged');
    return { found: deleted, stored: 0 };
  },
};
