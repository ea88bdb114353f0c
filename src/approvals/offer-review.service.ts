import type { RequestContext } from '../lib/http/api.js';
import { readOpportunity, getOpportunityInScope } from '../opportunities/opportunities.service.js';
import type { OpportunityView } from '../opportunities/opportunities.schemas.js';
import { userNames } from '../users/users.service.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** One earlier send-back: when, by whom (null once their account is gone), why, and the fields named. */
export interface PastSendBack {
  at: Date;
  by: string | null;
  reason: string;
  fields: string[];
}

export interface OfferForReview {
  /** The council's view of the offer, with `changedSinceSendBack` (the same as GET /api/opportunities/:id). */
  offer: OpportunityView;
  /** For each field changed since the last send-back, its value when it was sent back. */
  before: Record<string, unknown>;
  /** Every time the offer was sent back, newest first: kept when the employer resubmits. */
  sendBacks: PastSendBack[];
}

/**
 * An offer as a reviewer sees it: the whole offer and, after a send-back, which fields the employer changed and
 * what they were (from the snapshot kept at send-back, src/opportunities/send-back-snapshot.ts), with every
 * earlier send-back and its reason.
 */
export async function offerForReview(context: Context, id: string): Promise<OfferForReview> {
  const offer = await readOpportunity(context, id);
  const record = await getOpportunityInScope(context.actor, id);
  const history = record.sendBacks ?? [];
  const names = await userNames(history.flatMap((sendBack) => (sendBack.byUserId ? [String(sendBack.byUserId)] : [])));
  const sendBacks = history
    .map((sendBack) => ({ at: sendBack.at, by: sendBack.byUserId ? (names.get(String(sendBack.byUserId)) ?? null) : null, reason: sendBack.reason, fields: [...sendBack.fields] }))
    .reverse();
  const changed = offer.changedSinceSendBack ?? [];
  const snapshot = (record.sendBackSnapshot ?? {}) as Record<string, unknown>;
  return { offer, before: Object.fromEntries(changed.map((field) => [field, snapshot[field] ?? null])), sendBacks };
}
