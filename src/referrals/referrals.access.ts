import { readById } from '../lib/read-by-id.js';
import type { Actor } from '../users/roles.js';
import { ReferralModel, type ReferralRecord } from './referrals.model.js';

/**
 * Which referrals a caseworker may see, as a MongoDB filter: a PA their own caseload's, a manager their
 * team's, an admin all; null for anyone else (employers see referrals through their own capability).
 */
export function referralScope(actor: Actor): Record<string, unknown> | null {
  switch (actor.role) {
    case 'admin':
      return {};
    case 'manager':
      return actor.team ? { team: actor.team } : null;
    case 'personal_adviser':
      return { personalAdviserId: actor.userId };
    default:
      return null;
  }
}

/** The referral if it is in `scope`, else null (so out of scope and missing both answer 404). */
export async function findReferral(id: string, scope: Record<string, unknown> | null): Promise<ReferralRecord | null> {
  return readById<ReferralRecord>(ReferralModel, id, scope);
}
