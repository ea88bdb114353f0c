import type { RequestContext } from '../lib/http/api.js';
import { readOpportunity, getOpportunityInScope } from '../opportunities/opportunities.service.js';
import type { OpportunityView } from '../opportunities/opportunities.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

export interface OfferForReview {
  /** The council's view of the offer, with `changedSinceSendBack` (the same as GET /api/opportunities/:id). */
  offer: OpportunityView;
  /** For each field changed since the last send-back, its value when it was sent back. */
  before: Record<string, unknown>;
}

/**
 * An offer as a reviewer sees it: the whole offer and, after a send-back, which fields the employer changed and
 * what they were (from the snapshot kept at send-back, src/opportunities/send-back-snapshot.ts).
 */
export async function offerForReview(context: Context, id: string): Promise<OfferForReview> {
  const offer = await readOpportunity(context, id);
  const changed = offer.changedSinceSendBack ?? [];
  if (!changed.length) return { offer, before: {} };
  const record = await getOpportunityInScope(context.actor, id);
  const snapshot = (record.sendBackSnapshot ?? {}) as Record<string, unknown>;
  return { offer, before: Object.fromEntries(changed.map((field) => [field, snapshot[field] ?? null])) };
}
