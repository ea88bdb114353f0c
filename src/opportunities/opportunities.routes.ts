import type { Api } from '../lib/http/api.js';

export function registerOpportunityRoutes(_api: Api): void {}
