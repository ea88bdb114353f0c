import mongoose from 'mongoose';
import { validationFailed } from '../lib/errors.js';
import type { ReminderDraft } from '../reminders/reminder.types.js';
import type { Actor } from '../users/roles.js';
import { AT_ONCE_BY_DEFAULT_KINDS, KIND_RECIPIENTS, defaultDelivery, defaultDeliveryOfKind, isAlwaysOn, kindsFor, type Delivery, type NotificationKind } from './notification-kinds.js';
import { NotificationPreferenceModel } from './notification-preferences.model.js';
import type { PreferencesView, UpdatePreferencesInput } from './notification-preferences.schemas.js';

/** Choices by user id, then by kind: what every sender reads before telling anyone anything. */
export type PreferenceBook = ReadonlyMap<string, ReadonlyMap<string, Delivery>>;

/** The stored choices of these users (one small indexed read; users without a choice are simply absent). */
export async function loadPreferenceBook(userIds: readonly string[]): Promise<PreferenceBook> {
  const ids = [...new Set(userIds)].filter((id) => mongoose.isValidObjectId(id));
  const book = new Map<string, Map<string, Delivery>>();
  if (ids.length === 0) return book;
  const records = await NotificationPreferenceModel.find({ userId: { $in: ids } }, { userId: 1, kind: 1, delivery: 1 }).lean();
  for (const record of records) {
    const userId = String(record.userId);
    const choices = book.get(userId) ?? new Map<string, Delivery>();
    choices.set(record.kind, record.delivery as Delivery);
    book.set(userId, choices);
  }
  return book;
}

/**
 * How one item reaches one user: their choice for its kind, else the default by urgency. A kind that cannot be
 * turned off is never "never", even if such a choice was stored before the rule existed.
 */
export function deliveryFor(book: PreferenceBook, userId: string, kind: string, urgency: string): Delivery {
  const chosen = book.get(userId)?.get(kind);
  if (chosen && !(chosen === 'never' && isAlwaysOn(kind))) return chosen;
  return AT_ONCE_BY_DEFAULT_KINDS.includes(kind) ? 'at_once' : defaultDelivery(urgency);
}

/**
 * The reminder scan's drafts as each recipient wants them: "never" ones dropped (not stored, not emailed), the
 * rest marked whether they go by email at once. Drafts a district keeps in the service (byEmail false) stay so.
 */
export async function applyPreferences(drafts: readonly ReminderDraft[]): Promise<ReminderDraft[]> {
  const book = await loadPreferenceBook(drafts.map((draft) => draft.recipientUserId));
  return drafts.flatMap((draft) => {
    const delivery = deliveryFor(book, draft.recipientUserId, draft.rule, draft.urgency);
    return delivery === 'never' ? [] : [{ ...draft, emailAtOnce: delivery === 'at_once' }];
  });
}

function viewOf(kinds: readonly NotificationKind[], choices: ReadonlyMap<string, Delivery> | undefined): PreferencesView {
  return {
    items: kinds.map((kind) => {
      const chosen = choices?.get(kind);
      const fallback = defaultDeliveryOfKind(kind);
      return { kind, delivery: chosen ?? fallback, chosen: chosen !== undefined, defaultDelivery: fallback, canTurnOff: !isAlwaysOn(kind) };
    }),
  };
}

/** The caller's own choices, for every kind their role receives. */
export async function readMyPreferences(actor: Actor): Promise<PreferencesView> {
  const book = await loadPreferenceBook([actor.userId]);
  return viewOf(kindsFor(actor.role), book.get(actor.userId));
}

/**
 * Changes the caller's own choices for the kinds given (null: back to the default). A kind their role never
 * receives is refused, so a choice is never stored where it could not mean anything.
 */
export async function updateMyPreferences(actor: Actor, input: UpdatePreferencesInput, now: Date): Promise<PreferencesView> {
  const entries = Object.entries(input.preferences).filter(([, value]) => value !== undefined) as [NotificationKind, Delivery | null][];
  const notMine = entries.filter(([kind]) => !KIND_RECIPIENTS[kind].includes(actor.role));
  if (notMine.length) throw validationFailed(notMine.map(([kind]) => ({ path: `preferences.${kind}`, message: 'is not a notification your role receives' })));
  const userId = new mongoose.Types.ObjectId(actor.userId);
  for (const [kind, delivery] of entries) {
    if (delivery === null) await NotificationPreferenceModel.deleteOne({ userId, kind });
    else await NotificationPreferenceModel.updateOne({ userId, kind }, { $set: { delivery, updatedAt: now } }, { upsert: true });
  }
  return readMyPreferences(actor);
}
