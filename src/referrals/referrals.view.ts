import { outcomesReached } from './referral-stages.js';
import type { ReferralRecord, ReferralStage } from './referrals.model.js';
import type { ReferralView } from './referrals.schemas.js';

export function toReferralView(record: ReferralRecord): ReferralView {
  const history = (record.history ?? []).map((change) => ({
    stage: change.stage as ReferralStage,
    at: change.at.toISOString(),
    byUserId: String(change.byUserId),
    byRole: change.byRole,
    eventDate: change.eventDate ?? null,
    reason: change.reason ?? null,
  }));
  return {
    id: String(record._id),
    referralCode: record.referralCode,
    youngPersonId: String(record.youngPersonId),
    opportunityId: String(record.opportunityId),
    organisationId: record.organisationId ? String(record.organisationId) : null,
    personalAdviserId: String(record.personalAdviserId),
    team: record.team,
    stage: record.stage as ReferralStage,
    history,
    note: record.note ?? null,
    informalMeetingDate: record.informalMeetingDate ?? null,
    workTrialDate: record.workTrialDate ?? null,
    offeredDate: record.offeredDate ?? null,
    startDate: record.startDate ?? null,
    sustainedDate: record.sustainedDate ?? null,
    exitReason: record.exitReason ?? null,
    outcomesReached: outcomesReached(history),
    bursary: { amountPence: record.bursaryAmountPence ?? null, reason: record.bursaryReason ?? null },
    employerIncentive: {
      status: (record.employerIncentiveStatus ?? null) as ReferralView['employerIncentive']['status'],
      amountPence: record.employerIncentiveAmountPence ?? null,
      reason: record.employerIncentiveReason ?? null,
    },
    lastMovedAt: record.lastMovedAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
