import { z } from 'zod';
import type { Api } from '../lib/http/api.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { localDate } from '../young-people/young-people.schemas.js';
import { summaryReport } from './reports.service.js';

const count = z.number().int();
const summaryView = z.object({
  asAt: z.string(),
  team: z.string().nullable(),
  youngPeople: count,
  caseloads: z.object({ personalAdvisers: z.array(z.object({ personalAdviserId: z.string(), name: z.string(), youngPeople: count })), average: z.number().nullable() }),
  educationEmploymentAndTraining: z.object({ cohort: z.string(), total: count, inEducationEmploymentOrTraining: count, notInEducationEmploymentOrTraining: count, unknown: count, percentInEet: z.number().nullable(), byActivityCode: z.record(z.string(), count) }),
  accommodation: z.object({ suitable: count, unsuitable: count, unknown: count }),
  keepingInTouch: z.object({ pathwayPlanReviewsOverdue: count, pathwayPlanReviewsDueWithin14Days: count, noPathwayPlanReviewDate: count, noContactFor8Weeks: count }),
  housingFrom17AndAHalf: z.object({ reachedApplicationAgeAndUnder18: count, applicationMade: count, madeWithin4WeeksOfApplicationAge: count, noApplicationYet: count }),
  ringFencedPlaces: z.object({ opportunities: count, places: count, filled: count, stillOpen: count }),
  referrals: z.object({ referrals: count, reached: z.record(z.string(), count), exits: z.record(z.string(), count), withAnOutcome: count, medianDaysFromReferralToOutcome: z.number().nullable() }),
});

export function registerReportRoutes(api: Api): void {
  api.get(
    '/reports/summary',
    {
      summary: 'Figures for managers and the Corporate Parenting Board: caseloads, EET (SSDA903), accommodation, contact, housing from 17½, ring-fenced places, referral outcomes',
      tag: 'Reports',
      access: COUNCIL_STAFF,
      query: z.strictObject({ team: z.string().min(1).max(80).optional(), referralsFrom: localDate.optional() }),
      response: summaryView,
    },
    async ({ query }, { actor, now }) => summaryReport(actor, now, query),
  );
}
