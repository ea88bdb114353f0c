/**
 * "Openings for you": the same matching engine as the PA's page, in the young person's words, without scores;
 * their "I'm interested" and "Not for me", and the referrals they are part of, in words.
 */
import mongoose from 'mongoose';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/audit.service.js';
import { londonDateOf } from '../../lib/dates.js';
import { notFound } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/http/api.js';
import { matchesForRecord } from '../../matching/matching.service.js';
import { whatYouWouldNeed, whyItSuitsYou } from '../../matching/young-person-words.js';
import { tellSafely } from '../../notifications/referral-activity.js';
import { OpportunityModel, type OpportunityRecord } from '../../opportunities/opportunities.model.js';
import type { Sector } from '../../opportunities/sectors.js';
import { opportunityTitles } from '../../opportunities/opportunity-titles.js';
import { DistrictModel } from '../../districts/districts.model.js';
import { isVisibleToEmployer } from '../../employers/employer-referral-view.js';
import { ReferralModel, type ReferralStage } from '../../referrals/referrals.model.js';
import type { YoungPersonRecord } from '../young-people.model.js';
import { OpeningResponseModel, type OpeningResponse, type OpeningResponseRecord } from './opening-response.model.js';
import { openingResponseWords, openingShownAgainWords, recordOwnChange } from './own-timeline.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'> & { deps: Pick<AppDeps, 'config' | 'logger'> };

const QUALIFICATION_HELD = new Set(['qualification_met', 'qualification_above']);

/** How many openings the young person's list ranks (the PA's page shows 10; near misses are listed apart). */
const OPENINGS_RANKED = 20;

export interface OpeningForYou {
  id: string;
  title: string;
  providerName: string;
  kind: string;
  ringFenced: boolean;
  closingDate: string | null;
  /** Why it suits them, in their words; no scores. */
  why: string[];
  /** For a near miss: what they would need, and who helps. Empty for a full match. */
  needs: string[];
  response: OpeningResponse | null;
  referred: boolean;
}

/** Where a referral stands, as a young person would say it. */
export const STAGE_WORDS: Record<ReferralStage, string> = {
  suggested: 'Your personal adviser is thinking about putting you forward',
  referred: 'Your personal adviser put you forward. The employer will look at it',
  informal_meeting: 'You have a meeting to talk about it',
  work_trial: 'You have a work trial',
  offered: 'You have been offered the place',
  started: 'You have started. Well done',
  sustained: 'You have been there 3 months or more. Well done',
  declined: 'You said no to this one',
  withdrawn: 'This one has stopped',
  unsuccessful: 'The employer did not take this one further',
};

/**
 * Their ranked openings with what they said about each; "Not for me" ones left out. `sharesNothingWithEmployers`:
 * openings that need something shared with the employer are not offered to them (the engine's sharing rule), so
 * the page says so and how to change it.
 */
export async function openingsForYou(context: Context, record: YoungPersonRecord, via: string): Promise<{ matches: OpeningForYou[]; nearMisses: OpeningForYou[]; sharesNothingWithEmployers: boolean; hidden: { id: string; title: string; providerName: string }[] }> {
  const ranked = await matchesForRecord(context, record, OPENINGS_RANKED, via);
  const responses = await OpeningResponseModel.find({ youngPersonId: record._id }).lean<OpeningResponseRecord[]>();
  const said = new Map(responses.map((response) => [String(response.opportunityId), response.response as OpeningResponse]));
  const present = (item: (typeof ranked.matches)[number]): OpeningForYou => ({
    id: item.opportunity.id,
    title: item.opportunity.title,
    providerName: item.opportunity.providerName,
    kind: item.opportunity.kind,
    ringFenced: item.opportunity.ringFenced,
    closingDate: item.opportunity.closingDate,
    // A near miss for a qualification must not also say "You have the qualifications it asks for" (the engine
    // credits the ones they do hold): the missing one is said under "What you would need".
    why: whyItSuitsYou(item.missing.length ? { ...item, reasons: item.reasons.filter((reason) => !QUALIFICATION_HELD.has(reason.code)) } : item, item.opportunity.sector as Sector | null, item.opportunity),
    needs: whatYouWouldNeed({ ...item, missingInterest: item.missingInterest as Sector | null }),
    response: said.get(item.opportunity.id) ?? null,
    referred: item.referral !== null,
  });
  const shown = (item: OpeningForYou) => item.response !== 'not_for_me';
  const notForMe = responses.filter((response) => response.response === 'not_for_me');
  const titles = await opportunityTitles(notForMe.map((response) => String(response.opportunityId)));
  return {
    matches: ranked.matches.map(present).filter(shown),
    nearMisses: ranked.nearMisses.map(present).filter(shown),
    sharesNothingWithEmployers: record.employerSharing === 'nothing',
    // What they hid, so a "Not for me" said by mistake or changed mind can be taken back.
    hidden: notForMe.map((response) => ({ id: String(response.opportunityId), ...(titles.get(String(response.opportunityId)) ?? { title: 'An opening', providerName: '' }) })),
  };
}

