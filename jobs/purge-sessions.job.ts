import { purgeExpiredSessions } from '../src/users/sessions.purge.js';
import type { JobDefinition } from './job-runner.js';

/** Deletes expired sessions: FerretDB v1 has no TTL index, and a stale token hash is worth nothing to keep. */
export const purgeSessionsJob: JobDefinition = {
  name: 'purge-sessions',
  schedule: (config) => config.SESSION_PURGE_CRON,
  async run({ asAt }) {
    const { deleted } = await purgeExpiredSessions(asAt);
    return { found: deleted, stored: 0 };
  },
};
