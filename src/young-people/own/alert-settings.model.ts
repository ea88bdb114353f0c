import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const ALERT_FREQUENCIES = ['immediately', 'weekly', 'never'] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];
/** Until they choose: one email a week at most, so nobody who never opened /me/alerts is flooded. */
export const DEFAULT_ALERT_FREQUENCY: AlertFrequency = 'weekly';

/** How often a young person hears by email of a new strong match or an opening they liked closing in 2 days. */
const alertSettingSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    frequency: { type: String, required: true, enum: ALERT_FREQUENCIES },
  },
  { timestamps: true, collection: 'young_person_alert_settings' },
);
alertSettingSchema.index({ userId: 1 }, { unique: true });

export type AlertSettingRecord = InferSchemaType<typeof alertSettingSchema> & { _id: mongoose.Types.ObjectId };
export const AlertSettingModel = mongoose.model('YoungPersonAlertSetting', alertSettingSchema);

export async function alertFrequencyOf(userId: string): Promise<AlertFrequency> {
  const setting = await AlertSettingModel.findOne({ userId }).lean<AlertSettingRecord>();
  return (setting?.frequency as AlertFrequency | undefined) ?? DEFAULT_ALERT_FREQUENCY;
}

export async function setAlertFrequency(userId: string, frequency: AlertFrequency): Promise<void> {
  await AlertSettingModel.updateOne({ userId }, { $set: { frequency } }, { upsert: true });
}
