import type { AppDeps } from './app-deps.js';
import type { Api } from './lib/http/api.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerDistrictRoutes } from './districts/districts.routes.js';
import { registerUserRoutes } from './users/users.routes.js';
import { registerYoungPeopleRoutes } from './young-people/young-people.routes.js';

/** Every capability's routes, in one list, so what the API offers can be read in one place. */
export function registerRoutes(api: Api, _deps: AppDeps): void {
  registerUserRoutes(api);
  registerAuditRoutes(api);
  registerDistrictRoutes(api);
  registerYoungPeopleRoutes(api);
}
