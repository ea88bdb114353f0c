import type { AppDeps } from './app-deps.js';
import type { Api } from './lib/http/api.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerDistrictRoutes } from './districts/districts.routes.js';
import { registerEmployerRoutes } from './employers/employers.routes.js';
import { registerHousingRoutes } from './housing/housing.routes.js';
import { registerImportRoutes } from './imports/imports.routes.js';
import { registerMatchingRoutes } from './matching/matching.routes.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';
import { registerOperationsRoutes } from './operations/operations.routes.js';
import { registerOpportunityRoutes } from './opportunities/opportunities.routes.js';
import { registerReferralRoutes } from './referrals/referrals.routes.js';
import { registerFigureRoutes } from './reports/figures.routes.js';
import { registerUserRoutes } from './users/users.routes.js';
import { registerYoungPeopleRoutes } from './young-people/young-people.routes.js';

/** Every capability's routes, in one list, so what the API offers can be read in one place. */
export function registerRoutes(api: Api, _deps: AppDeps): void {
  registerUserRoutes(api);
  registerAuditRoutes(api);
  registerDistrictRoutes(api);
  registerYoungPeopleRoutes(api);
  registerOpportunityRoutes(api);
  registerMatchingRoutes(api);
  registerReferralRoutes(api);
  registerEmployerRoutes(api);
  registerHousingRoutes(api);
  registerNotificationRoutes(api);
  registerImportRoutes(api);
  registerFigureRoutes(api);
  // Last: serves the OpenAPI document built from every operation registered above.
  registerOperationsRoutes(api);
}
