import type { Response } from 'express';
import { recordAudit } from '../audit/audit.service.js';
import { DistrictModel } from '../districts/districts.model.js';
import { londonDateOf } from '../lib/dates.js';
import { forbidden, notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { UserModel } from '../users/users.model.js';
import { caseloadFilter, caseloadFilterForAdviser } from '../young-people/young-people.access.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import { YOUNG_PEOPLE_COLUMNS } from '../imports/young-people.import.js';
import { sendCsv } from './csv-output.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

const BATCH = 500;

/** The import's own column set, so an exported caseload can be corrected and imported back as it is. */
export const CASELOAD_COLUMNS = [...YOUNG_PEOPLE_COLUMNS.required, ...YOUNG_PEOPLE_COLUMNS.optional];

function toRow(record: YoungPersonRecord, adviserEmail: string, districtCode: string): unknown[] {
  const byColumn: Record<string, unknown> = {
    source_child_id: record.sourceSystemId,
    first_name: record.firstName,
    last_name: record.lastName,
    date_of_birth: record.dateOfBirth,
    legal_category: record.legalCategory,
    care_status: record.careStatus,
    activity_code: record.activityCode,
    accommodation_code: record.accommodationCode,
    pa_email: adviserEmail,
    district_code: districtCode,
    pathway_plan_review_date: record.pathwayPlanReviewDate,
    last_contact_date: record.lastContactDate,
    preferred_name: record.preferredName,
    email: record.email,
    phone: record.phone,
    in_custody: record.inCustody,
    expected_release_date: record.expectedReleaseDate,
  };
  return CASELOAD_COLUMNS.map((column) => byColumn[column] ?? null);
}

/** A PA's own caseload; a manager names a PA in their team (or gets the whole team); an admin anyone's. */
async function caseloadScope(actor: Context['actor'], personalAdviserId: string | undefined): Promise<Record<string, unknown>> {
  const scope = caseloadFilter(actor);
  if (!scope) throw forbidden();
  if (!personalAdviserId) return scope;
  if (actor.role === 'personal_adviser' && personalAdviserId !== actor.userId) throw forbidden('A personal adviser can export only their own caseload.');
  const narrowed = await caseloadFilterForAdviser(actor, personalAdviserId);
  if (!narrowed) throw notFound('Personal adviser');
  return narrowed;
}

/**
 * Streams a caseload as CSV. Each batch of young people is audited (an export of their records) before it
 * is written, so nothing leaves the service unrecorded.
 */
export async function exportCaseload(context: Context, personalAdviserId: string | undefined, res: Response): Promise<void> {
  const filter = await caseloadScope(context.actor, personalAdviserId);
  const districts = new Map((await DistrictModel.find({}, { code: 1 }).lean()).map((district) => [String(district._id), district.code]));
  const adviserEmails = new Map<string, string>();

  async function* batches(): AsyncGenerator<unknown[][]> {
    const cursor = YoungPersonModel.find(filter).sort({ lastName: 1, firstName: 1, _id: 1 }).lean<YoungPersonRecord[]>().cursor({ batchSize: BATCH });
    let batch: YoungPersonRecord[] = [];
    const flush = async () => {
      const missing = [...new Set(batch.map((record) => String(record.personalAdviserId)))].filter((id) => !adviserEmails.has(id));
      if (missing.length) for (const user of await UserModel.find({ _id: { $in: missing } }, { email: 1 }).lean()) adviserEmails.set(String(user._id), user.email);
      await recordAudit(context, { action: 'export', resource: 'young_person', youngPersonIds: batch.map((record) => String(record._id)), fields: CASELOAD_COLUMNS, via: 'GET /exports/caseload.csv' });
      const rows = batch.map((record) => toRow(record, adviserEmails.get(String(record.personalAdviserId)) ?? '', districts.get(String(record.homeDistrictId)) ?? ''));
      batch = [];
      return rows;
    };
    for await (const record of cursor) {
      batch.push(record as unknown as YoungPersonRecord);
      if (batch.length >= BATCH) yield await flush();
    }
    if (batch.length) yield await flush();
  }

  await sendCsv(res, `caseload-${londonDateOf(context.now)}.csv`, CASELOAD_COLUMNS, batches());
}
