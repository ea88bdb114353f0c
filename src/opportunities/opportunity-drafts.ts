import { recordAudit } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { conflict, forbidden } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { partiesFor } from './opportunities.lifecycle.js';
import { OpportunityModel, type OpportunityKind, type OpportunityRecord } from './opportunities.model.js';
import type { OpportunityView } from './opportunities.schemas.js';
import { getOpportunityInScope } from './opportunities.service.js';
import { toOpportunityView } from './opportunities.view.js';
import { assertNotSuspended, findOrganisation } from './offer-organisations.js';
import { REVIEWED_FIELDS } from './send-back-snapshot.js';
import { defaultAreasFor } from './covenant-areas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/**
 * A new draft with the offer's details (GOV.UK "clone"), for the offer's owner. Its history is not copied:
 * no places filled, approvals, send-backs or import reference. A closing date already passed is left
 * empty with its start date, for the author to set; every rule is checked when the draft is submitted.
 */
export async function cloneOpportunity(context: Context, id: string): Promise<OpportunityView> {
  const { actor, now } = context;
  const offer = await getOpportunityInScope(actor, id);
  if (!partiesFor(actor, offer).includes('owner')) throw forbidden('Only the offer\'s own organisation can copy it.');
  if (offer.organisationId) assertNotSuspended(await findOrganisation(String(offer.organisationId)));
  const today = londonDateOf(now);
  const fields = Object.fromEntries(REVIEWED_FIELDS.map((field) => [field, (offer as unknown as Record<string, unknown>)[field]]).filter(([, value]) => value !== undefined));
  const datesPassed = offer.closingDate !== null && offer.closingDate !== undefined && offer.closingDate < today;
  const created = await OpportunityModel.create({
    ...fields,
    ...(datesPassed ? { closingDate: null, startDate: null } : {}),
    organisationId: offer.organisationId,
    providerName: offer.providerName,
    ringFenced: offer.ringFenced,
    status: 'draft',
    statusChangedAt: now,
    createdByUserId: actor.userId,
  });
  const newId = String(created._id);
  await recordAudit(context, { action: 'create', resource: 'opportunity', resourceId: newId, youngPersonIds: [], fields: ['clonedFrom'], via: 'POST /opportunities/:id/clone' });
  return toOpportunityView(created.toObject() as OpportunityRecord, today);
}

/** Deletes a draft for good (nobody has seen it); anything submitted or published is kept as history. */
export async function deleteDraftOpportunity(context: Context, id: string): Promise<void> {
  const offer = await getOpportunityInScope(context.actor, id);
  if (!partiesFor(context.actor, offer).includes('owner')) throw forbidden('Only the offer\'s own organisation can delete it.');
  // Conditional on still being a draft, so an offer submitted meanwhile is never deleted.
  const { deletedCount } = await OpportunityModel.deleteOne({ _id: id, status: 'draft' });
  if (deletedCount === 0) throw conflict(`Only a draft can be deleted; this offer is ${offer.status.replaceAll('_', ' ')}: withdraw or close it instead.`);
  await recordAudit(context, { action: 'delete', resource: 'opportunity', resourceId: id, youngPersonIds: [], fields: [], via: 'DELETE /opportunities/:id' });
}

/**
 * GOV.UK Recruit an apprentice starts a vacancy from its title and fills it in one question at a time: an
 * employer's draft begins with what it is and its name only. The offer rules are not applied yet (a half-written
 * draft breaks most of them); each later change is checked as it is made, and everything when it is submitted.
 */
export async function startDraftOffer(context: Context, input: { kind: OpportunityKind; title: string }): Promise<OpportunityView> {
  const { actor, now } = context;
  if (actor.role !== 'employer' || !actor.organisationId) throw forbidden('Only an employer starts an offer this way.');
  if (input.kind === 'ring_fenced_apprenticeship') throw forbidden('Ring-fenced apprenticeships are the council\'s own; an employer cannot create one.');
  const organisation = await findOrganisation(actor.organisationId);
  assertNotSuspended(organisation);
  const created = await OpportunityModel.create({
    kind: input.kind,
    title: input.title,
    areas: defaultAreasFor(input.kind),
    organisationId: actor.organisationId,
    providerName: organisation.name,
    places: 1,
    status: 'draft',
    statusChangedAt: now,
    createdByUserId: actor.userId,
  });
  const id = String(created._id);
  await recordAudit(context, { action: 'create', resource: 'opportunity', resourceId: id, youngPersonIds: [], fields: ['kind', 'title'], via: 'POST /offers/new' });
  return toOpportunityView(created.toObject() as OpportunityRecord, londonDateOf(now));
}
