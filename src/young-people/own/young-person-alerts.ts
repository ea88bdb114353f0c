/**
 * Emails for young people who asked for them (/me/alerts): a new strong match (a full match in an area of work
 * they like, the same definition as the PA's strong-match reminder), and an opening they said they are interested
 * in that closes soon. Run by the daily reminder scan with its slot time (the injected clock's), so "straight
 * away" means the next morning's scan, and tells of an opening closing within 2 days; "weekly" collects them into
 * one email on Mondays, and tells of every opening they like that closes before the next Monday's email (a
 * window, not one exact day, so a closing date on any weekday is told). Each email has a dedupe key and each
 * thing told is recorded, so nothing is sent twice however often the scan runs.
 */
import mongoose, { Schema } from 'mongoose';
import type { Config } from '../../config.js';
import { addDays, compareDates, dayMonthYear, londonDateOf, type LocalDate } from '../../lib/dates.js';
import { matchOpportunitiesForYoungPerson } from '../../matching/matching.js';
import { loadGeography, toMatchableOpportunity, toMatchableYoungPerson } from '../../matching/matching.service.js';
import { insertNew } from '../../notifications/notification-store.js';
import { queueEmail } from '../../notifications/queue-email.js';
import { OpportunityModel, type OpportunityRecord } from '../../opportunities/opportunities.model.js';
import { ReferralModel } from '../../referrals/referrals.model.js';
import { UserModel } from '../../users/users.model.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people.model.js';
import { AlertSettingModel, DEFAULT_ALERT_FREQUENCY, type AlertFrequency } from './alert-settings.model.js';
import { OpeningResponseModel } from './opening-response.model.js';

/** What has been told to whom: (user, what, opening) once. */
const alertToldSchema = new Schema({ userId: { type: Schema.Types.ObjectId, required: true }, what: { type: String, required: true }, opportunityId: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } }, { collection: 'young_person_alerts_told' });
alertToldSchema.index({ userId: 1, what: 1, opportunityId: 1 }, { unique: true });
export const AlertToldModel = mongoose.model('YoungPersonAlertTold', alertToldSchema);

/** How far ahead a closing opening is told: within 2 days straight away; within the week for the weekly email. */
const CLOSING_NOTICE_DAYS: Record<Exclude<AlertFrequency, 'never'>, number> = { immediately: 2, weekly: 6 };
const MONDAY = 1;

interface Item { what: 'new_match' | 'closing'; opportunity: OpportunityRecord }

const line = (config: Pick<Config, 'PUBLIC_BASE_URL'>, item: Item) =>
  `${item.what === 'closing' ? `Closes on ${dayMonthYear(item.opportunity.closingDate!)}` : 'New for you'}: ${item.opportunity.title}, ${item.opportunity.providerName}\n${new URL(`/me/openings/${String(item.opportunity._id)}`, config.PUBLIC_BASE_URL).toString()}`;

function emailText(config: Pick<Config, 'PUBLIC_BASE_URL'>, name: string, items: Item[]): string {
  const opening = items.some((item) => item.what === 'new_match')
    ? 'We found openings that suit you.'
    : `${items.length === 1 ? 'An opening you like closes' : 'Openings you like close'} soon. Tell your personal adviser quickly if you want ${items.length === 1 ? 'it' : 'them'}.`;
  return [`Hello ${name},`, opening, ...items.map((item) => line(config, item)), `To change how often we email you: ${new URL('/me/alerts', config.PUBLIC_BASE_URL).toString()}`].join('\n\n');
}

