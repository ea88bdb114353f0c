import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { listEmployerIncentives, markIncentiveClaimed } from './employer-incentives.service.js';
import { employerIncentiveView, employerReferralView, incentiveParams, listEmployerReferralsQuery, listIncentivesQuery, outcomeBody } from './employer-referrals.schemas.js';
import { listEmployerReferrals, readEmployerReferral, recordEmployerOutcome } from './employer-referrals.service.js';

export function registerEmployerReferralRoutes(api: Api): void {
  api.get('/employer/referrals', { summary: 'Referrals to your organisation\'s offers, showing only what each young person agreed to share (audited)', tag: 'Employer referrals', access: ['employer'], query: listEmployerReferralsQuery, response: z.object({ items: z.array(employerReferralView), total: z.number() }) }, async ({ query }, context) =>
    listEmployerReferrals(context, query),
  );
  api.get('/employer/referrals/:id', { summary: 'One referral to your organisation\'s offers (audited)', tag: 'Employer referrals', access: ['employer'], params: idParams, response: employerReferralView }, async ({ params }, context) =>
    readEmployerReferral(context, params.id),
  );
  api.post('/employer/referrals/:id/outcome', { summary: 'Record an outcome: informal meeting held, work trial arranged (with date), offer made, started, not progressed (with reason); the PA is told', tag: 'Employer referrals', access: ['employer'], params: idParams, body: outcomeBody, response: employerReferralView }, async ({ params, body }, context) =>
    recordEmployerOutcome(context, params.id, body),
  );
  api.get('/employer-incentives', { summary: 'Employer incentives due and claimed (or not_due, with the reason)', tag: 'Employer incentives', access: COUNCIL_STAFF, query: listIncentivesQuery, response: z.array(employerIncentiveView) }, async ({ query }) =>
    listEmployerIncentives(query.status),
  );
  api.post('/employer-incentives/:referralId/claimed', { summary: 'Record that the employer has claimed a due incentive (council staff: any; employers: their own organisation\'s, where the young person lets them see it)', tag: 'Employer incentives', access: [...COUNCIL_STAFF, 'employer'], params: incentiveParams, response: employerIncentiveView }, async ({ params }, context) =>
    markIncentiveClaimed(context, params.referralId),
  );
}
