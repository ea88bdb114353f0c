import type { Actor } from '../users/roles.js';

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

/** Whose records, open or closed, an actor may answer a subject access request for: admins all, a manager their team's. */
export function subjectAccessFilter(actor: Actor): Record<string, unknown> | null {
  if (actor.role === 'admin') return {};
  if (actor.role === 'manager' && actor.team) return { team: actor.team };
  return null;
}
