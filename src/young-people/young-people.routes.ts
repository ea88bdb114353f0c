import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { CASEWORKERS, COUNCIL_STAFF } from '../users/roles.js';
import { reallocateYoungPeople } from './reallocation.js';
import { createYoungPersonBody, reallocateBody, listYoungPeopleQuery, updateYoungPersonBody, youngPersonSummary, youngPersonView } from './young-people.schemas.js';
import { archiveYoungPerson, createYoungPerson, listYoungPeople, readYoungPerson, updateYoungPerson } from './young-people.service.js';

export function registerYoungPeopleRoutes(api: Api): void {
  api.get('/young-people', { summary: 'The caller\'s caseload (a manager: their team\'s)', tag: 'Young people', access: CASEWORKERS, query: listYoungPeopleQuery, response: z.object({ items: z.array(youngPersonSummary), total: z.number() }) }, async ({ query }, context) =>
    listYoungPeople(context, query),
  );
  api.post('/young-people', { summary: 'Add a young person to a caseload', tag: 'Young people', access: CASEWORKERS, body: createYoungPersonBody, response: youngPersonView, successStatus: 201 }, async ({ body }, context) =>
    createYoungPerson(context, body),
  );
  api.post('/young-people/reallocate', { summary: 'Move young people to another personal adviser (managers: within their team; audited)', tag: 'Young people', access: COUNCIL_STAFF, body: reallocateBody, response: z.object({ moved: z.number() }) }, async ({ body }, context) =>
    reallocateYoungPeople(context, body),
  );
  api.get('/young-people/:id', { summary: "A young person's record (audited)", tag: 'Young people', access: CASEWORKERS, params: idParams, response: youngPersonView }, async ({ params }, context) =>
    readYoungPerson(context, params.id),
  );
  api.patch('/young-people/:id', { summary: "Change a young person's record (audited)", tag: 'Young people', access: CASEWORKERS, params: idParams, body: updateYoungPersonBody, response: youngPersonView }, async ({ params, body }, context) =>
    updateYoungPerson(context, params.id, body),
  );
  api.delete('/young-people/:id', { summary: 'Close a record: kept, but out of caseloads and matching', tag: 'Young people', access: CASEWORKERS, params: idParams }, async ({ params }, context) =>
    archiveYoungPerson(context, params.id),
  );
}
