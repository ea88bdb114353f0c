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
/** The employer incentive is paid for every apprentice aged 16-18 at the start; 19 and over only for a care leaver who agreed. */
export const INCENTIVE_FOR_EVERY_APPRENTICE_UNTIL_AGE = 19;
export const INCENTIVE_AGE_LIMIT = 25;
export const INCENTIVE_NEEDS_CONSENT = 'The young person has not agreed that the employer may be told they are a care leaver';
export const INCENTIVE_TOO_OLD = `${INCENTIVE_AGE_LIMIT} or over on the start date`;

export interface StartFunding {
  bursaryAmountPence: number | null;
  bursaryReason: string | null;
  employerIncentiveStatus: 'due' | 'not_due' | null;
  employerIncentiveAmountPence: number | null;
  employerIncentiveReason: string | null;
}

type FundingPerson = Pick<YoungPersonRecord, 'careStatus' | 'dateOfBirth' | 'employerMayKnowCareLeaver'>;
type Funding<Prefix extends string> = { [K in keyof StartFunding as K extends `${Prefix}${string}` ? K : never]: StartFunding[K] };

/** The care leaver apprenticeship bursary: a care leaver under 25 on the start date. */
function bursaryFor(youngPerson: FundingPerson, ageAtStart: number, config: Pick<Config, 'CARE_LEAVER_BURSARY_PENCE'>): Funding<'bursary'> {
  if (youngPerson.careStatus !== 'care_leaver') return { bursaryAmountPence: null, bursaryReason: 'Not a care leaver' };
  if (ageAtStart >= BURSARY_AGE_LIMIT) return { bursaryAmountPence: null, bursaryReason: `${BURSARY_AGE_LIMIT} or over on the start date` };
  return { bursaryAmountPence: config.CARE_LEAVER_BURSARY_PENCE, bursaryReason: null };
}

/**
 * The employer incentive by age on the start date (DOMAIN.md, Employer incentive): 16-18, due for every
 * apprentice, consent or not; 19-24, due only where the young person agreed the employer may be told they are
 * a care leaver (consent changes money, not only privacy); 25 and over, not due.
 */
function employerIncentiveFor(youngPerson: FundingPerson, ageAtStart: number, config: Pick<Config, 'EMPLOYER_INCENTIVE_PENCE'>): Funding<'employerIncentive'> {
  const due = { employerIncentiveStatus: 'due', employerIncentiveAmountPence: config.EMPLOYER_INCENTIVE_PENCE, employerIncentiveReason: null } as const;
  const notDue = (reason: string) => ({ employerIncentiveStatus: 'not_due', employerIncentiveAmountPence: null, employerIncentiveReason: reason }) as const;
  if (ageAtStart < INCENTIVE_FOR_EVERY_APPRENTICE_UNTIL_AGE) return due;
  if (ageAtStart >= INCENTIVE_AGE_LIMIT) return notDue(INCENTIVE_TOO_OLD);
  return youngPerson.employerMayKnowCareLeaver ? due : notDue(INCENTIVE_NEEDS_CONSENT);
}

/** What a start records for an apprenticeship: the care leaver bursary and the employer incentive, each with the reason when none. */
export function startFunding(youngPerson: FundingPerson, opportunity: Pick<OpportunityRecord, 'kind'>, startDate: LocalDate, config: Pick<Config, 'CARE_LEAVER_BURSARY_PENCE' | 'EMPLOYER_INCENTIVE_PENCE'>): StartFunding {
  if (!APPRENTICESHIP_KINDS.includes(opportunity.kind)) return { bursaryAmountPence: null, bursaryReason: 'Not an apprenticeship', employerIncentiveStatus: null, employerIncentiveAmountPence: null, employerIncentiveReason: null };
  const ageAtStart = ageOn(youngPerson.dateOfBirth, startDate).years;
  return { ...bursaryFor(youngPerson, ageAtStart, config), ...employerIncentiveFor(youngPerson, ageAtStart, config) };
}
