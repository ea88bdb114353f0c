import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { notFound } from '../lib/errors.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { findYoungPersonForSubjectAccess } from '../young-people/young-people.service.js';
import { auditTrailForYoungPerson } from './audit.service.js';

const auditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string(),
  actorRole: z.string(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  fields: z.array(z.string()),
  via: z.string(),
  requestId: z.string().nullable(),
  correlationId: z.string().nullable(),
});

export function registerAuditRoutes(api: Api): void {
  api.get(
    '/young-people/:id/audit',
    { summary: "Who read or changed this young person's record, newest first", tag: 'Audit', access: COUNCIL_STAFF, params: idParams, response: z.array(auditEntryView) },
    async ({ params }, { actor }) => {
      if (!(await findYoungPersonForSubjectAccess(actor, params.id))) throw notFound('Young person');
      return auditTrailForYoungPerson(params.id);
    },
  );
}