/** One opening as they may see it: one in their list, or one they said something about or are referred to. Else not found. */
export async function openingForYou(context: Context, record: YoungPersonRecord, opportunityId: string): Promise<{ opening: OpeningForYou | null; details: OpportunityRecord; saidNotForMe: boolean }> {
  if (!mongoose.isValidObjectId(opportunityId)) throw notFound('Opening');
  const { matches, nearMisses, hidden } = await openingsForYou(context, record, 'GET /me/openings/:id');
  const listed = [...matches, ...nearMisses].find((item) => item.id === opportunityId) ?? null;
  const saidNotForMe = hidden.some((item) => item.id === opportunityId);
  const connected = listed ?? ((await OpeningResponseModel.exists({ youngPersonId: record._id, opportunityId })) || (await ReferralModel.exists({ youngPersonId: record._id, opportunityId })));
  const details = connected ? await OpportunityModel.findById(opportunityId).lean<OpportunityRecord>() : null;
  if (!details) throw notFound('Opening');
  return { opening: listed, details, saidNotForMe };
}

/** Where an opening is, in their words: from home, wherever they live, the place the employer wrote, or at least its district. */
export async function whereItIs(details: Pick<OpportunityRecord, 'kind' | 'remote' | 'national' | 'locationDescription' | 'districtId'>): Promise<string> {
  if (details.remote) return details.kind === 'benefit' ? 'Wherever you live' : 'From home';
  if (details.locationDescription) return details.locationDescription;
  if (details.districtId) {
    const district = await DistrictModel.findById(details.districtId, { name: 1 }).lean();
    if (district) return `In ${district.name}`;
  }
  if (details.national) return details.kind === 'benefit' ? 'Wherever you live' : 'Anywhere in the country';
  return 'Ask your personal adviser';
}

/**
 * Records "I'm interested" or "Not for me" (with an optional reason the PA sees) on an opening in their list.
 * Interest is told to the PA in the service and by email; the PA decides whether to refer.
 */
export async function respondToOpening(context: Context, record: YoungPersonRecord, opportunityId: string, response: OpeningResponse, reason: string | null): Promise<void> {
  const { matches, nearMisses } = await openingsForYou(context, record, 'POST /me/openings/:id');
  const opening = [...matches, ...nearMisses].find((item) => item.id === opportunityId);
  if (!opening) throw notFound('Opening');
  const youngPersonId = String(record._id);
  await OpeningResponseModel.updateOne(
    { youngPersonId: record._id, opportunityId },
    { $set: { response, reason: response === 'not_for_me' ? reason : null, at: context.now } },
    { upsert: true },
  );
  await recordAudit(context, { action: 'update', resource: 'young_person', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: [response === 'interested' ? 'interested_in_opening' : 'not_for_me'], via: 'POST /me/openings/:id' });
  await recordOwnChange(youngPersonId, context.now, openingResponseWords(opening, response, response === 'not_for_me' ? reason : null));
  if (response !== 'interested') return;
  await tellSafely({ now: context.now, deps: context.deps }, 'young_person_interested', async () => [{
    kind: 'young_person_interested',
    urgency: 'soon',
    audience: 'personal_adviser',
    recipientUserIds: [String(record.personalAdviserId)],
    subjectKey: `yp:${youngPersonId}/opportunity:${opportunityId}`,
    youngPersonId,
    date: londonDateOf(context.now),
    facts: { firstName: record.preferredName || record.firstName, opportunityTitle: opening.title, date: londonDateOf(context.now) },
    link: `/young-people/${youngPersonId}#what-they-said`,
  }]);
}

