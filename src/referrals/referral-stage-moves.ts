import { recordAudit } from '../audit/audit.service.js';
import { addCalendarMonths, compareDates, londonDateOf } from '../lib/dates.js';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { OpportunityModel, type OpportunityRecord } from '../opportunities/opportunities.model.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import { tellOfReferralStep } from '../notifications/referral-step-notices.js';
import { eventDateProblem, stageEventDate } from './referral-event-dates.js';
import { ReferralEventModel } from './referral-events.model.js';
import { releasePlace, startFunding, takePlace, type StartFunding } from './referral-places.js';
import { ALLOWED_TRANSITIONS, EMPLOYER_RECORDABLE_STAGES, STAGE_DATE_FIELD, SUSTAINED_AFTER_MONTHS, canMove, isExit } from './referral-stages.js';
import { findReferral, referralScope } from './referrals.access.js';
import { ReferralModel, type ReferralRecord, type ReferralStage } from './referrals.model.js';
import type { ReferralView } from './referrals.schemas.js';
import { toReferralView } from './referrals.view.js';

export interface StageMove {
  stage: ReferralStage;
  /** 'YYYY-MM-DD': when the step happens (meeting held, trial date, start date); today in London when absent. */
  eventDate?: string | undefined;
  /** Required for the exits (declined, withdrawn, unsuccessful). */
  reason?: string | undefined;
}

export interface StageMoveOptions {
  /** Set when an employer records the outcome: the referral must be for an opportunity of this organisation. */
  asEmployerOfOrganisationId?: string;
}

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId' | 'deps'>;

const stageWords = (stage: string) => stage.replace('_', ' ');

/** Which referrals the actor may move: a caseworker's scope, or an employer's own organisation's. */
function moveScope(actor: Context['actor'], options: StageMoveOptions): Record<string, unknown> | null {
  if (!options.asEmployerOfOrganisationId) return referralScope(actor);
  if (actor.role !== 'employer' || actor.organisationId !== options.asEmployerOfOrganisationId) throw forbidden('Only an employer of this organisation can record its outcomes.');
  return { organisationId: options.asEmployerOfOrganisationId };
}

function checkMove(referral: ReferralRecord, move: StageMove, eventDate: string, options: StageMoveOptions): void {
  const from = referral.stage as ReferralStage;
  if (options.asEmployerOfOrganisationId && !EMPLOYER_RECORDABLE_STAGES.includes(move.stage)) {
    throw forbidden(`An employer can record ${EMPLOYER_RECORDABLE_STAGES.map(stageWords).join(', ')}; ask the personal adviser to record ${stageWords(move.stage)}.`);
  }
  if (isExit(move.stage) && !move.reason) throw validationFailed([{ path: 'reason', message: `is required when a referral ends as ${move.stage}` }]);
  if (!canMove(from, move.stage)) {
    const next = ALLOWED_TRANSITIONS[from];
    throw unprocessable(`A referral at ${stageWords(from)} cannot move to ${stageWords(move.stage)}; ${next.length ? `it can move to ${next.map(stageWords).join(', ')}` : 'it has ended'}.`, { from, to: move.stage, allowed: next });
  }
  if (move.stage === 'sustained') {
    // From the start's event date (the day they started), not the day the start was recorded.
    const started = stageEventDate(referral, 'started') ?? referral.startDate ?? eventDate;
    const sustainedFrom = addCalendarMonths(started, SUSTAINED_AFTER_MONTHS);
    if (compareDates(eventDate, sustainedFrom) < 0) throw unprocessable(`Sustained means still there ${SUSTAINED_AFTER_MONTHS} months after the start (${started}): not before ${sustainedFrom}.`);
  }
}

/** For a start: the opportunity and young person, and what the start is worth (bursary, employer incentive). */
async function fundingForStart(referral: ReferralRecord, startDate: string, context: Context): Promise<StartFunding> {
  const [opportunity, youngPerson] = await Promise.all([
    OpportunityModel.findById(referral.opportunityId, { kind: 1 }).lean<OpportunityRecord>(),
    YoungPersonModel.findById(referral.youngPersonId, { careStatus: 1, dateOfBirth: 1, employerMayKnowCareLeaver: 1 }).lean<YoungPersonRecord>(),
  ]);
  if (!opportunity || !youngPerson) throw notFound('Referral');
  return startFunding(youngPerson, opportunity, startDate, context.deps.config);
}

