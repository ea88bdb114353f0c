import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { DELIVERIES } from './notification-kinds.js';

/**
 * One user's choice for one kind of notification. A document per (user, kind) rather than one per user, so two
 * changes at once never overwrite each other (FerretDB v1 loses concurrent updates to one document). No
 * document: the default for the kind (urgent at once, the rest in the daily digest).
 */
const notificationPreferenceSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    delivery: { type: String, required: true, enum: DELIVERIES },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'notification_preferences', versionKey: false },
);
notificationPreferenceSchema.index({ userId: 1, kind: 1 }, { unique: true });

export type NotificationPreferenceRecord = InferSchemaType<typeof notificationPreferenceSchema> & { _id: mongoose.Types.ObjectId };
export const NotificationPreferenceModel = mongoose.model('NotificationPreference', notificationPreferenceSchema);
