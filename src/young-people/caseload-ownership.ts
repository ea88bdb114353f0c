import mongoose from 'mongoose';
import { recordAudit } from '../audit/audit.service.js';
import type { RequestContext } from '../lib/http/api.js';
import { NotificationModel, type NotificationRecord } from '../notifications/notification.model.js';
import { addDigestLines, withdrawDigestLines } from '../notifications/digest-pending.js';
import { insertNew, notificationIdFor } from '../notifications/notification-store.js';
import { ReferralEventModel } from '../referrals/referral-events.model.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import { YoungPersonModel } from './young-people.model.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** Who holds a young person's case: the person they are allocated to and that person's team. */
export interface CaseloadOwner {
  personalAdviserId: string;
  team: string;
}

/**
 * Every collection that carries a copy of caseload ownership, so scoping stays one indexed field each.
 * Housing applications, the audit log, exports and reports carry none: they scope through the young person.
 */
export const OWNERSHIP_COPIES = {
  young_people: ['personalAdviserId', 'team'],
  referrals: ['personalAdviserId', 'team'],
  referral_events: ['personalAdviserId'],
  notifications: ['recipientUserId (unread reminders to the owner about the young person)'],
} as const;

const MAX_PASSES = 5;

/**
 * THE one writer of caseload ownership: every path that changes who holds a case (editing a record, an import
 * with a changed PA, reallocation, a PA's team move, a PA's deactivation) calls this, and nothing else writes
 * `personalAdviserId` or `team` on an existing record. No multi-document transaction (FerretDB v1 has none),
 * so the copies are written first and the young person last: the young person is what every scope reads, and
 * the whole call is idempotent, so if it stops half way, repeating the same change completes it.
 */
export async function assignCaseload(context: Context, youngPersonIds: readonly string[], to: CaseloadOwner, via: string): Promise<void> {
  if (youngPersonIds.length === 0) return;
  const ids = youngPersonIds.map((id) => new mongoose.Types.ObjectId(id));
  const owner = { personalAdviserId: new mongoose.Types.ObjectId(to.personalAdviserId), team: to.team };
  await ReferralModel.updateMany({ youngPersonId: { $in: ids } }, { $set: owner });
  await ReferralEventModel.updateMany({ youngPersonId: { $in: ids } }, { $set: { personalAdviserId: owner.personalAdviserId } });
  await readdressUnreadReminders(ids, owner.personalAdviserId, context.now);
  await YoungPersonModel.updateMany({ _id: { $in: ids } }, { $set: { ...owner, updatedAt: context.now } });
  await recordAudit(context, { action: 'update', resource: 'caseload_owner', youngPersonIds: ids.map(String), fields: ['personalAdviserId', 'team'], via });
}

/**
 * Moves everything a PA holds (open and closed records) to `to`. Repeats until nothing is left, so a record
 * allocated to the PA while the move ran (with the old team) is moved too.
 */
export async function assignCaseloadOf(context: Context, personalAdviserId: string, to: CaseloadOwner, via: string): Promise<number> {
  let moved = 0;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const stale = { personalAdviserId, $or: [{ personalAdviserId: { $ne: to.personalAdviserId } }, { team: { $ne: to.team } }] };
    const ids = (await YoungPersonModel.find(stale, { _id: 1 }).lean()).map((record) => String(record._id));
    if (ids.length === 0) break;
    await assignCaseload(context, ids, to, via);
    moved += ids.length;
  }
  return moved;
}

/**
 * Unread reminders to a previous owner about these young people go to the new owner (they are about the case,
 * not the person who held it). Each gets the id its natural key gives for the new recipient, so the next
 * reminder scan finds it already stored; read ones stay with the previous owner as their history.
 */
async function readdressUnreadReminders(youngPersonIds: mongoose.Types.ObjectId[], newOwnerId: mongoose.Types.ObjectId, now: Date): Promise<void> {
  const stale = await NotificationModel.find({ youngPersonId: { $in: youngPersonIds }, audience: 'personal_adviser', readAt: null, recipientUserId: { $ne: newOwnerId } }).lean<NotificationRecord[]>();
  if (stale.length === 0) return;
  const copies = stale.map(({ _id, recipientUserId, ...rest }) => ({
    ...rest,
    _id: notificationIdFor({ recipientUserId: String(newOwnerId), subjectKey: rest.subjectKey, rule: rest.rule as Parameters<typeof notificationIdFor>[0]['rule'], dueDate: rest.dueDate }),
    recipientUserId: newOwnerId,
    digestDate: null,
    createdAt: now,
    updatedAt: now,
  }));
  const inserted = await insertNew(NotificationModel.collection, copies);
  // A reminder waiting for a digest waits for the new owner's now (a line for each new copy), not the old owner's.
  await addDigestLines(copies.flatMap((copy, index) => (inserted.has(index) && copy.byEmail
    ? [{ notificationId: copy._id, recipientUserId: newOwnerId, rule: copy.rule, urgency: copy.urgency, dueDate: copy.dueDate, text: copy.text, link: copy.link }]
    : [])), now);
  await withdrawDigestLines(stale.map((record) => record._id));
  await NotificationModel.deleteMany({ _id: { $in: stale.map((record) => record._id) } });
}
