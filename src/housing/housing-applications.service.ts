import { readById } from '../lib/read-by-id.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDistrict } from '../districts/districts.service.js';
import { londonDateOf } from '../lib/dates.js';
import { conflict, notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { decideStatusChange } from './housing-application-rules.js';
import { HOUSING_APPLICATION_TRANSITIONS, type HousingApplicationStatus } from './housing-application-statuses.js';
import { districtsInScope, findHousingScope, scopeCoversDistrict, type HousingScope } from './housing-access.js';
import { HousingApplicationModel, type HousingApplicationRecord } from './housing-applications.model.js';
import type { HousingApplicationView, StatusChangeInput } from './housing.schemas.js';
import { tellOfHousingStep } from '../notifications/housing-step-notices.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'> & Partial<Pick<RequestContext, 'deps'>>;
const RESOURCE = 'housing_application';

export function toHousingApplicationView(record: HousingApplicationRecord): HousingApplicationView {
  const status = record.status as HousingApplicationStatus;
  return {
    id: String(record._id),
    youngPersonId: String(record.youngPersonId),
    districtId: String(record.districtId),
    status,
    allowedNextStatuses: [...HOUSING_APPLICATION_TRANSITIONS[status]],
    submittedDate: record.submittedDate ?? null,
    guarantorPlan: record.guarantorPlan ? { kind: record.guarantorPlan.kind as 'guarantor' | 'trustee', details: record.guarantorPlan.details } : null,
    registration: record.registration
      ? { reference: record.registration.reference, bandOrPriority: record.registration.bandOrPriority, localConnection: record.registration.localConnection, priorityDate: record.registration.priorityDate }
      : null,
    accommodation: record.accommodationKind && record.accommodationArrangedDate ? { kind: record.accommodationKind as 'interim' | 'supported', arrangedDate: record.accommodationArrangedDate } : null,
    offerDate: record.offerDate ?? null,
    tenancyStartDate: record.tenancyStartDate ?? null,
    refusalReason: record.refusalReason ?? null,
    closedReason: record.closedReason ?? null,
    history: (record.history ?? []).map((change) => ({
      status: change.status as HousingApplicationStatus,
      at: change.at.toISOString(),
      byUserId: String(change.byUserId),
      byRole: change.byRole,
      date: change.date ?? null,
      reason: change.reason ?? null,
    })),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

async function requireHousingScope(context: Context, youngPersonId: string): Promise<HousingScope> {
  const scope = await findHousingScope(context.actor, youngPersonId, londonDateOf(context.now));
  if (!scope) throw notFound('Young person');
  return scope;
}

/** The application and the actor's scope over it; 404 when either is out of reach, so existence is not leaked. */
async function requireApplicationInScope(context: Context, applicationId: string): Promise<{ application: HousingApplicationRecord; scope: HousingScope }> {
  const application = await readById<HousingApplicationRecord>(HousingApplicationModel, applicationId);
  if (!application) throw notFound('Housing application');
  const scope = await findHousingScope(context.actor, String(application.youngPersonId), londonDateOf(context.now));
  if (!scope || !scopeCoversDistrict(scope, String(application.districtId))) throw notFound('Housing application');
  return { application, scope };
}

export async function startHousingApplication(context: Context, youngPersonId: string, input: { districtId: string }): Promise<HousingApplicationView> {
  const scope = await requireHousingScope(context, youngPersonId);
  const district = await findDistrict(input.districtId);
  if (!district || !scopeCoversDistrict(scope, input.districtId)) throw notFound('District');
  const existing = await HousingApplicationModel.findOne({ youngPersonId, districtId: input.districtId }, { _id: 1 }).lean();
  if (existing) throw conflict('This young person already has a housing application with this district: update its status instead.', { applicationId: String(existing._id) });
  const created = await HousingApplicationModel.create({
    youngPersonId,
    districtId: input.districtId,
    status: 'not_started',
    statusVersion: 0,
    history: [{ status: 'not_started', at: context.now, byUserId: context.actor.userId, byRole: context.actor.role }],
    createdByUserId: context.actor.userId,
  });
  const id = String(created._id);
  await recordAudit(context, { action: 'create', resource: RESOURCE, resourceId: id, youngPersonIds: [youngPersonId], fields: ['districtId'], via: 'POST /young-people/:id/housing-applications' });
  return toHousingApplicationView(created.toObject() as HousingApplicationRecord);
}

export async function listHousingApplicationsOfYoungPerson(context: Context, youngPersonId: string): Promise<HousingApplicationView[]> {
  const scope = await requireHousingScope(context, youngPersonId);
  const districtIds = districtsInScope(scope);
  const filter: Record<string, unknown> = { youngPersonId };
  if (districtIds) filter.districtId = { $in: districtIds };
  const applications = await HousingApplicationModel.find(filter).sort({ createdAt: 1, _id: 1 }).lean<HousingApplicationRecord[]>();
  await recordAudit(context, { action: 'list', resource: RESOURCE, youngPersonIds: [youngPersonId], via: 'GET /young-people/:id/housing-applications' });
  return applications.map(toHousingApplicationView);
}

export async function readHousingApplication(context: Context, applicationId: string): Promise<HousingApplicationView> {
  const { application } = await requireApplicationInScope(context, applicationId);
  await recordAudit(context, { action: 'read', resource: RESOURCE, resourceId: applicationId, youngPersonIds: [String(application.youngPersonId)], via: 'GET /housing-applications/:id' });
  return toHousingApplicationView(application);
}

/**
 * Moves an application to a new status, dated and attributed. The decision is made on a fresh read and the
 * write is conditional on that status and its version, so of two people updating at once one wins and the
 * other gets 409: atomic on MongoDB, and on FerretDB because this process's one connection runs each command
 * whole (src/lib/database.ts).
 */
export async function changeHousingApplicationStatus(context: Context, applicationId: string, change: StatusChangeInput): Promise<HousingApplicationView> {
  const { scope } = await requireApplicationInScope(context, applicationId);
  const application = await HousingApplicationModel.findById(applicationId).lean<HousingApplicationRecord>();
  if (!application) throw notFound('Housing application');
  const effect = decideStatusChange(
    {
      status: application.status as HousingApplicationStatus,
      submittedDate: application.submittedDate ?? null,
      guarantorPlan: application.guarantorPlan ?? null,
      registration: application.registration ?? null,
      offerDate: application.offerDate ?? null,
    },
    change,
    { dateOfBirth: scope.youngPerson.dateOfBirth, today: londonDateOf(context.now) },
  );
  const historyEntry = { status: change.status, at: context.now, byUserId: context.actor.userId, byRole: context.actor.role, date: effect.date, reason: effect.reason };
  const moved = await HousingApplicationModel.findOneAndUpdate(
    { _id: application._id, status: application.status, statusVersion: application.statusVersion },
    { $set: { ...effect.set, status: change.status }, $inc: { statusVersion: 1 }, $push: { history: historyEntry } },
    { returnDocument: 'after', runValidators: true },
  ).lean<HousingApplicationRecord>();
  if (!moved) throw conflict('Someone else changed this housing application at the same time: reload it and try again.');
  const updated = moved;
  const fields = ['status', ...Object.keys(effect.set)];
  await recordAudit(context, { action: 'update', resource: RESOURCE, resourceId: applicationId, youngPersonIds: [String(updated.youngPersonId)], fields, via: 'POST /housing-applications/:id/status' });
  if (context.deps) {
    await tellOfHousingStep({ ...context, deps: context.deps }, {
      applicationId, youngPersonId: String(updated.youngPersonId), districtId: String(updated.districtId), status: change.status,
      stepNumber: (updated.history ?? []).length, date: effect.date ?? londonDateOf(context.now), byRole: context.actor.role,
    });
  }
  return toHousingApplicationView(updated);
}
