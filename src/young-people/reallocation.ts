import mongoose from 'mongoose';
import { forbidden, notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { assignCaseload } from './caseload-ownership.js';
import { caseloadFilter } from './young-people.access.js';
import { YoungPersonModel } from './young-people.model.js';
import { allocatablePersonalAdviser } from './young-people.service.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/**
 * A manager (their team's records, to a PA in their team) or an admin (anyone's, to any PA) moves several
 * young people to one PA at once, e.g. when a PA's caseload is shared out. All or nothing: one record out of
 * the caller's scope and nothing moves (404, as for a single record).
 */
export async function reallocateYoungPeople(context: Context, input: { youngPersonIds: string[]; personalAdviserId: string }): Promise<{ moved: number }> {
  const scope = caseloadFilter(context.actor);
  if (!scope) throw forbidden();
  const ids = [...new Set(input.youngPersonIds)];
  const inScope = await YoungPersonModel.countDocuments({ _id: { $in: ids.map((id) => new mongoose.Types.ObjectId(id)) }, ...scope });
  if (inScope !== ids.length) throw notFound('Young person');
  const adviser = await allocatablePersonalAdviser(context.actor, input.personalAdviserId);
  await assignCaseload(context, ids, { personalAdviserId: adviser.id, team: adviser.team }, 'POST /young-people/reallocate');
  return { moved: ids.length };
}
