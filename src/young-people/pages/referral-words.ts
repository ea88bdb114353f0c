import type { FieldError } from '../../lib/pages/pages.js';
import { errorView } from '../../lib/pages/pages.js';
import type { ReferralStage } from '../../referrals/referrals.model.js';

/** Stage names as a PA says them. */
export const STAGE_NAMES: Record<ReferralStage, string> = {
  suggested: 'Suggested',
  referred: 'Referred',
  informal_meeting: 'Informal meeting',
  work_trial: 'Work trial',
  offered: 'Offered',
  started: 'Started',
  sustained: 'Sustained (3 months)',
  declined: 'Declined by the young person',
  withdrawn: 'Withdrawn',
  unsuccessful: 'Not taken forward by the employer',
};

/**
 * What the "move this referral on" form needs: radios for the next stages the transition table allows (the exits
 * reveal a reason box), a date input, and any errors kept from the last try.
 */
export function stageMoveForm(referralId: string, next: readonly ReferralStage[], isExit: (stage: ReferralStage) => boolean, kept: { values: Record<string, string>; errors: FieldError[] } | undefined) {
  const values = kept?.values ?? {};
  const errors = errorView(kept?.errors?.map((error) => ({ ...error, field: `${referralId}-${error.field}` })));
  // The summary links to the first box of a date input (its day), while the message sits on the whole input.
  errors.errorList = errors.errorList.map((item) => (item.href === `#${referralId}-eventDate` ? { ...item, href: `#${referralId}-eventDate-day` } : item));
  return {
    available: next.length > 0,
    stageItems: next.map((stage) => ({
      value: stage,
      text: STAGE_NAMES[stage],
      checked: values.stage === stage,
      attributes: { 'data-qa': `stage-${stage}` },
      exit: isExit(stage),
    })),
    values,
    ...errors,
  };
}
