import { z } from 'zod';
import { DELIVERIES, NOTIFICATION_KINDS, isAlwaysOn, type NotificationKind } from './notification-kinds.js';

const delivery = z.enum(DELIVERIES);
const ALWAYS_ON_MESSAGE = 'cannot be turned off: urgent safeguarding and housing alerts are always sent (choose at_once or digest)';
const alwaysOnDelivery = z.enum(['at_once', 'digest'], { error: ALWAYS_ON_MESSAGE });

/**
 * PUT body: the kinds to change, each to at_once, digest or never (null: back to the default). Unknown kinds
 * are refused by the strict object; kinds that cannot be turned off accept only at_once or digest.
 */
export const updatePreferencesBody = z.strictObject({
  preferences: z.strictObject(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, (isAlwaysOn(kind) ? alwaysOnDelivery : delivery).nullable().optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodNullable<typeof delivery>>>,
  ),
});
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesBody>;

export const preferenceView = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  /** What happens now: the user's choice, or the default when they made none. */
  delivery,
  chosen: z.boolean(),
  defaultDelivery: delivery,
  canTurnOff: z.boolean(),
});
export const preferencesView = z.object({ items: z.array(preferenceView) });
export type PreferencesView = z.infer<typeof preferencesView>;
