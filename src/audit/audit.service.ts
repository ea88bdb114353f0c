import type { RequestContext } from '../lib/http/api.js';
import { AuditEntryModel, type AuditAction, type AuditEntryRecord } from './audit.model.js';

export interface AuditEvent {
  action: AuditAction;
  resource: string;
  resourceId?: string | null;
  youngPersonIds: string[];
  fields?: string[];
  via: string;
}

/** Records one audit entry. Awaited, so a request that cannot be audited fails rather than going unrecorded. */
export async function recordAudit(context: Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'correlationId'>, event: AuditEvent): Promise<void> {
  if (event.youngPersonIds.length === 0 && !event.resourceId) return;
  await AuditEntryModel.create({
    at: context.now,
    actorUserId: context.actor.userId,
    actorRole: context.actor.role,
    action: event.action,
    resource: event.resource,
    resourceId: event.resourceId ?? null,
    youngPersonIds: event.youngPersonIds,
    fields: event.fields ?? [],
    via: event.via,
    requestId: context.requestId,
    correlationId: context.correlationId ?? null,
  });
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorUserId: string;
  actorRole: string;
  action: string;
  resource: string;
  resourceId: string | null;
  fields: string[];
  via: string;
  requestId: string | null;
  correlationId: string | null;
}

export async function auditTrailForYoungPerson(youngPersonId: string, limit = 5000): Promise<AuditEntryView[]> {
  const entries = await AuditEntryModel.find({ youngPersonIds: youngPersonId }).sort({ at: -1 }).limit(limit).lean<AuditEntryRecord[]>();
  return entries.map((entry) => ({
    id: String(entry._id),
    at: entry.at.toISOString(),
    actorUserId: String(entry.actorUserId),
    actorRole: entry.actorRole,
    action: entry.action,
    resource: entry.resource,
    resourceId: entry.resourceId ? String(entry.resourceId) : null,
    fields: entry.fields ?? [],
    via: entry.via,
    requestId: entry.requestId ?? null,
    correlationId: entry.correlationId ?? null,
  }));
}
