/**
 * Taking a place when a referral reaches `started`, and what the start is worth to the young person and
 * the employer. A place is taken by ONE atomic conditional update, so two PAs starting the last place
 * at the same moment cannot overfill it (no transactions: FerretDB v1 has none).
 */
import type { Config } from '../config.js';
import { ageOn } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';
import { conflict } from '../lib/errors.js';
import { OpportunityModel, type OpportunityRecord, type OpportunityStatus } from '../opportunities/opportunities.model.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';

/** A place can still be taken after the closing date (starts come later); not once withdrawn. */
const STATUSES_TAKING_STARTS: OpportunityStatus[] = ['open', 'closed'];
const NO_PLACE_LEFT = 'No place is left on this opportunity: every place has been filled, so the referral was not moved to started.';

/**
 * Takes one place: `{_id, placesFilled < places}` → `$inc`. When that was the last place, a second conditional
 * update marks the opportunity filled. Throws 409 when no place is left. Returns whether this call set 'filled'.
 */
export async function takePlace(opportunityId: string, now: Date): Promise<{ markedFilled: boolean; previousStatus: string }> {
  // `places` is read first and repeated in the filter, so the condition is one document's state at one moment
  // (an $expr comparing two fields is beyond FerretDB v1). If places changed meanwhile, read again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await OpportunityModel.findById(opportunityId, { places: 1, placesFilled: 1, status: 1 }).lean<OpportunityRecord>();
    if (!current || !STATUSES_TAKING_STARTS.includes(current.status) || current.placesFilled >= current.places) throw conflict(NO_PLACE_LEFT);
    const taken = await OpportunityModel.findOneAndUpdate(
      { _id: opportunityId, places: current.places, placesFilled: { $lt: current.places }, status: { $in: STATUSES_TAKING_STARTS } },
      { $inc: { placesFilled: 1 } },
      { returnDocument: 'after' },
    ).lean<OpportunityRecord>();
    if (!taken) continue;
    if (taken.placesFilled < taken.places) return { markedFilled: false, previousStatus: taken.status };
    const filled = await OpportunityModel.updateOne(
      { _id: opportunityId, status: { $in: STATUSES_TAKING_STARTS }, placesFilled: { $gte: taken.places } },
      { $set: { status: 'filled', statusChangedAt: now } },
    );
    return { markedFilled: filled.modifiedCount === 1, previousStatus: taken.status };
  }
  throw conflict(NO_PLACE_LEFT);
}

/** Gives back a place taken for a referral that could not then be moved (someone moved it first). */
export async function releasePlace(opportunityId: string, taken: { markedFilled: boolean; previousStatus: string }, now: Date): Promise<void> {
  await OpportunityModel.updateOne({ _id: opportunityId, placesFilled: { $gt: 0 } }, { $inc: { placesFilled: -1 } });
  if (taken.markedFilled) {
    await OpportunityModel.updateOne({ _id: opportunityId, status: 'filled' }, { $set: { status: taken.previousStatus as OpportunityStatus, statusChangedAt: now } });
  }
}

export const APPRENTICESHIP_KINDS = ['apprenticeship', 'ring_fenced_apprenticeship'];
/** DOMAIN.md, apprenticeship money: the bursary is for a care leaver who starts an apprenticeship under 25. */
export const BURSARY_AGE_LIMIT = 25;
export const INCENTIVE_NEEDS_CONSENT = 'The young person has not agreed that the employer may be told they are a care leaver';

export interface StartFunding {
  bursaryAmountPence: number | null;
  bursaryReason: string | null;
  employerIncentiveStatus: 'due' | 'not_due' | null;
  employerIncentiveAmountPence: number | null;
  employerIncentiveReason: string | null;
}

/**
 * What a start records: for a care leaver apprentice under 25 on the start date, the bursary; and the
 * employer incentive, due only where they agreed the employer may know they are a care leaver (DOMAIN.md:
 * consent changes money, not only privacy). Anyone else: no bursary, with the reason why.
 */
export function startFunding(youngPerson: Pick<YoungPersonRecord, 'careStatus' | 'dateOfBirth' | 'employerMayKnowCareLeaver'>, opportunity: Pick<OpportunityRecord, 'kind'>, startDate: LocalDate, config: Pick<Config, 'CARE_LEAVER_BURSARY_PENCE' | 'EMPLOYER_INCENTIVE_PENCE'>): StartFunding {
  const none = (reason: string): StartFunding => ({ bursaryAmountPence: null, bursaryReason: reason, employerIncentiveStatus: null, employerIncentiveAmountPence: null, employerIncentiveReason: null });
  if (!APPRENTICESHIP_KINDS.includes(opportunity.kind)) return none('Not an apprenticeship');
  if (youngPerson.careStatus !== 'care_leaver') return none('Not a care leaver');
  if (ageOn(youngPerson.dateOfBirth, startDate).years >= BURSARY_AGE_LIMIT) return none(`${BURSARY_AGE_LIMIT} or over on the start date`);
  const bursary = { bursaryAmountPence: config.CARE_LEAVER_BURSARY_PENCE, bursaryReason: null };
  return youngPerson.employerMayKnowCareLeaver
    ? { ...bursary, employerIncentiveStatus: 'due', employerIncentiveAmountPence: config.EMPLOYER_INCENTIVE_PENCE, employerIncentiveReason: null }
    : { ...bursary, employerIncentiveStatus: 'not_due', employerIncentiveAmountPence: null, employerIncentiveReason: INCENTIVE_NEEDS_CONSENT };
}
