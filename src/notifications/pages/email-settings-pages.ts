import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type Pages } from '../../lib/pages/pages.js';
import { ROLES } from '../../users/roles.js';
import { DELIVERIES, kindsFor, type Delivery, type NotificationKind } from '../notification-kinds.js';
import { updatePreferencesBody } from '../notification-preferences.schemas.js';
import { readMyPreferences, updateMyPreferences } from '../notification-preferences.service.js';

/** Each kind as the person it reaches reads it (the email subjects are vaguer on purpose: they show on lock screens). */
const KIND_WORDS: Record<NotificationKind, string> = {
  opening_closes_in_7_days: 'An opening closes in 7 days for someone you support',
  opening_closes_in_2_days: 'An opening closes in 2 days for someone you support',
  informal_meeting_tomorrow: 'An informal meeting tomorrow',
  work_trial_tomorrow: 'A work trial starts tomorrow',
  housing_application_age_ahead: 'Someone can apply for social housing soon',
  housing_application_age_today: 'Someone can apply for social housing from today',
  custody_release_near_18: 'Someone leaves custody near their 18th birthday',
  eighteenth_birthday_in_8_weeks: 'An 18th birthday in 8 weeks',
  twenty_first_birthday_in_8_weeks: 'A 21st birthday in 8 weeks',
  twenty_fifth_birthday_in_8_weeks: 'A 25th birthday in 8 weeks',
  pathway_plan_review_due: 'A pathway plan review is due',
  pathway_plan_review_overdue: 'A pathway plan review is overdue',
  no_contact_for_8_weeks: 'No contact recorded for 8 weeks',
  referral_not_moved_21_days: 'A referral has not moved for 21 days',
  bursary_instalment_due: 'A care leaver bursary instalment is due',
  employer_incentive_unclaimed: 'An employer incentive is not claimed yet',
  offer_closes_without_referrals: 'Your offer closes in 7 days with no referrals yet',
  offer_awaiting_approval: 'An offer is waiting for the council\'s approval',
  employer_outcome_recorded: 'An employer recorded a meeting, a work trial, a start or a decision',
  employer_offer_made: 'An employer offered a young person the place',
  referral_received: 'A young person is referred to your offer',
  referral_withdrawn: 'A referral to your offer is withdrawn or declined',
  offer_approved: 'The council approved your offer',
  offer_sent_back: 'The council sent your offer back to change',
  offer_closed: 'Your offer closed',
  housing_application_moved: 'A housing application moved on',
  young_person_interested: 'A young person is interested in an opening',
  young_person_sharing_changed: 'A young person changed what they share',
};

const DELIVERY_WORDS: Record<Delivery, string> = { at_once: 'Email me straight away', digest: 'In my daily summary email', never: 'Do not tell me' };

/**
 * "How you hear about things": each kind of reminder and update the person's role receives, at once by email, in
 * the daily summary, or not at all (never only where it may be turned off). The same use cases as
 * GET/PUT /api/notifications/preferences; every email about an update says it can be chosen here.
 */
export function registerEmailSettingsPages(pages: Pages): void {
  pages.get('/reminders/settings', { access: ROLES, form: true }, async (context) => {
    const kept = await context.takeFlash<Record<string, string>>('email-settings');
    const items = (await readMyPreferences(context.actor)).items.map((item) => ({
      kind: item.kind,
      legend: KIND_WORDS[item.kind],
      radios: DELIVERIES.filter((delivery) => delivery !== 'never' || item.canTurnOff).map((delivery) => ({
        value: delivery,
        text: DELIVERY_WORDS[delivery] + (delivery === item.defaultDelivery ? ' (the usual)' : ''),
        checked: (kept?.values[item.kind] ?? item.delivery) === delivery,
        attributes: { 'data-qa': `${item.kind}-${delivery}` },
      })),
      canTurnOff: item.canTurnOff,
    }));
    context.render('reminders/email-settings.njk', { pageTitle: 'How you hear about reminders and updates', items, ...errorView(kept?.errors) });
  });

  pages.post('/reminders/settings', { access: ROLES, form: true }, async (context) => {
    const fields = formFields(context.req);
    const kinds = kindsFor(context.actor.role);
    const chosen = Object.fromEntries(kinds.flatMap((kind) => (textOf(fields[kind]) ? [[kind, textOf(fields[kind])]] : [])));
    // The usual choice is stored as "no choice" (null), so a later change to a default still reaches this person.
    const defaults = new Map((await readMyPreferences(context.actor)).items.map((item) => [item.kind as string, item.defaultDelivery as string]));
    const preferences = Object.fromEntries(Object.entries(chosen).map(([kind, delivery]) => [kind, defaults.get(kind) === delivery ? null : delivery]));
    const parsed = updatePreferencesBody.safeParse({ preferences });
    if (!parsed.success) {
      const errors = [...new Set(parsed.error.issues.map((issue) => String(issue.path[1] ?? '')))].filter(Boolean).map((kind) => ({ field: kind, message: `${KIND_WORDS[kind as NotificationKind] ?? 'This'}: choose one of the answers given` }));
      return context.redirectWithErrors('/reminders/settings', 'email-settings', chosen, errors.length ? errors : [{ field: kinds[0] ?? 'main-content', message: 'Choose one of the answers given' }]);
    }
    await updateMyPreferences(context.actor, parsed.data, context.now);
    await context.confirm('Your choices are saved. They apply from the next reminder or update.');
    context.redirect('/reminders');
  });
}
