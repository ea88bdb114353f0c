import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { REFERRAL_STAGES } from './referrals.model.js';
import { freeText } from '../lib/http/text.js';

export const createReferralBody = z.strictObject({
  youngPersonId: objectId,
  opportunityId: objectId,
  note: freeText(2000).optional(),
  /** 'suggested' records the idea before the PA has talked it through with the young person. */
  stage: z.enum(['suggested', 'referred']).default('referred'),
});
export type CreateReferralInput = z.output<typeof createReferralBody>;

export const moveStageBody = z.strictObject({
  stage: z.enum(REFERRAL_STAGES),
  /** The day the step happens (meeting, trial, start); today when absent. */
  eventDate: localDate.optional(),
  /** Required for declined, withdrawn and unsuccessful. */
  reason: freeText(1000, 1).optional(),
});
export type MoveStageInput = z.output<typeof moveStageBody>;

export const listReferralsQuery = z.strictObject({
  stage: z.enum(REFERRAL_STAGES).optional(),
  opportunityId: objectId.optional(),
  youngPersonId: objectId.optional(),
  personalAdviserId: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListReferralsQuery = z.output<typeof listReferralsQuery>;

export const referralView = z.object({
  id: z.string(),
  referralCode: z.string(),
  youngPersonId: z.string(),
  opportunityId: z.string(),
  organisationId: z.string().nullable(),
  personalAdviserId: z.string(),
  team: z.string(),
  stage: z.enum(REFERRAL_STAGES),
  history: z.array(z.object({ stage: z.enum(REFERRAL_STAGES), at: z.string(), byUserId: z.string(), byRole: z.string(), eventDate: z.string().nullable(), reason: z.string().nullable() })),
  note: z.string().nullable(),
  informalMeetingDate: z.string().nullable(),
  workTrialDate: z.string().nullable(),
  offeredDate: z.string().nullable(),
  startDate: z.string().nullable(),
  sustainedDate: z.string().nullable(),
  exitReason: z.string().nullable(),
  /** Interviews attended and trials done count as outcomes even without a job. */
  outcomesReached: z.array(z.enum(REFERRAL_STAGES)),
  bursary: z.object({ amountPence: z.number().nullable(), reason: z.string().nullable() }),
  employerIncentive: z.object({ status: z.enum(['due', 'not_due', 'claimed']).nullable(), amountPence: z.number().nullable(), reason: z.string().nullable() }),
  lastMovedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralView = z.infer<typeof referralView>;
