import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { CASEWORKERS, type Role } from '../users/roles.js';
import { earlyApplicationsForCaseload, earlyApplicationsForDistrict } from './early-applications.service.js';
import { changeHousingApplicationStatus, listHousingApplicationsOfYoungPerson, readHousingApplication, startHousingApplication } from './housing-applications.service.js';
import { readYoungPersonForHousingOfficer } from './housing-officer-view.service.js';
import {
  caseloadEarlyApplicationsQuery,
  createHousingApplicationBody,
  districtEarlyApplicationsQuery,
  earlyApplicationList,
  housingApplicationView,
  housingOfficerYoungPersonView,
  statusChangeBody,
} from './housing.schemas.js';

/** PAs (their caseload), managers (their team), admins, and the district's housing officers (consenting, relevant young people). */
const HOUSING_APPLICATION_USERS: readonly Role[] = [...CASEWORKERS, 'housing_officer'];
const TAG = 'Housing';

export function registerHousingRoutes(api: Api): void {
  api.post('/young-people/:id/housing-applications', { summary: 'Start tracking a social housing application with a district (audited)', tag: TAG, access: HOUSING_APPLICATION_USERS, params: idParams, body: createHousingApplicationBody, response: housingApplicationView, successStatus: 201 }, async ({ params, body }, context) =>
    startHousingApplication(context, params.id, body),
  );
  api.get('/young-people/:id/housing-applications', { summary: "A young person's housing applications (a housing officer: their districts only; audited)", tag: TAG, access: HOUSING_APPLICATION_USERS, params: idParams, response: z.array(housingApplicationView) }, async ({ params }, context) =>
    listHousingApplicationsOfYoungPerson(context, params.id),
  );
  api.get('/housing-applications/:id', { summary: 'One housing application with its dated, attributed history (audited)', tag: TAG, access: HOUSING_APPLICATION_USERS, params: idParams, response: housingApplicationView }, async ({ params }, context) =>
    readHousingApplication(context, params.id),
  );
  api.post('/housing-applications/:id/status', { summary: 'Move a housing application to its next status (409 for a refused transition; audited)', tag: TAG, access: HOUSING_APPLICATION_USERS, params: idParams, body: statusChangeBody, response: housingApplicationView }, async ({ params, body }, context) =>
    changeHousingApplicationStatus(context, params.id, body),
  );
  api.get('/districts/:id/early-applications', { summary: 'Who needs an early housing application in this district, most in need first (custody near 18 first; its housing officers; council staff)', tag: TAG, access: ['admin', 'manager', 'housing_officer'], params: idParams, query: districtEarlyApplicationsQuery, response: earlyApplicationList }, async ({ params, query }, context) =>
    earlyApplicationsForDistrict(context, params.id, query),
  );
  api.get('/personal-advisers/me/early-applications', { summary: 'Who on the caseload needs an early housing application, most in need first (managers: ?personalAdviserId)', tag: TAG, access: CASEWORKERS, query: caseloadEarlyApplicationsQuery, response: earlyApplicationList }, async ({ query }, context) =>
    earlyApplicationsForCaseload(context, query.personalAdviserId, { connection: query.connection }),
  );
  api.get('/housing/young-people/:id', { summary: 'A young person as a housing officer may see them: contact, PA, custody, accommodation, local connection (audited)', tag: TAG, access: ['housing_officer'], params: idParams, response: housingOfficerYoungPersonView }, async ({ params }, context) =>
    readYoungPersonForHousingOfficer(context, params.id),
  );
}
