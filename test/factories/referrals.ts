import type { GivenUser } from './index.js';
import type { TestApp } from '../setup/test-app.js';

export type ReferralBody = Record<string, unknown> & { id: string; stage: string; referralCode: string };

/** POST /referrals as `as`; throws unless 201. */
export async function givenReferral(app: TestApp, as: GivenUser, body: { youngPersonId: string; opportunityId: string; note?: string; stage?: 'suggested' | 'referred' }): Promise<ReferralBody> {
  const response = await app.http().post('/referrals').set('authorization', as.auth).send(body);
  if (response.status !== 201) throw new Error(`creating referral failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ReferralBody;
}

/** POST /referrals/:id/stage; returns the raw response so tests can assert refusals too. */
export function moveStage(app: TestApp, as: GivenUser, referralId: string, body: { stage: string; eventDate?: string; reason?: string }) {
  return app.http().post(`/referrals/${referralId}/stage`).set('authorization', as.auth).send(body);
}

/** Walks a referral through `stages` in order, each must answer 200; returns the last body. */
export async function givenReferralMovedThrough(app: TestApp, as: GivenUser, referralId: string, stages: (string | { stage: string; eventDate?: string; reason?: string })[]): Promise<ReferralBody> {
  let body: ReferralBody | undefined;
  for (const step of stages) {
    const move = typeof step === 'string' ? { stage: step } : step;
    const response = await moveStage(app, as, referralId, move);
    if (response.status !== 200) throw new Error(`moving referral to ${move.stage} failed: ${response.status} ${JSON.stringify(response.body)}`);
    body = response.body as ReferralBody;
  }
  if (!body) throw new Error('no stages given');
  return body;
}
