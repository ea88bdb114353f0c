import { percent, type TableSpec } from './figure-table.js';
import type { ApplicationFacts, ReferralFacts, ReminderEmailFacts, ReminderFacts } from './figure-records.js';
import { instantInPeriod, type Period } from './figures-period.js';

export const ACTED_ON_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reminders raised in the period, reminder emails sent and failed, and how many reminders about a referral or a
 * housing application were acted on: the referral or application moved within 7 days after the reminder.
 */
export function remindersTable(reminders: ReminderFacts[], emails: ReminderEmailFacts[], referrals: ReferralFacts[], applications: ApplicationFacts[], period: Period): TableSpec {
  const referralMoves = new Map(referrals.map((referral) => [referral.id, referral.steps.map((step) => step.at.getTime())]));
  const applicationMoves = new Map<string, number[]>();
  for (const application of applications) {
    const moves = application.movedAt.map((at) => at.getTime());
    applicationMoves.set(`${application.youngPersonId}/district:${application.districtId}`, moves);
    // A PA's reminder of a custody release is about an application in any district.
    applicationMoves.set(application.youngPersonId, [...(applicationMoves.get(application.youngPersonId) ?? []), ...moves]);
  }
  const raised = reminders.filter((reminder) => instantInPeriod(reminder.createdAt, period));
  let actionable = 0;
  let actedOn = 0;
  for (const reminder of raised) {
    const moves = movesFor(reminder, referralMoves, applicationMoves);
    if (!moves) continue;
    actionable += 1;
    const from = reminder.createdAt.getTime();
    if (moves.some((at) => at > from && at <= from + ACTED_ON_DAYS * DAY_MS)) actedOn += 1;
  }
  const sent = emails.filter((email) => email.status === 'sent').length;
  const failed = emails.filter((email) => email.status === 'failed').length;
  return {
    id: 'reminders',
    area: 'reminders',
    title: 'Reminders sent, failed and acted on',
    definition:
      `Reminders of something due (not notices of what someone did) the service raised in the period (London days) for personal advisers, housing officers, employers and council staff; emails carrying reminders and notices (single and daily digest) queued in the period that were sent, or failed after every retry; and of reminders about a referral or a housing application (a custody release near 18 included: it calls for one in any district), those where the referral or an application moved within ${ACTED_ON_DAYS} days after the reminder. ` +
      'These count reminders and emails, not young people, so they are not suppressed.',
    columns: [
      { key: 'label', label: 'Measure', kind: 'text' },
      { key: 'count', label: 'Number', kind: 'count' },
      { key: 'share', label: 'Share', kind: 'percent' },
    ],
    // A share with nothing to divide by, or on a row that is not a share of anything, is not applicable.
    rows: [
      { key: 'raised', values: { label: 'Reminders raised', count: raised.length, share: null } },
      { key: 'emails_sent', values: { label: 'Reminder emails sent', count: sent, share: percent(sent, sent + failed) } },
      { key: 'emails_failed', values: { label: 'Reminder emails failed', count: failed, share: percent(failed, sent + failed) } },
      { key: 'actionable', values: { label: 'Reminders about a referral or housing application', count: actionable, share: null } },
      { key: 'acted_on', values: { label: `Acted on within ${ACTED_ON_DAYS} days`, count: actedOn, share: percent(actedOn, actionable) } },
    ].map((row) => ({ ...row, notApplicable: ['share'] })),
  };
}

/**
 * The moves of the record a reminder is about: "referral:<id>"; "yp:<id>/district:<id>" for a housing application
 * in that district; a custody release near 18 told to the PA ("yp:<id>") for an application in any district.
 */
function movesFor(reminder: ReminderFacts, referralMoves: Map<string, number[]>, applicationMoves: Map<string, number[]>): number[] | null {
  const { subjectKey } = reminder;
  if (subjectKey.startsWith('referral:')) return referralMoves.get(subjectKey.slice('referral:'.length)) ?? null;
  const housing = /^yp:([0-9a-f]{24}\/district:[0-9a-f]{24})$/.exec(subjectKey);
  if (housing) return applicationMoves.get(housing[1]!) ?? [];
  const person = /^yp:([0-9a-f]{24})$/.exec(subjectKey);
  if (person && reminder.rule === 'custody_release_near_18') return applicationMoves.get(person[1]!) ?? [];
  return null;
}