/**
 * Moves a referral to `move.stage`, recording the date, who moved it and why.
 *
 * Contract:
 * - Who: a caseworker within scope (PA: own caseload, manager: team, admin: all) or, with
 *   `options.asEmployerOfOrganisationId`, an employer user of that organisation for a referral to one of its
 *   opportunities, recording only informal_meeting, work_trial, offered, started or unsuccessful (else 403).
 *   A referral out of scope answers 404.
 * - Rules: only moves in ALLOWED_TRANSITIONS (else 409 rule_violation); the exits need `reason` (else 400);
 *   sustained only from 3 calendar months after the start's event date (else 409); the event date not before
 *   the referral was made nor the previous step's event date (409), nor more than a year ahead (400).
 * - started: takes one place on the opportunity with an atomic conditional update (409 and no move when none
 *   is left; the last place marks the opportunity filled) and records the care leaver apprentice bursary and
 *   the employer incentive by age at the start (16-18: due; 19-24: due only with the young person's consent
 *   to tell the employer; 25 and over: not due).
 * - Concurrent moves of one referral: exactly one wins; the others get 409 and any place they took is given back.
 * - Writes a referral_events record (for the PA's notifications) and an audit entry. Returns the referral.
 */
export async function moveReferralStage(context: Context, referralId: string, move: StageMove, options: StageMoveOptions = {}): Promise<ReferralView> {
  const scope = moveScope(context.actor, options);
  const referral = await findReferral(referralId, scope);
  if (!referral) throw notFound('Referral');
  // No lock: the move is a conditional update on the stage read here, and a place taken for a move that then
  // loses is given back. That is atomic on MongoDB, and on FerretDB the one connection runs it as one command.
  return applyMove(context, referral, move, options);
}

async function applyMove(context: Context, referral: ReferralRecord, move: StageMove, options: StageMoveOptions): Promise<ReferralView> {
  const referralId = String(referral._id);
  const eventDate = move.eventDate ?? londonDateOf(context.now);
  checkMove(referral, move, eventDate, options);
  const dateProblem = eventDateProblem(referral, eventDate, londonDateOf(context.now));
  if (dateProblem) throw dateProblem;

  const set: Record<string, unknown> = { stage: move.stage, lastMovedAt: context.now };
  const dateField = STAGE_DATE_FIELD[move.stage];
  if (dateField) set[dateField] = eventDate;
  if (isExit(move.stage)) set.exitReason = move.reason;
  let place: Awaited<ReturnType<typeof takePlace>> | null = null;
  if (move.stage === 'started') {
    Object.assign(set, await fundingForStart(referral, eventDate, context));
    place = await takePlace(String(referral.opportunityId), context.now);
  }

  const change = { stage: move.stage, at: context.now, byUserId: context.actor.userId, byRole: context.actor.role, eventDate, reason: move.reason ?? null };
  // Conditional on the stage we checked, so two people moving the same referral at once cannot both succeed.
  const moved = await ReferralModel.findOneAndUpdate({ _id: referral._id, stage: referral.stage }, { $set: set, $push: { history: change } }, { returnDocument: 'after' }).lean<ReferralRecord>();
  if (!moved) {
    if (place) await releasePlace(String(referral.opportunityId), place, context.now);
    throw conflict('Someone else moved this referral at the same moment; reload it and try again.');
  }

  const event = await ReferralEventModel.create({ referralId: moved._id, youngPersonId: moved.youngPersonId, personalAdviserId: moved.personalAdviserId, opportunityId: moved.opportunityId, stage: move.stage, eventDate, at: context.now, byUserId: context.actor.userId, byRole: context.actor.role });
  await recordAudit(context, { action: 'update', resource: 'referral', resourceId: referralId, youngPersonIds: [String(moved.youngPersonId)], fields: ['stage', ...(dateField ? [dateField] : [])], via: options.asEmployerOfOrganisationId ? 'employer stage change' : 'POST /referrals/:id/stage' });
  // The other side hears of the step: the PA of an employer's outcome, the employer of a referral or withdrawal.
  await tellOfReferralStep(context, { eventId: String(event._id), referral: moved, previousStage: referral.stage as ReferralStage, stage: move.stage, eventDate, byRole: context.actor.role });
  return toReferralView(moved);
}
