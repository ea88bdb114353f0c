import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { CASEWORKERS, COUNCIL_STAFF } from '../users/roles.js';
import { candidatesForOpportunity, matchesForYoungPerson } from './matching.service.js';

const limitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const explanation = {
  outcome: z.enum(['match', 'near_miss']),
  score: z.number(),
  reasons: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() })),
  /** Empty for a match; for a near miss, the one qualification to work on (if a qualification is what is missing). */
  missing: z.array(z.object({ subject: z.string(), level: z.number(), heldLevel: z.number().nullable(), awaitingCheck: z.boolean().describe('A qualification the young person added, not yet checked by their PA, would meet it') })),
  missingInterest: z.string().nullable().describe("A ring-fenced place's area of work the young person has not said they are interested in (a near miss: ask them)"),
  referral: z.object({ id: z.string(), stage: z.string() }).nullable(),
};

const opportunityMatch = z.object({
  opportunity: z.object({
    id: z.string(),
    title: z.string(),
    kind: z.string(),
    providerName: z.string(),
    sector: z.string().nullable(),
    level: z.number().nullable(),
    ringFenced: z.boolean(),
    remote: z.boolean(),
    districtId: z.string().nullable(),
    closingDate: z.string().nullable(),
    startDate: z.string().nullable(),
    placesLeft: z.number(),
  }),
  ...explanation,
});

const candidate = z.object({
  youngPerson: z.object({ id: z.string(), name: z.string(), age: z.object({ years: z.number(), months: z.number() }) }),
  ...explanation,
});

export function registerMatchingRoutes(api: Api): void {
  api.get(
    '/young-people/:id/matches',
    {
      summary: 'Openings this young person could go for, best first, with why; near misses (one qualification short) apart (audited)',
      tag: 'Matching',
      access: CASEWORKERS,
      params: idParams,
      query: limitQuery,
      response: z.object({ youngPersonId: z.string(), today: z.string(), matches: z.array(opportunityMatch), nearMisses: z.array(opportunityMatch) }),
    },
    async ({ params, query }, context) => matchesForYoungPerson(context, params.id, query.limit),
  );
  api.get(
    '/opportunities/:id/candidates',
    {
      summary: 'Young people the caller may see who fit this opening, best first; near misses apart (audited as a list read)',
      tag: 'Matching',
      access: COUNCIL_STAFF,
      params: idParams,
      query: limitQuery,
      response: z.object({ opportunityId: z.string(), today: z.string(), status: z.string(), matches: z.array(candidate), nearMisses: z.array(candidate) }),
    },
    async ({ params, query }, context) => candidatesForOpportunity(context, params.id, query.limit),
  );
}
