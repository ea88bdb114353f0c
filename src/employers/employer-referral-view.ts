import type { OpportunityRecord } from '../opportunities/opportunities.model.js';
import type { Sector } from '../opportunities/sectors.js';
import { subjectKey } from '../qualifications/subject-vocabulary.js';
import type { ReferralRecord, ReferralStage } from '../referrals/referrals.model.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';
import type { EmployerReferralView } from './employer-referrals.schemas.js';

/** The only young person fields an employer's view is ever built from; everything else is never even read. */
export const YOUNG_PERSON_FIELDS_FOR_EMPLOYERS = { employerSharing: 1, employerMayKnowCareLeaver: 1, interests: 1, qualifications: 1, firstName: 1, lastName: 1, email: 1, phone: 1 } as const;
export type YoungPersonForEmployer = Pick<YoungPersonRecord, '_id' | keyof typeof YOUNG_PERSON_FIELDS_FOR_EMPLOYERS>;

/** A suggestion is the PA's own shortlist: the employer hears of a young person only once they are put forward. */
export const STAGES_HIDDEN_FROM_EMPLOYERS: readonly ReferralStage[] = ['suggested'];

/** An employer sees a referral only where the young person agreed to share something with employers. */
export function isVisibleToEmployer(referral: Pick<ReferralRecord, 'stage'>, youngPerson: Pick<YoungPersonForEmployer, 'employerSharing'> | undefined): boolean {
  if (!youngPerson || STAGES_HIDDEN_FROM_EMPLOYERS.includes(referral.stage as ReferralStage)) return false;
  return youngPerson.employerSharing === 'anonymous_profile' || youngPerson.employerSharing === 'name_and_contact';
}

/**
 * The employer's view of one referral, built field by field from an allow-list (never by spreading a record),
 * so a field added to the young person or the referral later cannot leak to employers by accident.
 * Call only when isVisibleToEmployer is true.
 */
export function toEmployerReferralView(referral: ReferralRecord, youngPerson: YoungPersonForEmployer, opportunity: Pick<OpportunityRecord, '_id' | 'title' | 'sector' | 'requiredQualifications'> | undefined): EmployerReferralView {
  const sharing = youngPerson.employerSharing === 'name_and_contact' ? 'name_and_contact' : 'anonymous_profile';
  const offerSector = opportunity?.sector ?? null;
  const requiredSubjects = new Set((opportunity?.requiredQualifications ?? []).map((q) => subjectKey(q.subject)));
  const history = referral.history ?? [];
  const notProgressed = [...history].reverse().find((change) => change.stage === 'unsuccessful' && change.byRole === 'employer');
  return {
    id: String(referral._id),
    referralCode: referral.referralCode,
    stage: referral.stage as ReferralStage,
    opportunity: { id: String(referral.opportunityId), title: opportunity?.title ?? '' },
    referredAt: (history.find((change) => change.stage === 'referred')?.at ?? referral.createdAt).toISOString(),
    informalMeetingDate: referral.informalMeetingDate ?? null,
    workTrialDate: referral.workTrialDate ?? null,
    offeredDate: referral.offeredDate ?? null,
    startDate: referral.startDate ?? null,
    notProgressedReason: referral.stage === 'unsuccessful' ? (notProgressed?.reason ?? null) : null,
    stageHistory: history
      .filter((change) => !STAGES_HIDDEN_FROM_EMPLOYERS.includes(change.stage as ReferralStage))
      .map((change) => ({ stage: change.stage as ReferralStage, at: change.at.toISOString(), eventDate: change.eventDate ?? null })),
    youngPerson: {
      sharing,
      matchingInterests: ((youngPerson.interests ?? []) as Sector[]).filter((interest) => interest === offerSector),
      relevantQualifications: (youngPerson.qualifications ?? [])
        .filter((q) => requiredSubjects.has(subjectKey(q.subject)))
        .map((q) => ({ subject: q.subject, level: q.level, grade: q.grade ?? null })),
      ...(sharing === 'name_and_contact'
        ? { firstName: youngPerson.firstName, lastName: youngPerson.lastName, email: youngPerson.email ?? null, phone: youngPerson.phone ?? null }
        : {}),
    },
    incentive: incentiveFor(referral, youngPerson),
  };
}

/**
 * The incentive tells the employer the young person is a care leaver, so it is shown only with their
 * agreement to that; without it the employer sees nothing at all about an incentive (not even "not due").
 */
function incentiveFor(referral: ReferralRecord, youngPerson: YoungPersonForEmployer): EmployerReferralView['incentive'] {
  if (!youngPerson.employerMayKnowCareLeaver) return null;
  const status = referral.employerIncentiveStatus;
  if (status !== 'due' && status !== 'claimed') return null;
  return { status, amountPence: referral.employerIncentiveAmountPence ?? null, reason: referral.employerIncentiveReason ?? null };
}
