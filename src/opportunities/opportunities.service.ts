import { recordAudit } from '../audit/audit.service.js';
import { assertDistrictsExist } from '../districts/districts.service.js';
import { londonDateOf } from '../lib/dates.js';
import { readById } from '../lib/read-by-id.js';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { COUNCIL_STAFF, type Actor } from '../users/roles.js';
import { EDITABLE_STATUSES, TRANSITIONS, effectiveStatus, effectiveStatusFilter, partiesFor } from './opportunities.lifecycle.js';
import { assertMayGoLive, assertNotSuspended, findOrganisation } from './offer-organisations.js';
import { OpportunityModel, type OpportunityRecord, type OpportunityStatus } from './opportunities.model.js';
import { closingDateLeadProblems, materialChanges, offerProblems, placesConflict, type OfferShape } from './opportunities.rules.js';
import { defaultAreasFor } from './covenant-areas.js';
import type { CreateOpportunityInput, ListOpportunitiesQuery, OpportunityView, UpdateOpportunityInput } from './opportunities.schemas.js';
import { toOpportunityView } from './opportunities.view.js';
import { toStoredRequirement } from '../qualifications/held-qualifications.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;
type ContextWithSettings = Context & { deps: Pick<RequestContext['deps'], 'config'> };

export const CHANGED_MEANWHILE = () => conflict('The offer changed while you were working on it; reload it and try again.');

/** Published offers a PA may look at (live ones, and ones that were live, for referrals already made). */
const PUBLISHED: OpportunityStatus[] = ['open', 'closed', 'filled', 'withdrawn'];

/** Which offers an actor may see: council staff all, PAs published ones, an employer their organisation's. */
function visibilityFilter(actor: Actor): Record<string, unknown> | null {
  if (COUNCIL_STAFF.includes(actor.role)) return {};
  if (actor.role === 'personal_adviser') return { status: { $in: PUBLISHED } };
  if (actor.role === 'employer' && actor.organisationId) return { organisationId: actor.organisationId };
  return null;
}

/** The offer if the actor may see it; otherwise 404, so other organisations' offers are not revealed. */
export async function getOpportunityInScope(actor: Actor, id: string): Promise<OpportunityRecord> {
  const record = await readById<OpportunityRecord>(OpportunityModel, id, visibilityFilter(actor));
  if (!record) throw notFound('Opportunity');
  return record;
}

export async function readOpportunity(context: Context, id: string): Promise<OpportunityView> {
  const record = await getOpportunityInScope(context.actor, id);
  return toOpportunityView(record, londonDateOf(context.now), { reviewer: COUNCIL_STAFF.includes(context.actor.role) });
}

