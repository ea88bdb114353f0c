import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { SECTORS } from '../opportunities/sectors.js';
import { REFERRAL_STAGES } from '../referrals/referrals.model.js';
import { freeText } from '../lib/http/text.js';


/** What an employer records, in their words; each maps onto a referral stage (employer-referrals.service.ts). */
export const EMPLOYER_OUTCOMES = ['informal_meeting_held', 'work_trial_arranged', 'offer_made', 'started', 'not_progressed'] as const;
export type EmployerOutcome = (typeof EMPLOYER_OUTCOMES)[number];

export const outcomeBody = z
  .strictObject({
    outcome: z.enum(EMPLOYER_OUTCOMES),
    /** When it happens or happened: required for a work trial, today when absent otherwise. */
    date: localDate.optional(),
    /** Required when the young person did not progress. */
    reason: freeText(1000, 3).optional(),
  })
  .refine((body) => body.outcome !== 'work_trial_arranged' || body.date, { message: 'is required: when is the work trial?', path: ['date'] })
  .refine((body) => body.outcome !== 'not_progressed' || body.reason, { message: 'is required: why did they not progress?', path: ['reason'] })
  .refine((body) => body.outcome === 'not_progressed' || !body.reason, { message: 'is only for not_progressed', path: ['reason'] });
export type OutcomeInput = z.output<typeof outcomeBody>;

export const listEmployerReferralsQuery = z.strictObject({
  opportunityId: objectId.optional(),
  stage: z.enum(REFERRAL_STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListEmployerReferralsQuery = z.output<typeof listEmployerReferralsQuery>;

/**
 * The young person as an employer may see them: never a date of birth, age, district, care history, care
 * status or personal adviser. The name and contact fields appear only where the young person agreed to them.
 */
export const sharedProfile = z.object({
  sharing: z.enum(['anonymous_profile', 'name_and_contact']),
  /** Their interests in the offer's area of work. */
  matchingInterests: z.array(z.enum(SECTORS)),
  /** Qualifications in the subjects the offer asks for. */
  relevantQualifications: z.array(z.object({ subject: z.string(), level: z.number(), grade: z.string().nullable() })),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const incentiveView = z.object({ status: z.enum(['due', 'claimed']), amountPence: z.number().nullable(), reason: z.string().nullable() });

export const employerReferralView = z.object({
  id: z.string(),
  referralCode: z.string(),
  stage: z.enum(REFERRAL_STAGES),
  opportunity: z.object({ id: z.string(), title: z.string() }),
  referredAt: z.string(),
  informalMeetingDate: z.string().nullable(),
  workTrialDate: z.string().nullable(),
  offeredDate: z.string().nullable(),
  startDate: z.string().nullable(),
  /** The reason the employer gave for not progressing (reasons recorded by the PA are not shown). */
  notProgressedReason: z.string().nullable(),
  stageHistory: z.array(z.object({ stage: z.enum(REFERRAL_STAGES), at: z.string(), eventDate: z.string().nullable() })),
  youngPerson: sharedProfile,
  /** Only where the young person agreed the employer may know they are a care leaver; otherwise null, always. */
  incentive: incentiveView.nullable(),
});
export type EmployerReferralView = z.infer<typeof employerReferralView>;

export const INCENTIVE_STATUSES = ['due', 'claimed', 'not_due'] as const;
export const listIncentivesQuery = z.strictObject({ status: z.enum(INCENTIVE_STATUSES).optional() });
export const incentiveParams = z.strictObject({ referralId: objectId });

export const employerIncentiveView = z.object({
  referralId: z.string(),
  referralCode: z.string(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  opportunityId: z.string(),
  opportunityTitle: z.string().nullable(),
  startDate: z.string().nullable(),
  status: z.enum(INCENTIVE_STATUSES),
  amountPence: z.number().nullable(),
  reason: z.string().nullable(),
  claimedAt: z.string().nullable(),
});
export type EmployerIncentiveView = z.infer<typeof employerIncentiveView>;
