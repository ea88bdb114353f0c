import { errorView, type FieldError } from '../../lib/pages/pages.js';
import { sectorName } from '../../opportunities/pages/offer-summary.js';
import { REFERRAL_STAGES, type ReferralStage } from '../../referrals/referrals.model.js';
import { STAGE_NAMES } from '../../young-people/pages/referral-words.js';
import { STAGES_HIDDEN_FROM_EMPLOYERS } from '../employer-referral-view.js';
import type { EmployerOutcome, EmployerReferralView } from '../employer-referrals.schemas.js';

/** Stage names as an employer reads them (the same words a PA sees). */
export const EMPLOYER_STAGE_NAMES: Record<ReferralStage, string> = STAGE_NAMES;

/** The stages an employer can filter by: every stage they can see. */
export const STAGES_SHOWN_TO_EMPLOYERS = REFERRAL_STAGES.filter((stage) => !STAGES_HIDDEN_FROM_EMPLOYERS.includes(stage));

/** Each outcome in the employer's words, with what the date means for it. */
export const OUTCOME_WORDS: Record<EmployerOutcome, { text: string; hint: string }> = {
  informal_meeting_held: { text: 'Informal meeting held', hint: 'Give the day you met (today or earlier).' },
  work_trial_arranged: { text: 'Work trial arranged', hint: 'Give the day the work trial starts.' },
  offer_made: { text: 'Offer made', hint: 'Give the day you made the offer.' },
  started: { text: 'Started', hint: 'Give their first day.' },
  not_progressed: { text: 'Unsuccessful: not taking them forward', hint: 'Tell the personal adviser why.' },
};

/** "£1,000" from pence. */
export const pounds = (pence: number | null) => (pence === null ? 'Not recorded' : `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0 })}`);


/**
 * What the young person agreed to share, as rows for a summary list; nothing else is ever on the page. An empty
 * row says why it is empty (the offer asks for no qualification, or they hold none it asks for), never "none
 * recorded", which reads as if the young person had nothing.
 */
export function sharedRows(view: EmployerReferralView, qualificationsAskedFor: number): { key: { text: string }; value: { text: string } }[] {
  const person = view.youngPerson;
  const rows = [{ key: { text: 'Referral code' }, value: { text: view.referralCode } }];
  if (person.sharing === 'name_and_contact') {
    rows.push(
      { key: { text: 'Name' }, value: { text: `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() } },
      { key: { text: 'Email' }, value: { text: person.email ?? 'Not given' } },
      { key: { text: 'Phone' }, value: { text: person.phone ?? 'Not given' } },
    );
  }
  rows.push(
    { key: { text: 'Interested in your area of work' }, value: { text: person.matchingInterests.length ? person.matchingInterests.map(sectorName).join(', ') : 'Not among the areas of work they have chosen' } },
    { key: { text: 'Qualifications you asked for' }, value: { text: person.relevantQualifications.length ? person.relevantQualifications.map((q) => `${q.subject}, level ${q.level}${q.grade ? `, grade ${q.grade}` : ''}`).join('; ') : qualificationsAskedFor ? 'None of those your offer asks for' : 'Your offer does not ask for any' } },
  );
  return rows;
}

/** The "who" column of the list: a name only where the young person shares it. */
export function whoOf(view: EmployerReferralView): string {
  const person = view.youngPerson;
  return person.sharing === 'name_and_contact' ? `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() : 'Anonymous profile';
}

/** The outcome form: radios for the outcomes the transition table allows next, a date, a reason, kept errors. */
export function outcomeForm(next: readonly EmployerOutcome[], kept: { values: Record<string, string>; errors: FieldError[] } | undefined) {
  const values = kept?.values ?? {};
  const errors = errorView(kept?.errors);
  // The summary links to the first box of the date input (its day); the message sits on the whole input.
  errors.errorList = errors.errorList.map((item) => (item.href === '#date' ? { ...item, href: '#date-day' } : item));
  return {
    available: next.length > 0,
    reasonAsked: next.includes('not_progressed'),
    outcomeItems: next.map((outcome) => ({ value: outcome, text: OUTCOME_WORDS[outcome].text, hint: { text: OUTCOME_WORDS[outcome].hint }, checked: values.outcome === outcome, attributes: { 'data-qa': `outcome-${outcome}` }, needsReason: outcome === 'not_progressed' })),
    values,
    ...errors,
  };
}
