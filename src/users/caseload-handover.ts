import type { RequestContext } from '../lib/http/api.js';
import { conflict } from '../lib/errors.js';
import { assignCaseloadOf } from '../young-people/caseload-ownership.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { UserModel, type UserRecord } from './users.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

const VIA = 'PATCH /users/:id';

export interface AccountChange {
  active?: boolean | undefined;
  team?: string | null | undefined;
}

const holdsCases = async (user: UserRecord) => Boolean(await YoungPersonModel.exists({ personalAdviserId: user._id }));

/** The manager who takes a leaver's caseload: the acting manager if in that team, else the team's first active manager. */
async function receivingManager(context: Context, user: UserRecord): Promise<{ personalAdviserId: string; team: string }> {
  const candidates = await UserModel.find({ role: 'manager', team: user.team, active: true, _id: { $ne: user._id } }).sort({ name: 1, _id: 1 }).lean<UserRecord[]>();
  const manager = candidates.find((candidate) => String(candidate._id) === context.actor.userId) ?? candidates[0];
  if (!manager?.team) throw conflict(`Nobody can take this caseload: team "${user.team ?? 'none'}" has no other active manager. Reallocate the caseload first.`);
  return { personalAdviserId: String(manager._id), team: manager.team };
}

/**
 * Checks, before an account change is saved, that the caseload the account holds will have an owner after it:
 * returns what to do once the change is saved (a team move carries the caseload to the new team; a deactivation
 * hands it to the team's manager), or nothing. Done after the save, so a record allocated meanwhile follows too.
 */
export async function planCaseloadHandover(context: Context, user: UserRecord, change: AccountChange): Promise<(() => Promise<void>) | null> {
  const id = String(user._id);
  // A deactivation is planned whenever asked, even if already inactive: repeating it completes a handover that stopped half way.
  if (change.active === false) {
    if (!(await holdsCases(user))) return null;
    const manager = await receivingManager(context, user);
    return async () => void (await assignCaseloadOf(context, id, manager, VIA));
  }
  if (change.team === undefined || change.team === user.team || !(await holdsCases(user))) return null;
  const team = change.team;
  if (team === null) throw conflict('This account holds a caseload, which belongs to a team: reallocate the caseload before removing the team.');
  return async () => void (await assignCaseloadOf(context, id, { personalAdviserId: id, team }, VIA));
}
