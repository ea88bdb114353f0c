import type { GivenUser } from '../factories/index.js';
import type { TestApp } from '../setup/test-app.js';

export interface MatchesBody {
  youngPersonId: string;
  today: string;
  matches: { opportunity: { id: string; title: string }; outcome: string; score: number; reasons: { code: string; points: number; text: string }[]; missing: { subject: string; level: number; heldLevel: number | null }[]; referral: { id: string; stage: string } | null }[];
  nearMisses: MatchesBody['matches'];
}

/** GET /young-people/:id/matches as `as`; fails loudly unless 200. */
export async function getMatches(app: TestApp, as: GivenUser, youngPersonId: string, limit = 200): Promise<MatchesBody> {
  const response = await app.http().get(`/young-people/${youngPersonId}/matches?limit=${limit}`).set('authorization', as.auth);
  if (response.status !== 200) throw new Error(`matches failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as MatchesBody;
}

/** Which of `opportunityIds` came back as matches, near misses, or not at all. */
export async function placement(app: TestApp, as: GivenUser, youngPersonId: string, opportunityIds: string[]): Promise<Record<string, 'match' | 'near_miss' | 'absent'>> {
  const body = await getMatches(app, as, youngPersonId);
  const matched = new Set(body.matches.map((m) => m.opportunity.id));
  const near = new Set(body.nearMisses.map((m) => m.opportunity.id));
  return Object.fromEntries(opportunityIds.map((id) => [id, matched.has(id) ? 'match' : near.has(id) ? 'near_miss' : 'absent']));
}