/**
 * Takes back a "Not for me": the opening shows in their list again (if it still suits them), the PA's page no
 * longer lists it as not for them, and their timeline says so. Only their own "Not for me" (else not found).
 */
export async function showOpeningAgain(context: Context, record: YoungPersonRecord, opportunityId: string): Promise<void> {
  if (!mongoose.isValidObjectId(opportunityId)) throw notFound('Opening');
  const removed = await OpeningResponseModel.deleteOne({ youngPersonId: record._id, opportunityId, response: 'not_for_me' });
  if (removed.deletedCount === 0) throw notFound('Opening');
  const youngPersonId = String(record._id);
  const opening = (await opportunityTitles([opportunityId])).get(opportunityId) ?? { title: 'An opening', providerName: '' };
  await recordAudit(context, { action: 'update', resource: 'young_person', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: ['not_for_me'], via: 'POST /me/openings/:id/show-again' });
  await recordOwnChange(youngPersonId, context.now, openingShownAgainWords(opening));
}

/** What a young person said about openings, newest first, for their PA's page. */
export async function openingResponsesFor(youngPersonId: string) {
  const responses = await OpeningResponseModel.find({ youngPersonId }).sort({ at: -1 }).lean<OpeningResponseRecord[]>();
  const titles = await opportunityTitles(responses.map((response) => String(response.opportunityId)));
  return responses.map((response) => ({
    opportunityId: String(response.opportunityId),
    opening: titles.get(String(response.opportunityId)) ?? { title: 'An opening', providerName: '' },
    response: response.response as OpeningResponse,
    reason: response.reason ?? null,
    at: response.at,
  }));
}

/** An open referral to an employer's offer that the employer cannot see, because of what they chose to share. */
const HIDDEN_FROM_EMPLOYER_WORDS = 'The employer cannot see this now, because you chose to share nothing with employers. Your personal adviser can talk to you about it';
const ENDED_STAGES: readonly ReferralStage[] = ['declined', 'withdrawn', 'unsuccessful'];

/**
 * The referrals they are part of and where each stands, in words (no notes, reasons or codes). A referral to an
 * employer's offer that the employer no longer sees (they now share nothing) says so, rather than "the employer
 * will look at it": the same rule as the employer's own pages (isVisibleToEmployer).
 */
export async function yourReferrals(record: YoungPersonRecord) {
  const referrals = await ReferralModel.find({ youngPersonId: record._id }, { opportunityId: 1, organisationId: 1, stage: 1, updatedAt: 1 }).sort({ updatedAt: -1 }).lean();
  const titles = await opportunityTitles(referrals.map((referral) => String(referral.opportunityId)));
  return referrals.map((referral) => {
    const stage = referral.stage as ReferralStage;
    const hiddenFromEmployer = referral.organisationId !== null && !ENDED_STAGES.includes(stage) && stage !== 'suggested' && !isVisibleToEmployer(referral, record);
    return {
      opportunityId: String(referral.opportunityId),
      opening: titles.get(String(referral.opportunityId)) ?? { title: 'An opening', providerName: '' },
      stage,
      words: hiddenFromEmployer ? HIDDEN_FROM_EMPLOYER_WORDS : STAGE_WORDS[stage],
      hiddenFromEmployer,
    };
  });
}
