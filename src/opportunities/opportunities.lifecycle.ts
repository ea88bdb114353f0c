import type { LocalDate } from '../lib/dates.js';
import { hasClosingDatePassed } from '../matching/matching.rules.js';
import type { Actor } from '../users/roles.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import type { OpportunityStatus } from './opportunities.model.js';

/**
 * Who may move an offer: the council staff who approve offers, the offer's owner (the employer users of its
 * organisation, or council staff for the council's own offers such as ring-fenced apprenticeships), and the
 * system (the closing-date job, referrals filling the last place, an organisation's suspension).
 */
export type Party = 'council_staff' | 'owner' | 'system';

export interface Transition {
  from: readonly OpportunityStatus[];
  to: OpportunityStatus;
  by: readonly Party[];
}

/**
 * The whole offer lifecycle in one table (GOV.UK "Recruit an apprentice": draft, submitted, referred back,
 * live, closed). Only `open` is matched; an open offer past its closing date counts as closed everywhere
 * (see effectiveStatus) until closeExpiredOpportunities records it.
 */
export const TRANSITIONS = {
  /** An employer sends a new or edited offer to the council for approval. */
  submit: { from: ['draft'], to: 'pending_approval', by: ['owner'] },
  /** Council staff approve: the offer goes live and PAs see it in matching. */
  approve: { from: ['pending_approval'], to: 'open', by: ['council_staff'] },
  /** Council staff open a draft directly: their own offers need no second approval. */
  publish: { from: ['draft'], to: 'open', by: ['council_staff'] },
  /** Council staff send it back with a reason; the employer sees it, edits and resubmits. */
  send_back: { from: ['pending_approval'], to: 'draft', by: ['council_staff'] },
  /** The employer takes a submitted offer back to change it: it leaves the approval queue. */
  take_back: { from: ['pending_approval'], to: 'draft', by: ['owner'] },
  /** A material change (what, where, when, who, pay) to a live employer offer needs approval again. */
  material_change: { from: ['open'], to: 'pending_approval', by: ['owner'] },
  /** Closed early by hand (GOV.UK: only a live vacancy can be closed). */
  close: { from: ['open'], to: 'closed', by: ['owner', 'council_staff'] },
  /** Taken down before or while live. */
  withdraw: { from: ['draft', 'pending_approval', 'open'], to: 'withdrawn', by: ['owner', 'council_staff'] },
  /** The closing date has passed (scheduled job). */
  expire: { from: ['open'], to: 'closed', by: ['system'] },
  /** Referrals took the last place. */
  fill: { from: ['open'], to: 'filled', by: ['system'] },
  /** The organisation was suspended: its offers leave matching at once. */
  suspend_organisation: { from: ['pending_approval', 'open'], to: 'withdrawn', by: ['system'] },
} as const satisfies Record<string, Transition>;

export type OpportunityAction = keyof typeof TRANSITIONS;

/** Offers whose details may still be changed; closed, filled and withdrawn ones are history. */
export const EDITABLE_STATUSES: readonly OpportunityStatus[] = ['draft', 'pending_approval', 'open'];

/** The status everyone acts on: an open offer whose closing date has passed is closed, job or no job. */
export function effectiveStatus(offer: { status: string; closingDate?: string | null }, today: LocalDate): OpportunityStatus {
  const status = offer.status as OpportunityStatus;
  return status === 'open' && hasClosingDatePassed(offer.closingDate ?? null, today) ? 'closed' : status;
}


/** A MongoDB filter for offers whose effective status is `status` on `today`. */
export function effectiveStatusFilter(status: OpportunityStatus, today: LocalDate): Record<string, unknown> {
  if (status === 'open') return { status: 'open', $or: [{ closingDate: null }, { closingDate: { $gte: today } }] };
  if (status === 'closed') return { $or: [{ status: 'closed' }, { status: 'open', closingDate: { $lt: today } }] };
  return { status };
}

/** The parties an actor acts as for this offer (none: they may only read it, if that). */
export function partiesFor(actor: Actor, offer: { organisationId?: unknown }): Party[] {
  const organisationId = offer.organisationId ? String(offer.organisationId) : null;
  if (COUNCIL_STAFF.includes(actor.role)) return organisationId === null ? ['council_staff', 'owner'] : ['council_staff'];
  if (actor.role === 'employer' && actor.organisationId && actor.organisationId === organisationId) return ['owner'];
  return [];
}

const STATUS_WORDS: Record<OpportunityStatus, string> = {
  draft: 'a draft',
  pending_approval: 'pending approval',
  open: 'open',
  closed: 'closed',
  filled: 'filled',
  withdrawn: 'withdrawn',
};

/** Why an action cannot happen from this status, in words an employer understands; null when it can. */
export function refusalFor(action: OpportunityAction, current: OpportunityStatus): string | null {
  const transition: Transition = TRANSITIONS[action];
  if (transition.from.includes(current)) return null;
  const allowed = transition.from.map((status) => STATUS_WORDS[status]).join(' or ');
  return `This offer is ${STATUS_WORDS[current]}, so it cannot be ${ACTION_WORDS[action]}: only an offer that is ${allowed} can.`;
}

const ACTION_WORDS: Record<OpportunityAction, string> = {
  submit: 'submitted for approval',
  approve: 'approved',
  publish: 'opened',
  send_back: 'sent back',
  take_back: 'taken back to draft',
  material_change: 'changed',
  close: 'closed',
  withdraw: 'withdrawn',
  expire: 'closed at its closing date',
  fill: 'marked filled',
  suspend_organisation: 'withdrawn',
};
