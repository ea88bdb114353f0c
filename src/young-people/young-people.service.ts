import { recordAudit } from '../audit/audit.service.js';
import { ageOn } from '../lib/age.js';
import { londonDateOf } from '../lib/dates.js';
import { readById } from '../lib/read-by-id.js';
import { badRequest, forbidden, notFound, validationFailed } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { assertDistrictsExist } from '../districts/districts.service.js';
import { toStoredHeldQualification, type StoredHeldQualification } from '../qualifications/held-qualifications.js';
import type { QualificationType } from '../qualifications/qualification-types.js';
import type { Actor } from '../users/roles.js';
import { UserModel, type UserRecord } from '../users/users.model.js';
import { assignCaseload } from './caseload-ownership.js';
import { caseloadFilter, caseloadFilterForAdviser, subjectAccessFilter } from './young-people.access.js';
import { byNameThenId, heldOpenYoungPeople } from './held-young-people.js';
import { YoungPersonModel, type YoungPersonRecord } from './young-people.model.js';
import { impossibleYoungPersonData } from './young-people.rules.js';
import type { CreateYoungPersonInput, UpdateYoungPersonInput, YoungPersonSummary, YoungPersonView } from './young-people.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

export function toYoungPersonView(record: YoungPersonRecord, now: Date): YoungPersonView {
  return {
    id: String(record._id),
    sourceSystemId: record.sourceSystemId,
    firstName: record.firstName,
    lastName: record.lastName,
    preferredName: record.preferredName ?? null,
    dateOfBirth: record.dateOfBirth,
    age: ageOn(record.dateOfBirth, londonDateOf(now)),
    email: record.email ?? null,
    phone: record.phone ?? null,
    careStatus: record.careStatus as YoungPersonView['careStatus'],
    legalCategory: record.legalCategory as YoungPersonView['legalCategory'],
    personalAdviserId: String(record.personalAdviserId),
    team: record.team,
    homeDistrictId: String(record.homeDistrictId),
    preferredDistrictIds: (record.preferredDistrictIds ?? []).map(String),
    maxTravelKm: record.maxTravelKm,
    interests: (record.interests ?? []) as YoungPersonView['interests'],
    qualifications: (record.qualifications ?? []).map((q) => ({ type: (q.type ?? 'other') as QualificationType, subject: q.subject, level: q.level, grade: q.grade ?? null, confirmed: q.confirmed !== false })),
    activityCode: record.activityCode ?? null,
    accommodationCode: record.accommodationCode ?? null,
    inCustody: record.inCustody,
    expectedReleaseDate: record.expectedReleaseDate ?? null,
    hasDisability: record.hasDisability,
    inHigherEducation: record.inHigherEducation,
    employerSharing: record.employerSharing as YoungPersonView['employerSharing'],
    employerMayKnowCareLeaver: record.employerMayKnowCareLeaver,
    shareWithHousing: record.shareWithHousing,
    pathwayPlanReviewDate: record.pathwayPlanReviewDate ?? null,
    lastContactDate: record.lastContactDate ?? null,
    careHistoryNotes: record.careHistoryNotes ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function toYoungPersonSummary(record: YoungPersonRecord, now: Date): YoungPersonSummary {
  const view = toYoungPersonView(record, now);
  return {
    id: view.id,
    firstName: view.firstName,
    lastName: view.lastName,
    preferredName: view.preferredName,
    dateOfBirth: view.dateOfBirth,
    age: view.age,
    careStatus: view.careStatus,
    personalAdviserId: view.personalAdviserId,
    homeDistrictId: view.homeDistrictId,
    activityCode: view.activityCode,
    pathwayPlanReviewDate: view.pathwayPlanReviewDate,
    lastContactDate: view.lastContactDate,
  };
}

/**
 * The young person if the actor may see them as a caseworker, else null. Not audited: for other capabilities'
 * access checks. Out of scope and non-existent look the same, so a 404 never reveals that a record exists.
 */
export async function findYoungPersonInScope(actor: Actor, id: string): Promise<YoungPersonRecord | null> {
  return readById<YoungPersonRecord>(YoungPersonModel, id, caseloadFilter(actor));
}

/**
 * The young person, open or closed, if the actor may read their audit trail for a subject access request:
 * an admin any record, a manager their team's (closing a record must not end the right of access). Else null.
 */
export async function findYoungPersonForSubjectAccess(actor: Actor, id: string): Promise<YoungPersonRecord | null> {
  return readById<YoungPersonRecord>(YoungPersonModel, id, subjectAccessFilter(actor));
}

export async function getYoungPersonInScope(actor: Actor, id: string): Promise<YoungPersonRecord> {
  const record = await findYoungPersonInScope(actor, id);
  if (!record) throw notFound('Young person');
  return record;
}

export async function readYoungPerson(context: Context, id: string): Promise<YoungPersonView> {
  const record = await getYoungPersonInScope(context.actor, id);
  await recordAudit(context, { action: 'read', resource: 'young_person', resourceId: id, youngPersonIds: [id], via: 'GET /young-people/:id' });
  return toYoungPersonView(record, context.now);
}

export async function listYoungPeople(
  context: Context,
  query: { personalAdviserId?: string | undefined; districtId?: string | undefined; careStatus?: string | undefined; limit: number; offset: number },
): Promise<{ items: YoungPersonSummary[]; total: number }> {
  const scope = caseloadFilter(context.actor);
  if (!scope) throw forbidden();
  const narrowed = query.personalAdviserId ? await caseloadFilterForAdviser(context.actor, query.personalAdviserId) : scope;
  // A list filter: a PA the caller may not see has, for them, nobody on their caseload.
  if (!narrowed) return { items: [], total: 0 };
  const filter: Record<string, unknown> = { ...narrowed };
  if (query.careStatus) filter.careStatus = query.careStatus;
  if (query.districtId) filter.$or = [{ homeDistrictId: query.districtId }, { preferredDistrictIds: query.districtId }];
  const held = await heldOpenYoungPeople(filter);
  const [records, total] = held
    ? [held.sort(byNameThenId).slice(query.offset, query.offset + query.limit), held.length]
    : await Promise.all([
      YoungPersonModel.find(filter).sort({ lastName: 1, firstName: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean<YoungPersonRecord[]>(),
      YoungPersonModel.countDocuments(filter),
    ]);
  const ids = records.map((record) => String(record._id));
  if (ids.length) await recordAudit(context, { action: 'list', resource: 'young_person', youngPersonIds: ids, via: 'GET /young-people' });
  return { items: records.map((record) => toYoungPersonSummary(record, context.now)), total };
}

/** The PA a record is allocated to must be an active PA the actor may allocate to; the record takes the PA's team. */
export async function allocatablePersonalAdviser(actor: Actor, personalAdviserId: string): Promise<{ id: string; team: string }> {
  if (actor.role === 'personal_adviser' && personalAdviserId !== actor.userId) throw forbidden('A personal adviser can only allocate young people to themselves; ask your manager to reallocate.');
  const adviser = await readById<UserRecord>(UserModel, personalAdviserId, { role: 'personal_adviser', active: true });
  if (!adviser?.team) throw badRequest('personalAdviserId is not an active personal adviser.');
  if (actor.role === 'manager' && adviser.team !== actor.team) throw forbidden('A manager can allocate only to personal advisers in their own team.');
  return { id: String(adviser._id), team: adviser.team };
}

export async function createYoungPerson(context: Context, input: CreateYoungPersonInput): Promise<YoungPersonView> {
  if (!caseloadFilter(context.actor)) throw forbidden();
  const personalAdviserId = input.personalAdviserId ?? (context.actor.role === 'personal_adviser' ? context.actor.userId : undefined);
  if (!personalAdviserId) throw validationFailed([{ path: 'personalAdviserId', message: 'is required: who is this young person allocated to?' }]);
  const adviser = await allocatablePersonalAdviser(context.actor, personalAdviserId);
  const errors = impossibleYoungPersonData({ dateOfBirth: input.dateOfBirth, inCustody: input.inCustody ?? false, expectedReleaseDate: input.expectedReleaseDate ?? null, lastContactDate: input.lastContactDate ?? null }, londonDateOf(context.now));
  if (errors.length) throw validationFailed(errors);
  await assertDistrictsExist([input.homeDistrictId, ...(input.preferredDistrictIds ?? [])]);
  const created = await YoungPersonModel.create({
    ...input,
    personalAdviserId: adviser.id,
    team: adviser.team,
    qualifications: (input.qualifications ?? []).map(toStoredHeldQualification),
  });
  const id = String(created._id);
  await recordAudit(context, { action: 'create', resource: 'young_person', resourceId: id, youngPersonIds: [id], fields: Object.keys(input), via: 'POST /young-people' });
  return toYoungPersonView(created.toObject() as YoungPersonRecord, context.now);
}

/**
 * A PA saving the whole list must not check, by the way, what the young person added and nobody has checked:
 * a qualification identical to an unchecked one stays unchecked (checking is its own step, checkQualification).
 */
function keepUnchecked(existing: YoungPersonRecord, incoming: StoredHeldQualification[]): (StoredHeldQualification & { confirmed: boolean })[] {
  const sameAs = (a: { type?: string | null; subjectKey: string; level: number; grade?: string | null }, b: typeof a) => (a.type ?? 'other') === (b.type ?? 'other') && a.subjectKey === b.subjectKey && a.level === b.level && (a.grade ?? null) === (b.grade ?? null);
  const unchecked = (existing.qualifications ?? []).filter((q) => q.confirmed === false);
  return incoming.map((q) => ({ ...q, confirmed: !unchecked.some((u) => sameAs(u, q)) }));
}

export async function updateYoungPerson(context: Context, id: string, changes: UpdateYoungPersonInput): Promise<YoungPersonView> {
  const existing = await getYoungPersonInScope(context.actor, id);
  // Ownership is written only by assignCaseload (with the copies that follow it), never in this $set.
  const { personalAdviserId: newAdviserId, ...set } = changes as UpdateYoungPersonInput & Record<string, unknown>;
  const newOwner = newAdviserId && newAdviserId !== String(existing.personalAdviserId) ? await allocatablePersonalAdviser(context.actor, newAdviserId) : null;
  if (changes.qualifications) set.qualifications = keepUnchecked(existing, changes.qualifications.map(toStoredHeldQualification));
  const merged = {
    dateOfBirth: changes.dateOfBirth ?? existing.dateOfBirth,
    inCustody: changes.inCustody ?? existing.inCustody,
    expectedReleaseDate: changes.expectedReleaseDate !== undefined ? changes.expectedReleaseDate : (existing.expectedReleaseDate ?? null),
    lastContactDate: changes.lastContactDate !== undefined ? changes.lastContactDate : null,
  };
  // Only what this change touches is checked: a release date that has passed since it was recorded must not
  // block recording last contact; it is checked again when the date or the custody flag is changed.
  const touched = new Set<string>(Object.keys(changes));
  if (touched.has('inCustody')) touched.add('expectedReleaseDate');
  const errors = impossibleYoungPersonData(merged, londonDateOf(context.now)).filter((error) => touched.has(error.path));
  if (errors.length) throw validationFailed(errors);
  await assertDistrictsExist([...(changes.homeDistrictId ? [changes.homeDistrictId] : []), ...(changes.preferredDistrictIds ?? [])]);
  if (newOwner) await assignCaseload(context, [id], { personalAdviserId: newOwner.id, team: newOwner.team }, 'PATCH /young-people/:id');
  const updated = Object.keys(set).length
    ? await YoungPersonModel.findOneAndUpdate({ _id: id, archivedAt: null }, { $set: set }, { returnDocument: 'after', runValidators: true }).lean<YoungPersonRecord>()
    : await readById<YoungPersonRecord>(YoungPersonModel, id, { archivedAt: null });
  if (!updated) throw notFound('Young person');
  await recordAudit(context, { action: 'update', resource: 'young_person', resourceId: id, youngPersonIds: [id], fields: Object.keys(changes), via: 'PATCH /young-people/:id' });
  return toYoungPersonView(updated, context.now);
}

/** Closing a record keeps it (statutory retention) but takes it out of caseloads, matching and reminders. */
export async function archiveYoungPerson(context: Context, id: string): Promise<void> {
  await getYoungPersonInScope(context.actor, id);
  await YoungPersonModel.updateOne({ _id: id, archivedAt: null }, { $set: { archivedAt: context.now } });
  await recordAudit(context, { action: 'delete', resource: 'young_person', resourceId: id, youngPersonIds: [id], via: 'DELETE /young-people/:id' });
}
