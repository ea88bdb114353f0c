import { addDays, londonDateOf } from '../lib/dates.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { ReferralModel, type ReferralRecord } from '../referrals/referrals.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { loadDirectory } from './reminder-directory.js';
import {
  ACTIVE_REFERRAL_STAGES,
  STARTED_REFERRAL_STAGES,
  YOUNG_PERSON_RULES,
  closingThreshold,
  openingClosingReminder,
  opportunityReminders,
  referralReminders,
} from './reminder.rules.js';
import type { OpportunityFacts, ReferralFacts, ReminderDraft, ScanDay, YoungPersonFacts } from './reminder.types.js';
import { MATCH_FIELDS, sectorsOf, strongMatchesFor, type MatchFieldsRecord } from './strong-matches.js';

/** The only young-person fields a reminder scan ever reads: never care history, never contact details. */
const YOUNG_PERSON_FIELDS = { firstName: 1, preferredName: 1, dateOfBirth: 1, careStatus: 1, personalAdviserId: 1, homeDistrictId: 1, preferredDistrictIds: 1, shareWithHousing: 1, inCustody: 1, expectedReleaseDate: 1, pathwayPlanReviewDate: 1, lastContactDate: 1 } as const;

interface YoungPersonFields {
  _id: unknown;
  firstName: string;
  preferredName?: string | null;
  dateOfBirth: string;
  careStatus?: string;
  personalAdviserId: unknown;
  homeDistrictId: unknown;
  preferredDistrictIds?: unknown[];
  shareWithHousing?: boolean;
  inCustody?: boolean;
  expectedReleaseDate?: string | null;
  pathwayPlanReviewDate?: string | null;
  lastContactDate?: string | null;
}

export function toYoungPersonFacts(record: YoungPersonFields): YoungPersonFacts {
  const homeDistrictId = String(record.homeDistrictId);
  const preferredDistrictIds = (record.preferredDistrictIds ?? []).map(String);
  return {
    id: String(record._id),
    // The name they go by: it is what the PA calls them.
    firstName: record.preferredName || record.firstName,
    dateOfBirth: record.dateOfBirth,
    personalAdviserId: String(record.personalAdviserId),
    homeDistrictId,
    preferredDistrictIds,
    careStatus: record.careStatus === 'in_care' ? 'in_care' : 'care_leaver',
    shareWithHousing: record.shareWithHousing ?? false,
    inCustody: record.inCustody ?? false,
    expectedReleaseDate: record.expectedReleaseDate ?? null,
    pathwayPlanReviewDate: record.pathwayPlanReviewDate ?? null,
    lastContactDate: record.lastContactDate ?? null,
  };
}

function toReferralFacts(record: ReferralRecord): ReferralFacts {
  return {
    id: String(record._id), youngPersonId: String(record.youngPersonId), opportunityId: String(record.opportunityId), personalAdviserId: String(record.personalAdviserId),
    referralCode: record.referralCode, stage: record.stage, lastMovedAt: record.lastMovedAt, informalMeetingDate: record.informalMeetingDate ?? null, workTrialDate: record.workTrialDate ?? null,
    startDate: record.startDate ?? null, bursaryAmountPence: record.bursaryAmountPence ?? null, employerIncentiveStatus: record.employerIncentiveStatus ?? null,
  };
}

function toOpportunityFacts(record: OpportunityRecord): OpportunityFacts {
  return { id: String(record._id), title: record.title, status: record.status, organisationId: record.organisationId ? String(record.organisationId) : null, closingDate: record.closingDate ?? null, submittedAt: record.submittedAt ?? null };
}

export function scanDay(now: Date): ScanDay {
  const today = londonDateOf(now);
  return { now, today, tomorrow: addDays(today, 1) };
}

/**
 * Every reminder due at `now`, computed from the data alone. Reads each collection once, with index-friendly
 * filters: the young people the rules ask for (one query: the rules' date ranges OR-ed, plus those interested in
 * the areas of work of openings closing soon), the live referrals, and the openings closing within 7 days or
 * waiting for approval. One read per collection matters most where the database cannot use an index for a
 * range (FerretDB v1 scans), and costs little where it can (MongoDB runs each OR branch on its index).
 */
export async function computeReminders(now: Date): Promise<ReminderDraft[]> {
  const day = scanDay(now);
  const opportunities = await OpportunityModel.find({ $or: [{ status: 'open', closingDate: { $gte: day.today, $lte: addDays(day.today, 7) } }, { status: 'pending_approval' }] }).lean<OpportunityRecord[]>();
  const closingSoon = opportunities.filter((opportunity) => opportunity.status === 'open');
  const closingToday = closingSoon.filter((opportunity) => closingThreshold(opportunity.closingDate ?? null, day.today));
  const directory = await loadDirectory({ referralCountsFor: closingSoon.map((opportunity) => String(opportunity._id)) });
  const drafts: ReminderDraft[] = [];

  const sectors = sectorsOf(closingToday);
  const ranges = [...YOUNG_PERSON_RULES.flatMap((rule) => rule.candidates(day, directory.districts)), ...(sectors.length ? [{ interests: { $in: sectors } }] : [])];
  const people = ranges.length ? await YoungPersonModel.find({ archivedAt: null, $or: ranges }, { ...YOUNG_PERSON_FIELDS, ...MATCH_FIELDS }).lean<(YoungPersonFields & MatchFieldsRecord)[]>() : [];
  for (const record of people) {
    const person = toYoungPersonFacts(record);
    for (const rule of YOUNG_PERSON_RULES) drafts.push(...rule.remind(person, day, directory));
  }

  const referrals = (await ReferralModel.find({ stage: { $in: [...ACTIVE_REFERRAL_STAGES, ...STARTED_REFERRAL_STAGES] } }).lean<ReferralRecord[]>()).map(toReferralFacts);
  const titles = await opportunityTitles(referrals, opportunities);
  for (const referral of referrals) drafts.push(...referralReminders(referral, day, titles.get(referral.opportunityId)));

  // Openings closing soon: referred young people first, then strong matches (the same subject key: stored once).
  const closingById = new Map(closingToday.map((opportunity) => [String(opportunity._id), toOpportunityFacts(opportunity)]));
  for (const referral of referrals) {
    const opening = closingById.get(referral.opportunityId);
    if (!opening || !(ACTIVE_REFERRAL_STAGES as readonly string[]).includes(referral.stage)) continue;
    const draft = openingClosingReminder(opening, { youngPersonId: referral.youngPersonId, personalAdviserId: referral.personalAdviserId, referralCode: referral.referralCode }, day);
    if (draft) drafts.push(draft);
  }
  for (const match of strongMatchesFor(closingToday, people, directory.geography, day.today)) {
    const draft = openingClosingReminder(closingById.get(match.opportunityId)!, { youngPersonId: match.youngPerson.id, personalAdviserId: match.youngPerson.personalAdviserId, firstName: match.youngPerson.firstName }, day);
    if (draft) drafts.push(draft);
  }

  for (const opportunity of opportunities) drafts.push(...opportunityReminders(toOpportunityFacts(opportunity), day, directory));
  return drafts;
}

async function opportunityTitles(referrals: readonly ReferralFacts[], known: readonly OpportunityRecord[]): Promise<Map<string, string>> {
  const titles = new Map(known.map((opportunity) => [String(opportunity._id), opportunity.title]));
  const missing = [...new Set(referrals.map((referral) => referral.opportunityId))].filter((id) => !titles.has(id));
  if (missing.length) for (const record of await OpportunityModel.find({ _id: { $in: missing } }, { title: 1 }).lean()) titles.set(String(record._id), record.title);
  return titles;
}
