/**
 * GOV.UK shows a reviewer what changed since a vacancy was referred back. At send-back the offer's
 * fields are stored; the council's view lists the fields whose value differs now.
 */
import { sameValue } from './opportunities.rules.js';
import { updateOpportunityBody } from './opportunities.schemas.js';

/** Every field an author can change. */
export const REVIEWED_FIELDS = Object.keys(updateOpportunityBody.shape);

export function sendBackSnapshot(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(REVIEWED_FIELDS.map((field) => [field, record[field] ?? null]));
}

/** The fields changed since the last send-back; empty when it was never sent back. */
export function changedSinceSendBack(record: { sendBackSnapshot?: unknown }): string[] {
  const snapshot = record.sendBackSnapshot as Record<string, unknown> | null | undefined;
  if (!snapshot) return [];
  const current = record as Record<string, unknown>;
  return REVIEWED_FIELDS.filter((field) => field in snapshot && !sameValue(snapshot[field], current[field]));
}
