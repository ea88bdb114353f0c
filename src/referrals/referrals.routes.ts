import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { CASEWORKERS } from '../users/roles.js';
import { createReferralBody, listReferralsQuery, moveStageBody, referralView } from './referrals.schemas.js';
import { createReferral, listReferrals, moveReferralStage, readReferral } from './referrals.service.js';

export function registerReferralRoutes(api: Api): void {
  api.post(
    '/referrals',
    { summary: 'Put a young person from your caseload forward for an open opportunity (409 when a matching rule excludes them)', tag: 'Referrals', access: CASEWORKERS, body: createReferralBody, response: referralView, successStatus: 201 },
    async ({ body }, context) => createReferral(context, body),
  );
  api.get(
    '/referrals',
    { summary: 'Referrals in your scope (PA: own, manager: team, admin: all), most recently moved first (audited)', tag: 'Referrals', access: CASEWORKERS, query: listReferralsQuery, response: z.object({ items: z.array(referralView), total: z.number() }) },
    async ({ query }, context) => listReferrals(context, query),
  );
  api.get(
    '/referrals/:id',
    { summary: 'One referral with its stage history and outcomes (audited)', tag: 'Referrals', access: CASEWORKERS, params: idParams, response: referralView },
    async ({ params }, context) => readReferral(context, params.id),
  );
  api.post(
    '/referrals/:id/stage',
    { summary: 'Move a referral on: informal meeting, work trial, offered, started (takes a place), sustained, or an exit with a reason', tag: 'Referrals', access: CASEWORKERS, params: idParams, body: moveStageBody, response: referralView },
    async ({ params, body }, context) => moveReferralStage(context, params.id, body),
  );
}
