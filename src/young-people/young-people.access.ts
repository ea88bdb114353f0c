import { readById } from '../lib/read-by-id.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';

/**
 * Which young people's records an actor may open as a caseworker: a PA their own caseload, a manager their
 * team's, an admin everyone. Anyone else gets no caseworker access (housing officers and employers see
 * young people only through their own, narrower views). Returns a MongoDB filter, or null for no access.
 */
export function caseloadFilter(actor: Actor): Record<string, unknown> | null {
  switch (actor.role) {
    case 'admin':
      return { archivedAt: null };
    case 'manager':
      return actor.team ? { team: actor.team, archivedAt: null } : null;
    case 'personal_adviser':
      return { personalAdviserId: actor.userId, archivedAt: null };
    default:
      return null;
  }
}

/**
 * A caller's caseload narrowed to one PA's: a narrower filter, never a replacement for the caller's scope. Null when
 * the caller may not see that PA's caseload (a PA asking for a colleague's, a manager for another team's PA, an id
 * that is no PA), so the caseload list, its page, its export and its early-application list refuse the same people.
 */
export async function caseloadFilterForAdviser(actor: Actor, personalAdviserId: string): Promise<Record<string, unknown> | null> {
  const scope = caseloadFilter(actor);
  if (!scope) return null;
  if (actor.role === 'personal_adviser') return personalAdviserId === actor.userId ? scope : null;
  const adviser = await readById<{ team?: string | null }>(UserModel, personalAdviserId, { role: 'personal_adviser' }, { team: 1, role: 1 });
  if (!adviser || (actor.role === 'manager' && adviser.team !== actor.team)) return null;
  return { ...scope, personalAdviserId };
}

/** Whose records, open or closed, an actor may answer a subject access request for: admins all, a manager their team's. */
export function subjectAccessFilter(actor: Actor): Record<string, unknown> | null {
  if (actor.role === 'admin') return {};
  if (actor.role === 'manager' && actor.team) return { team: actor.team };
  return null;
}
