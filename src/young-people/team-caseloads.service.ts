import { londonDateOf } from '../lib/dates.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { keepingInTouch } from '../reports/people-figures.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import { heldOpenYoungPeople } from './held-young-people.js';
import { caseloadFilter } from './young-people.access.js';
import { YoungPersonModel } from './young-people.model.js';

type Context = Pick<RequestContext, 'actor' | 'now'>;

export interface TeamCaseloadRow {
  personalAdviserId: string;
  name: string;
  youngPeople: number;
  pathwayPlanReviewsOverdue: number;
  noContactFor8Weeks: number;
}

/**
 * The team's caseloads for its manager (an admin: everyone's): per PA, how many young people and how many overdue
 * pathway plan reviews and lost contacts, counted as in the board's figures (keepingInTouch).
 */
export async function teamCaseloads(context: Context): Promise<{ team: string | null; rows: TeamCaseloadRow[] }> {
  const scope = caseloadFilter(context.actor);
  if (!scope || context.actor.role === 'personal_adviser') throw notFound('Team');
  const today = londonDateOf(context.now);
  const teamFilter = context.actor.role === 'manager' ? { team: context.actor.team } : {};
  const [people, advisers] = await Promise.all([
    heldOpenYoungPeople(scope).then((held) => held ?? YoungPersonModel.find(scope, { personalAdviserId: 1, dateOfBirth: 1, careStatus: 1, pathwayPlanReviewDate: 1, lastContactDate: 1 }).lean()),
    UserModel.find({ role: 'personal_adviser', active: true, ...teamFilter }, { name: 1 }).sort({ name: 1 }).lean(),
  ]);
  const rows = advisers.map((adviser) => {
    const id = String(adviser._id);
    const theirs = people.filter((person) => String(person.personalAdviserId) === id).map((person) => keepingInTouch({ pathwayPlanReviewDate: person.pathwayPlanReviewDate ?? null, lastContactDate: person.lastContactDate ?? null }, today));
    return { personalAdviserId: id, name: adviser.name, youngPeople: theirs.length, pathwayPlanReviewsOverdue: theirs.filter((flags) => flags.overdue).length, noContactFor8Weeks: theirs.filter((flags) => flags.noContact).length };
  });
  return { team: context.actor.team, rows };
}

/** The PAs a young person may be reallocated to by this actor: active PAs of the manager's team (an admin: all). */
export async function reallocationChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (actor.role !== 'manager' && actor.role !== 'admin') return [];
  const advisers = await UserModel.find({ role: 'personal_adviser', active: true, ...(actor.role === 'manager' ? { team: actor.team } : {}) }, { name: 1 }).sort({ name: 1 }).lean();
  return advisers.map((adviser) => ({ id: String(adviser._id), name: adviser.name }));
}
