import type { Api } from '../lib/http/api.js';
import { registerEmployerReferralRoutes } from './employer-referrals.routes.js';
import { registerOrganisationRoutes } from './organisations.routes.js';

/** Covenant organisations, their users, the referrals they receive and the incentives due to them. */
export function registerEmployerRoutes(api: Api): void {
  registerOrganisationRoutes(api);
  registerEmployerReferralRoutes(api);
}
