import { compareDates, type LocalDate } from '../lib/dates.js';

/**
 * THE ORDER OF AN EARLY-APPLICATION LIST, by need. Written down here once; the README repeats it.
 *
 * 1. Leaving custody near their 18th birthday (release within 12 weeks of it) with no application made:
 *    otherwise effectively homeless on release, so the most urgent case on any list (DOMAIN.md, Housing).
 *    Soonest release first.
 * 2. At or past the application age and wanting to live in the district (one they named, or their home
 *    district when they named none): they could apply now and this is where the application belongs. Longest wait first
 *    (the earliest date they could apply).
 * 3. Everyone else: at or past the age with a local connection only, then those reaching the age within
 *    the look-ahead window. Earliest application date first, which puts the longest wait first and then
 *    the soonest to come.
 * Ties: young person id, then district id, so the order is stable for tests and emails.
 */
export interface OrderedNeed {
  youngPersonId: string;
  districtId: string;
  applicationAgeReachedOn: LocalDate;
  /** The release date when custody near 18 makes the case urgent; null otherwise. */
  custodyReleaseNear18On: LocalDate | null;
  atOrPastApplicationAge: boolean;
  wantsToLiveHere: boolean;
}

export type NeedTier = 'custody_near_18' | 'can_apply_and_wants_to_live_here' | 'others';
const TIER_RANK: Record<NeedTier, number> = { custody_near_18: 0, can_apply_and_wants_to_live_here: 1, others: 2 };

export function needTier(need: OrderedNeed): NeedTier {
  if (need.custodyReleaseNear18On) return 'custody_near_18';
  if (need.atOrPastApplicationAge && need.wantsToLiveHere) return 'can_apply_and_wants_to_live_here';
  return 'others';
}

/** Comparator for Array.prototype.sort: most in need first (see the rule above). */
export function byNeed(a: OrderedNeed, b: OrderedNeed): number {
  const tierA = needTier(a);
  const tierB = needTier(b);
  if (tierA !== tierB) return TIER_RANK[tierA] - TIER_RANK[tierB];
  const within = tierA === 'custody_near_18' ? compareDates(a.custodyReleaseNear18On!, b.custodyReleaseNear18On!) : compareDates(a.applicationAgeReachedOn, b.applicationAgeReachedOn);
  return within || compareDates(a.applicationAgeReachedOn, b.applicationAgeReachedOn) || a.youngPersonId.localeCompare(b.youngPersonId) || a.districtId.localeCompare(b.districtId);
}
