import type { Response } from 'express';
import { recordAudit } from '../audit/audit.service.js';
import { auditTrailForYoungPerson } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { UserModel } from '../users/users.model.js';
import { findYoungPersonForSubjectAccess } from '../young-people/young-people.service.js';
import { sendCsv } from './csv-output.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

export const AUDIT_EXPORT_COLUMNS = ['at', 'actor_name', 'actor_email', 'actor_role', 'actor_user_id', 'action', 'resource', 'resource_id', 'fields', 'via', 'request_id', 'correlation_id'] as const;

/**
 * One young person's audit trail as CSV, newest first, for a subject access request: who read or changed
 * what, when. Names and emails of the staff are included because a subject access request asks "who".
 * The export is itself recorded first, so it appears in its own output and cannot go unrecorded.
 */
export async function exportAuditTrail(context: Context, youngPersonId: string, res: Response): Promise<void> {
  if (!(await findYoungPersonForSubjectAccess(context.actor, youngPersonId))) throw notFound('Young person');
  await recordAudit(context, { action: 'export', resource: 'audit_log', resourceId: youngPersonId, youngPersonIds: [youngPersonId], via: 'GET /young-people/:id/audit.csv' });
  const entries = await auditTrailForYoungPerson(youngPersonId);
  const actorIds = [...new Set(entries.map((entry) => entry.actorUserId))];
  const actors = new Map((await UserModel.find({ _id: { $in: actorIds } }, { name: 1, email: 1 }).lean()).map((user) => [String(user._id), user]));
  const rows = entries.map((entry) => {
    const actor = actors.get(entry.actorUserId);
    return [entry.at, actor?.name ?? '', actor?.email ?? '', entry.actorRole, entry.actorUserId, entry.action, entry.resource, entry.resourceId, entry.fields.join(';'), entry.via, entry.requestId, entry.correlationId];
  });
  async function* once(): AsyncGenerator<unknown[][]> {
    yield rows;
  }
  await sendCsv(res, `audit-${youngPersonId}-${londonDateOf(context.now)}.csv`, AUDIT_EXPORT_COLUMNS, once());
}
