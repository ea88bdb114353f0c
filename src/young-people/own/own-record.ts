import { recordAudit } from '../../audit/audit.service.js';
import { notFound } from '../../lib/errors.js';
import { readById } from '../../lib/read-by-id.js';
import type { RequestContext } from '../../lib/http/api.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/**
 * The signed-in young person's own record, and nobody else's: the id comes from their account, never from the
 * request. A closed record (or an account with none) is not found. Every call is audited as a read of the record,
 * like a caseworker's, with the page that read it.
 */
export async function ownRecord(context: Context, via: string): Promise<YoungPersonRecord> {
  const id = context.actor.role === 'young_person' ? context.actor.youngPersonId : null;
  const record = id ? await readById<YoungPersonRecord>(YoungPersonModel, id, { archivedAt: null }) : null;
  if (!record || !id) throw notFound('Young person');
  await recordAudit(context, { action: 'read', resource: 'young_person', resourceId: id, youngPersonIds: [id], fields: ['own_pages'], via });
  return record;
}
