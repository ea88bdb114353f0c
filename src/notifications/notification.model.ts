import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const URGENCIES = ['urgent', 'soon', 'for_information'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const AUDIENCES = ['personal_adviser', 'housing_officer', 'employer', 'council_staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * One reminder for one person: what the reminder scan found due. The natural key (recipient, subject record,
 * rule, due date) is unique, so computing the same reminder twice, or from several instances at once, stores it
 * once; the _id is derived from the same key (notificationIdFor). It is also the in-service notification (read or
 * unread) and the source of the daily digest.
 */
const notificationSchema = new Schema(
  {
    recipientUserId: { type: Schema.Types.ObjectId, required: true },
    audience: { type: String, required: true, enum: AUDIENCES },
    /** The record(s) the reminder is about, e.g. "yp:<id>", "referral:<id>", "yp:<id>/opportunity:<id>". */
    subjectKey: { type: String, required: true },
    rule: { type: String, required: true },
    dueDate: { type: String, required: true },
    urgency: { type: String, required: true, enum: URGENCIES },
    /** For access checks and subject access requests; null when no young person is involved. */
    youngPersonId: { type: Schema.Types.ObjectId, default: null },
    /** Only what the reader needs (a first name or referral code, an offer title, a date): never care history. */
    facts: { type: Schema.Types.Mixed, required: true },
    /** The one line a reader sees, rendered from templates/reminder-lines.json when stored. */
    text: { type: String, required: true },
    /** A path in the service (PUBLIC_BASE_URL is prepended in emails). */
    link: { type: String, required: true },
    /** False when the recipient's channel is in-service only (a district's alert setting). */
    byEmail: { type: Boolean, required: true },
    /** The London date of the daily digest that listed it; null until then. */
    digestDate: { type: String, default: null },
    readAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'notifications' },
);
notificationSchema.index({ recipientUserId: 1, subjectKey: 1, rule: 1, dueDate: 1 }, { unique: true });
notificationSchema.index({ recipientUserId: 1, readAt: 1, dueDate: 1 });
// The digest asks for everything by email not yet in a digest, grouped by recipient.
notificationSchema.index({ byEmail: 1, digestDate: 1, recipientUserId: 1 });
notificationSchema.index({ youngPersonId: 1 });

export type NotificationRecord = InferSchemaType<typeof notificationSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export const NotificationModel = mongoose.model('Notification', notificationSchema);
