import { closeExpiredOpportunities } from '../src/opportunities/opportunities.service.js';
import type { JobDefinition } from './job-runner.js';

/** Records as closed every open opening whose closing date has passed (matching already hides them). */
export const closeExpiredOpportunitiesJob: JobDefinition = {
  name: 'close-expired-opportunities',
  schedule: (config) => config.OPPORTUNITY_CLOSE_CRON,
  async run({ asAt }) {
    const { closed } = await closeExpiredOpportunities(asAt);
    return { found: closed, stored: closed };
  },
};
