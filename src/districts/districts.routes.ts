import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF, ROLES } from '../users/roles.js';
import { createDistrictBody, districtView, updateDistrictBody } from './districts.schemas.js';
import { createDistrict, getDistrict, listDistricts, toDistrictView, updateDistrict } from './districts.service.js';

export function registerDistrictRoutes(api: Api): void {
  api.get('/districts', { summary: 'List districts', tag: 'Districts', access: ROLES, response: z.array(districtView) }, async () => (await listDistricts()).map(toDistrictView));
  api.get('/districts/:id', { summary: 'One district', tag: 'Districts', access: ROLES, params: idParams, response: districtView }, async ({ params }) => toDistrictView(await getDistrict(params.id)));
  api.post('/districts', { summary: 'Add a district', tag: 'Districts', access: COUNCIL_STAFF, body: createDistrictBody, response: districtView, successStatus: 201 }, async ({ body }) => createDistrict(body));
  api.patch('/districts/:id', { summary: "Change a district's housing settings", tag: 'Districts', access: COUNCIL_STAFF, params: idParams, body: updateDistrictBody, response: districtView }, async ({ params, body }) => updateDistrict(params.id, body));
}