/** Everyone sees open offers unless they ask for another status; an employer sees all of their own by default. */
export async function listOpportunities(context: Context, query: ListOpportunitiesQuery): Promise<{ items: OpportunityView[]; total: number }> {
  const scope = visibilityFilter(context.actor);
  if (!scope) throw forbidden();
  const today = londonDateOf(context.now);
  const conditions: Record<string, unknown>[] = [scope];
  const status = query.status ?? (context.actor.role === 'employer' ? undefined : 'open');
  if (status) conditions.push(effectiveStatusFilter(status, today));
  if (query.kind) conditions.push({ kind: query.kind });
  if (query.area) conditions.push({ areas: query.area });
  if (query.sector) conditions.push({ sector: query.sector });
  if (query.districtId) conditions.push({ $or: [{ districtId: query.districtId }, { remote: true }, { national: true }] });
  if (query.organisationId) conditions.push({ organisationId: query.organisationId });
  if (query.ringFenced !== undefined) conditions.push({ ringFenced: query.ringFenced });
  const filter = { $and: conditions };
  const [records, total] = await Promise.all([
    OpportunityModel.find(filter).sort({ closingDate: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean<OpportunityRecord[]>(),
    OpportunityModel.countDocuments(filter),
  ]);
  return { items: records.map((record) => toOpportunityView(record, today)), total };
}

export function shapeOf(offer: Partial<Record<keyof OfferShape, unknown>>): OfferShape {
  return {
    kind: String(offer.kind),
    organisationId: offer.organisationId ? String(offer.organisationId) : null,
    closingDate: (offer.closingDate as string | null | undefined) ?? null,
    startDate: (offer.startDate as string | null | undefined) ?? null,
    places: Number(offer.places ?? 1),
    placesFilled: Number(offer.placesFilled ?? 0),
    minAgeAtStart: (offer.minAgeAtStart as number | null | undefined) ?? null,
    maxAgeAtStart: (offer.maxAgeAtStart as number | null | undefined) ?? null,
    districtId: offer.districtId ? String(offer.districtId) : null,
    remote: Boolean(offer.remote),
    national: Boolean(offer.national),
    weeklyHours: (offer.weeklyHours as number | null | undefined) ?? null,
    description: String(offer.description ?? ''),
    durationMonths: (offer.durationMonths as number | null | undefined) ?? null,
    wageType: (offer.wageType as string | null | undefined) ?? null,
    yearlyWagePence: (offer.yearlyWagePence as number | null | undefined) ?? null,
  };
}

/**
 * Council staff create council offers (ring-fenced apprenticeships included), which may open at once with
 * `publish`; an employer creates drafts for their own organisation, never a ring-fenced apprenticeship.
 */
export async function createOpportunity(context: ContextWithSettings, input: CreateOpportunityInput): Promise<OpportunityView> {
  const { actor, now } = context;
  const { publish, requiredQualifications, ...fields } = input;
  const isCouncil = COUNCIL_STAFF.includes(actor.role);
  let organisationId = fields.organisationId ?? null;
  let providerName = fields.providerName;
  if (!isCouncil) {
    if (input.kind === 'ring_fenced_apprenticeship') throw forbidden('Ring-fenced apprenticeships are the council\'s own; an employer cannot create one.');
    if (publish) throw forbidden('An employer\'s offer opens when council staff approve it: submit it for approval.');
    if (organisationId !== null && organisationId !== actor.organisationId) throw forbidden('An employer can create offers for their own organisation only.');
    if (providerName !== undefined) throw validationFailed([{ path: 'providerName', message: 'is set from your organisation\'s name' }]);
    organisationId = actor.organisationId;
  }
  if (organisationId) {
    const organisation = await findOrganisation(organisationId);
    assertNotSuspended(organisation);
    providerName ??= organisation.name;
  }
  if (!providerName) throw validationFailed([{ path: 'providerName', message: 'is required for the council\'s own offers' }]);
  const today = londonDateOf(now);
  const problems = offerProblems(shapeOf({ ...fields, organisationId }), today, true);
  // Opening at once is its own submission: the closing date needs the same lead as a submitted offer's.
  if (publish) problems.push(...closingDateLeadProblems(fields.closingDate ?? null, today, context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS));
  if (problems.length) throw validationFailed(problems);
  await assertDistrictsExist(fields.districtId ? [fields.districtId] : []);
  if (publish) await assertMayGoLive(organisationId);
  const created = await OpportunityModel.create({
    ...fields,
    areas: fields.areas ?? defaultAreasFor(input.kind),
    organisationId,
    providerName,
    ringFenced: input.kind === 'ring_fenced_apprenticeship',
    requiredQualifications: (requiredQualifications ?? []).map(toStoredRequirement),
    status: publish ? 'open' : 'draft',
    statusChangedAt: now,
    createdByUserId: actor.userId,
    ...(publish ? { approvedAt: now, approvedByUserId: actor.userId } : {}),
  });
  const id = String(created._id);
  await recordAudit(context, { action: 'create', resource: 'opportunity', resourceId: id, youngPersonIds: [], fields: Object.keys(input), via: 'POST /opportunities' });
  return toOpportunityView(created.toObject() as OpportunityRecord, today);
}

/**
 * Changes an offer that is still a draft, pending approval or open. A material change by an employer to a
 * live offer takes it out of matching until council staff approve it again.
 */
export async function updateOpportunity(context: Context, id: string, changes: UpdateOpportunityInput): Promise<OpportunityView> {
  const { actor, now } = context;
  const offer = await getOpportunityInScope(actor, id);
  const parties = partiesFor(actor, offer);
  if (parties.length === 0) throw forbidden();
  const today = londonDateOf(now);
  const current = effectiveStatus(offer, today);
  if (!EDITABLE_STATUSES.includes(current)) throw unprocessable(`This offer is ${current.replace('_', ' ')} and can no longer be changed.`, { status: current });
  // GOV.UK: a submitted vacancy is frozen while it is reviewed, so the reviewer approves what they read.
  if (current === 'pending_approval' && !parties.includes('council_staff')) {
    throw unprocessable('This offer is waiting for approval, so it cannot be changed: take it back to draft to change it (it leaves the approval queue).', { status: current });
  }
  if (changes.kind === 'ring_fenced_apprenticeship' && !parties.includes('council_staff')) throw forbidden('Ring-fenced apprenticeships are the council\'s own; an employer cannot create one.');
  if (changes.providerName !== undefined && !parties.includes('council_staff')) throw validationFailed([{ path: 'providerName', message: 'is set from your organisation\'s name' }]);
  const merged = shapeOf({ ...offer, ...changes });
  const closingDateChanged = changes.closingDate !== undefined && changes.closingDate !== offer.closingDate;
  // A problem the stored offer already had (one recorded before a rule existed) does not block an unrelated
  // edit such as extending the closing date; it is still checked in full when the offer is submitted or opened.
  const alreadyThere = new Set(offerProblems(shapeOf(offer), today, false).map((problem) => problem.path));
  const problems = offerProblems(merged, today, closingDateChanged).filter((problem) => !alreadyThere.has(problem.path) || problem.path in changes);
  if (problems.length) throw validationFailed(problems);
  const placesProblem = placesConflict(merged);
  if (placesProblem) throw unprocessable(placesProblem);
  await assertDistrictsExist(changes.districtId ? [changes.districtId] : []);

  const set: Record<string, unknown> = { ...changes };
  if (changes.requiredQualifications) set.requiredQualifications = changes.requiredQualifications.map(toStoredRequirement);
  if (changes.kind) set.ringFenced = changes.kind === 'ring_fenced_apprenticeship';
  const material = materialChanges(offer as unknown as Record<string, unknown>, set);
  const needsApprovalAgain = current === 'open' && material.length > 0 && !parties.includes('council_staff');
  if (needsApprovalAgain) Object.assign(set, { status: TRANSITIONS.material_change.to, statusChangedAt: now, submittedAt: now, approvedAt: null, approvedByUserId: null });

  // Conditional on the status we checked and on the places already taken, so a start recorded meanwhile is never undercut.
  const updated = await OpportunityModel.findOneAndUpdate(
    { $and: [{ _id: id }, effectiveStatusFilter(current, today), { placesFilled: { $lte: merged.places } }] },
    { $set: set },
    { returnDocument: 'after', runValidators: true },
  ).lean<OpportunityRecord>();
  if (!updated) throw CHANGED_MEANWHILE();
  await recordAudit(context, { action: 'update', resource: 'opportunity', resourceId: id, youngPersonIds: [], fields: Object.keys(changes), via: 'PATCH /opportunities/:id' });
  return toOpportunityView(updated, today);
}

/**
 * Closes every open offer whose closing date has passed (London date of `now`). Called by a scheduled job;
 * idempotent, and reads already treat such offers as closed, so a late or missed run changes nothing visible.
 */
export async function closeExpiredOpportunities(now: Date): Promise<{ closed: number }> {
  const today = londonDateOf(now);
  const result = await OpportunityModel.updateMany(
    { status: 'open', closingDate: { $lt: today } },
    { $set: { status: TRANSITIONS.expire.to, closedReason: 'closing_date', statusChangedAt: now } },
  );
  return { closed: result.modifiedCount };
}

/** Takes a suspended organisation's live and pending offers out of matching at once. */
export async function withdrawOffersOfSuspendedOrganisation(organisationId: string, now: Date): Promise<{ withdrawn: number }> {
  const result = await OpportunityModel.updateMany(
    { organisationId, status: { $in: TRANSITIONS.suspend_organisation.from } },
    { $set: { status: TRANSITIONS.suspend_organisation.to, closedReason: 'organisation_suspended', statusChangedAt: now } },
  );
  return { withdrawn: result.modifiedCount };
}