/** What each young person would be told today, before removing what they were told already. */
async function dueItems(people: YoungPersonRecord[], today: LocalDate, closingNoticeDays: (youngPersonId: string) => number): Promise<Map<string, Item[]>> {
  const openings = await OpportunityModel.find({ status: 'open', $or: [{ closingDate: null }, { closingDate: { $gte: today } }] }).lean<OpportunityRecord[]>();
  const byId = new Map(openings.map((opening) => [String(opening._id), opening]));
  const { geography } = await loadGeography();
  const responses = await OpeningResponseModel.find({ youngPersonId: { $in: people.map((person) => person._id) } }).lean();
  const referrals = await ReferralModel.find({ youngPersonId: { $in: people.map((person) => person._id) } }, { youngPersonId: 1, opportunityId: 1 }).lean();
  const due = new Map<string, Item[]>();
  for (const person of people) {
    const id = String(person._id);
    const closingBy = addDays(today, closingNoticeDays(id));
    const said = responses.filter((response) => String(response.youngPersonId) === id);
    // Not "new for you": one they already answered (interested or not for me) or were put forward to.
    const known = new Set([
      ...said.map((response) => String(response.opportunityId)),
      ...referrals.filter((referral) => String(referral.youngPersonId) === id).map((referral) => String(referral.opportunityId)),
    ]);
    const ranked = matchOpportunitiesForYoungPerson(toMatchableYoungPerson(person), openings.filter((o) => o.placesFilled < o.places).map(toMatchableOpportunity), geography, today, { limit: 10 });
    const strong = ranked.matches.filter((match) => match.reasons.some((reason) => reason.code === 'sector_interest') && !known.has(match.opportunityId));
    const items: Item[] = strong.map((match) => ({ what: 'new_match', opportunity: byId.get(match.opportunityId)! }));
    for (const response of said) {
      const opening = byId.get(String(response.opportunityId));
      // Open openings only (byId): one already closed or gone is not worth an email.
      if (response.response === 'interested' && opening?.closingDate && compareDates(opening.closingDate, closingBy) <= 0) items.push({ what: 'closing', opportunity: opening });
    }
    due.set(id, items);
  }
  return due;
}

export async function queueYoungPersonAlerts(config: Pick<Config, 'PUBLIC_BASE_URL'>, asAt: Date, now: Date): Promise<{ found: number; queued: number }> {
  const today = londonDateOf(asAt);
  const accounts = await UserModel.find({ role: 'young_person', active: true, youngPersonId: { $ne: null } }, { email: 1, name: 1, youngPersonId: 1 }).lean();
  if (accounts.length === 0) return { found: 0, queued: 0 };
  const settings = await AlertSettingModel.find({ userId: { $in: accounts.map((account) => account._id) } }).lean();
  const frequencyOf = new Map(settings.map((setting) => [String(setting.userId), setting.frequency as AlertFrequency]));
  const isMonday = new Date(`${today}T12:00:00Z`).getUTCDay() === MONDAY;
  const wanted = accounts.filter((account) => {
    const frequency = frequencyOf.get(String(account._id)) ?? DEFAULT_ALERT_FREQUENCY;
    return frequency === 'immediately' || (frequency === 'weekly' && isMonday);
  });
  const people = await YoungPersonModel.find({ _id: { $in: wanted.map((account) => account.youngPersonId) }, archivedAt: null }).lean<YoungPersonRecord[]>();
  const frequencyOfPerson = new Map(wanted.map((account) => [String(account.youngPersonId), (frequencyOf.get(String(account._id)) ?? DEFAULT_ALERT_FREQUENCY) as Exclude<AlertFrequency, 'never'>]));
  const due = await dueItems(people, today, (youngPersonId) => CLOSING_NOTICE_DAYS[frequencyOfPerson.get(youngPersonId) ?? 'immediately']);
  const told = await AlertToldModel.find({ userId: { $in: wanted.map((account) => account._id) } }).lean();
  const toldKey = new Set(told.map((entry) => `${String(entry.userId)}|${entry.what}|${String(entry.opportunityId)}`));
  let found = 0;
  let queued = 0;
  for (const account of wanted) {
    const userId = String(account._id);
    const items = (due.get(String(account.youngPersonId)) ?? []).filter((item) => !toldKey.has(`${userId}|${item.what}|${String(item.opportunity._id)}`));
    if (items.length === 0) continue;
    found += items.length;
    const weekly = (frequencyOf.get(userId) ?? DEFAULT_ALERT_FREQUENCY) === 'weekly';
    const batches = weekly ? [{ key: `yp-alert-weekly:${userId}:${today}`, items }] : items.map((item) => ({ key: `yp-alert:${userId}:${item.what}:${String(item.opportunity._id)}`, items: [item] }));
    for (const batch of batches) {
      const subject = batch.items.some((item) => item.what === 'new_match') ? 'New openings for you' : 'An opening you like closes soon';
      if (await queueEmail({ dedupeKey: batch.key, kind: weekly ? 'digest' : 'immediate', to: account.email, recipientUserId: userId, subject, text: emailText(config, account.name, batch.items) }, now)) queued += 1;
    }
    await insertNew(AlertToldModel.collection, items.map((item) => ({ userId: account._id, what: item.what, opportunityId: item.opportunity._id, at: now })));
  }
  return { found, queued };
}
