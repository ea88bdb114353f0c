import { closeExpiredOpportunities } from '../src/opportunities/opportunities.service.js';
import { tellOfExpiredOffers } from '../src/notifications/offer-move-notices.js';
import type { JobDefinition } from './job-runner.js';

/** Records as closed every open opening whose closing date has passed (matching already hides them). */
export const closeExpiredOpportunitiesJob: JobDefinition = {
  name: 'close-expired-opportunities',
  schedule: (config) => config.OPPORTUNITY_CLOSE_CRON,
  async run({ deps, asAt }) {
    const { closed } = await closeExpiredOpportunities(asAt);
    // Each organisation hears its offer closed (in the service, and by email as its users prefer).
    const { queued } = await tellOfExpiredOffers(deps.config, asAt, deps.clock.now());
    return { found: closed, stored: closed, queued };
  },
};
