import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const AUDIT_ACTIONS = ['read', 'list', 'create', 'update', 'delete', 'export'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who read or changed a young person's record, and when: for subject access requests and for
 * spotting misuse. Field names are recorded for changes, never values (the log must not copy the record).
 */
const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actorUserId: { type: Schema.Types.ObjectId, required: true },
    actorRole: { type: String, required: true },
    action: { type: String, required: true, enum: AUDIT_ACTIONS },
    /** What kind of record was touched: young_person, housing_application, referral... */
    resource: { type: String, required: true },
    resourceId: { type: Schema.Types.ObjectId, default: null },
    youngPersonIds: { type: [Schema.Types.ObjectId], default: [] },
    fields: { type: [String], default: [] },
    /** The endpoint or job that did it, e.g. "GET /young-people/:id". */
    via: { type: String, required: true },
    /** The server's id for the request (never the client's). */
    requestId: { type: String, default: null },
    /** The client's X-Request-Id, if it sent one: for joining up with its logs, not to be trusted as ours. */
    correlationId: { type: String, default: null },
  },
  { collection: 'audit_log', versionKey: false },
);
auditEntrySchema.index({ youngPersonIds: 1, at: -1 });
auditEntrySchema.index({ actorUserId: 1, at: -1 });
auditEntrySchema.index({ at: -1 });

export type AuditEntryRecord = InferSchemaType<typeof auditEntrySchema> & { _id: mongoose.Types.ObjectId };
export const AuditEntryModel = mongoose.model('AuditEntry', auditEntrySchema);
