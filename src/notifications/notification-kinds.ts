import { REMINDER_RULES, type ReminderRule } from '../reminders/reminder.types.js';
import type { Role } from '../users/roles.js';

/**
 * What the other side did to a referral or an offer, as notifications (issue 12, item 3). The reminder rules
 * say what is due; these say what just happened. Both are kinds a user sets a delivery preference for.
 */
export const ACTIVITY_KINDS = [
  /** To the PA: the employer recorded a meeting, trial, start or "not progressed". */
  'employer_outcome_recorded',
  /** To the PA: the employer offered the young person the place; urgent, because offers are answered quickly. */
  'employer_offer_made',
  /** To the employer's users: a young person was put forward to their offer. */
  'referral_received',
  /** To the employer's users: a referral to their offer was withdrawn or declined. */
  'referral_withdrawn',
  /** To the employer's users: council staff approved their offer (it is live). */
  'offer_approved',
  /** To the employer's users: council staff sent their offer back, with the reason. */
  'offer_sent_back',
  /** To the employer's users: their offer was closed or withdrawn by council staff, or closed at its closing date. */
  'offer_closed',
  /** To the PA when a housing officer moves an application on; to the district's housing officers when a PA does. */
  'housing_application_moved',
  /** To the PA: the young person pressed "I'm interested" on an opening; the PA decides whether to refer. */
  'young_person_interested',
  /** To the PA: the young person changed what they share with employers or housing. */
  'young_person_sharing_changed',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const NOTIFICATION_KINDS = [...REMINDER_RULES, ...ACTIVITY_KINDS] as const;
export type NotificationKind = ReminderRule | ActivityKind;

export const DELIVERIES = ['at_once', 'digest', 'never'] as const;
/** at_once: an email now (and a line in the daily digest); digest: a line in the daily digest; never: nothing. */
export type Delivery = (typeof DELIVERIES)[number];

/**
 * Kinds nobody can turn off (DOMAIN.md: a release from custody near 18 is urgent; housing officers must hear
 * early; losing touch and overdue pathway plans are what inspections find): "never" is refused for these.
 */
export const ALWAYS_ON_KINDS: readonly NotificationKind[] = [
  'custody_release_near_18',
  'housing_application_age_ahead',
  'housing_application_age_today',
  'pathway_plan_review_overdue',
  'no_contact_for_8_weeks',
];

export const isAlwaysOn = (kind: string): boolean => (ALWAYS_ON_KINDS as readonly string[]).includes(kind);

const CASEWORKERS: readonly Role[] = ['admin', 'manager', 'personal_adviser'];
const COUNCIL_STAFF: readonly Role[] = ['admin', 'manager'];
const EMPLOYERS: readonly Role[] = ['employer'];

/** Who receives each kind: the preferences page lists, and accepts, only the kinds of the user's role. */
export const KIND_RECIPIENTS: Readonly<Record<NotificationKind, readonly Role[]>> = {
  opening_closes_in_7_days: CASEWORKERS,
  opening_closes_in_2_days: CASEWORKERS,
  informal_meeting_tomorrow: CASEWORKERS,
  work_trial_tomorrow: CASEWORKERS,
  housing_application_age_ahead: [...CASEWORKERS, 'housing_officer'],
  housing_application_age_today: CASEWORKERS,
  custody_release_near_18: [...CASEWORKERS, 'housing_officer'],
  eighteenth_birthday_in_8_weeks: CASEWORKERS,
  twenty_first_birthday_in_8_weeks: CASEWORKERS,
  twenty_fifth_birthday_in_8_weeks: CASEWORKERS,
  pathway_plan_review_due: CASEWORKERS,
  pathway_plan_review_overdue: CASEWORKERS,
  no_contact_for_8_weeks: CASEWORKERS,
  referral_not_moved_21_days: CASEWORKERS,
  bursary_instalment_due: CASEWORKERS,
  employer_incentive_unclaimed: CASEWORKERS,
  offer_closes_without_referrals: EMPLOYERS,
  offer_awaiting_approval: COUNCIL_STAFF,
  employer_outcome_recorded: CASEWORKERS,
  employer_offer_made: CASEWORKERS,
  referral_received: EMPLOYERS,
  referral_withdrawn: EMPLOYERS,
  offer_approved: EMPLOYERS,
  offer_sent_back: EMPLOYERS,
  offer_closed: EMPLOYERS,
  housing_application_moved: [...CASEWORKERS, 'housing_officer'],
  young_person_interested: CASEWORKERS,
  young_person_sharing_changed: CASEWORKERS,
};

export const kindsFor = (role: Role): NotificationKind[] => NOTIFICATION_KINDS.filter((kind) => KIND_RECIPIENTS[kind].includes(role));

/**
 * Kinds emailed at once by default although not urgent: a small employer acts on a new referral the day it
 * arrives (issue 15, item 5), the council's decision on an offer is what its employer waits for (GOV.UK
 * Recruit an apprentice emails approval, referral back and closing as they happen), and a young person waiting
 * for an answer, or changing what others see of them, should not wait for tomorrow's digest.
 */
export const AT_ONCE_KINDS: readonly NotificationKind[] = ['referral_received', 'offer_approved', 'offer_sent_back', 'offer_closed', 'young_person_interested', 'young_person_sharing_changed'];

/** Without a choice: urgent items (and AT_ONCE_KINDS) go at once (and in the digest), everything else in the digest. */
export const defaultDelivery = (urgency: string, kind?: string): Delivery => (urgency === 'urgent' || (AT_ONCE_KINDS as readonly string[]).includes(kind ?? '') ? 'at_once' : 'digest');

/** The kinds whose items are urgent (see reminder.rules.ts and referral-activity.ts), for showing each default. */
export const URGENT_KINDS: readonly NotificationKind[] = ['opening_closes_in_2_days', 'custody_release_near_18', 'pathway_plan_review_overdue', 'employer_offer_made'];
export const defaultDeliveryOfKind = (kind: NotificationKind): Delivery => defaultDelivery(URGENT_KINDS.includes(kind) ? 'urgent' : 'soon', kind);
