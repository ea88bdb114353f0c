import { londonDateOf, type LocalDate } from '../lib/dates.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import type { ReferralRecord, ReferralStage } from '../referrals/referrals.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { organisationUsers, tellSafely, type ActivityContext, type ActivityNotice } from './referral-activity.js';

/** A referral step as the referrals capability recorded it (the referral_events record and the referral after it). */
export interface ReferralStep {
  eventId: string;
  referral: Pick<ReferralRecord, '_id' | 'youngPersonId' | 'opportunityId' | 'organisationId' | 'personalAdviserId' | 'referralCode'>;
  /** The stage before this step; null when the referral was just made. */
  previousStage: ReferralStage | null;
  stage: ReferralStage;
  eventDate: LocalDate | null;
  byRole: string;
}

/** The young person's exits an employer hears of: they leave the employer's list of referrals. */
const ENDED_STAGES: readonly ReferralStage[] = ['withdrawn', 'declined'];

/**
 * Who on the other side hears of a referral step, and what:
 * - the PA, of every outcome an employer records (an offer is urgent: offers are answered quickly);
 * - every active user of the organisation owning the offer, when a young person is put forward to it and when a
 *   referral they could see is withdrawn or declined. Only as much as the young person shares with employers:
 *   nothing at all for "nothing", the referral code for an anonymous profile, the first name as well for name and
 *   contact. Never the PA's reasons (they may hold circumstances).
 */
export async function referralStepNotices(step: ReferralStep, now: Date): Promise<ActivityNotice[]> {
  const referralId = String(step.referral._id);
  const youngPersonId = String(step.referral.youngPersonId);
  const date = step.eventDate ?? londonDateOf(now);
  const opportunity = await OpportunityModel.findById(step.referral.opportunityId, { title: 1, organisationId: 1 }).lean();
  const opportunityTitle = opportunity?.title ?? 'an offer';
  const base = { subjectKey: `referral:${referralId}/event:${step.eventId}`, youngPersonId, date };
  const notices: ActivityNotice[] = [];

  if (step.byRole === 'employer') {
    const offer = step.stage === 'offered';
    notices.push({
      ...base, kind: offer ? 'employer_offer_made' : 'employer_outcome_recorded', variant: step.stage, urgency: offer ? 'urgent' : step.stage === 'unsuccessful' ? 'soon' : 'for_information',
      audience: 'personal_adviser', recipientUserIds: [String(step.referral.personalAdviserId)], facts: { referralCode: step.referral.referralCode, opportunityTitle, stage: step.stage, date }, link: `/referrals/${referralId}`,
    });
  }

  const putForward = step.stage === 'referred';
  const ended = ENDED_STAGES.includes(step.stage) && step.previousStage !== null && step.previousStage !== 'suggested';
  const organisationId = opportunity?.organisationId ?? step.referral.organisationId;
  if ((putForward || ended) && organisationId && step.byRole !== 'employer') {
    const person = await YoungPersonModel.findById(step.referral.youngPersonId, { employerSharing: 1, firstName: 1 }).lean();
    const sharing = person?.employerSharing;
    if (sharing === 'anonymous_profile' || sharing === 'name_and_contact') {
      const recipientUserIds = await organisationUsers(organisationId);
      const facts = { referralCode: step.referral.referralCode, opportunityTitle, stage: step.stage, date, ...(sharing === 'name_and_contact' && putForward && person?.firstName ? { firstName: person.firstName } : {}) };
      notices.push({ ...base, kind: putForward ? 'referral_received' : 'referral_withdrawn', urgency: 'soon', audience: 'employer', recipientUserIds, facts, link: `/received-referrals/${referralId}` });
    }
  }
  return notices;
}

/** Tells the other side of a referral step; never fails the step (see tellSafely). */
export function tellOfReferralStep(context: ActivityContext, step: ReferralStep): Promise<void> {
  return tellSafely(context, `referral:${String(step.referral._id)}`, () => referralStepNotices(step, context.now));
}
