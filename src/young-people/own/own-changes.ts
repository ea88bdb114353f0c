/**
 * What a young person may change about themselves: the areas of work they like and how far they travel, the
 * qualifications they hold (added as "not yet checked" until their PA checks them), and what they share with
 * employers and housing. Every change is audited (the PA sees it in the audit trail and on the young person's
 * page); a sharing change is dated and told to the PA, and takes effect at once, because employers' and housing
 * officers' views read the record's consent on every request.
 */
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/audit.service.js';
import { londonDateOf } from '../../lib/dates.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/http/api.js';
import { SECTOR_LABELS } from '../../matching/matching.explanations.js';
import { tellSafely } from '../../notifications/referral-activity.js';
import { SECTORS } from '../../opportunities/sectors.js';
import { heldQualificationInput, toStoredHeldQualification } from '../../qualifications/held-qualifications.js';
import { EMPLOYER_SHARING, YoungPersonModel, type EmployerSharing, type YoungPersonRecord } from '../young-people.model.js';
import { getYoungPersonInScope } from '../young-people.service.js';
import { aboutMeChangeWords, qualificationAddedWords, recordOwnChange, sharingChangeWords } from './own-timeline.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** The same fields and limits as the API's young person schema, for the two a young person may change. */
export const aboutMeInput = z.strictObject({
  interests: z.array(z.enum(SECTORS)).max(SECTORS.length),
  maxTravelKm: z.number().int().min(0).max(200),
});
export const sharingInput = z.strictObject({ employerSharing: z.enum(EMPLOYER_SHARING), shareWithHousing: z.boolean() });
export const addQualificationInput = heldQualificationInput;

async function updateOwn(context: Context, record: YoungPersonRecord, set: Record<string, unknown>, fields: string[], via: string): Promise<YoungPersonRecord> {
  const updated = await YoungPersonModel.findOneAndUpdate({ _id: record._id, archivedAt: null }, { $set: set }, { returnDocument: 'after', runValidators: true }).lean<YoungPersonRecord>();
  if (!updated) throw notFound('Young person');
  const id = String(record._id);
  await recordAudit(context, { action: 'update', resource: 'young_person', resourceId: id, youngPersonIds: [id], fields, via });
  return updated;
}

export async function updateAboutMe(context: Context, record: YoungPersonRecord, input: z.output<typeof aboutMeInput>): Promise<void> {
  await updateOwn(context, record, { interests: input.interests, maxTravelKm: input.maxTravelKm }, ['interests', 'maxTravelKm'], 'POST /me/about');
  const words = aboutMeChangeWords({ interests: record.interests ?? [], maxTravelKm: record.maxTravelKm }, input);
  if (words) await recordOwnChange(String(record._id), context.now, words);
}

/** Adds a qualification as the young person states it: not yet checked, so it does not count for ring-fenced places. */
export async function addOwnQualification(context: Context, record: YoungPersonRecord, input: z.output<typeof addQualificationInput>): Promise<void> {
  if ((record.qualifications ?? []).length >= 50) throw validationFailed([{ path: 'subject', message: 'You cannot add more than 50 qualifications' }]);
  const stored = { ...toStoredHeldQualification(input), confirmed: false };
  await updateOwn(context, record, { qualifications: [...(record.qualifications ?? []), stored] }, ['qualifications'], 'POST /me/about/qualifications');
  await recordOwnChange(String(record._id), context.now, qualificationAddedWords(stored));
}

/** The PA (or manager) checks a qualification the young person added: from now on it counts everywhere. */
export async function checkQualification(context: Context, youngPersonId: string, index: number): Promise<void> {
  const record = await getYoungPersonInScope(context.actor, youngPersonId);
  const qualification = (record.qualifications ?? [])[index];
  if (!qualification || qualification.confirmed !== false) throw notFound('Qualification');
  await YoungPersonModel.updateOne({ _id: record._id, archivedAt: null }, { $set: { [`qualifications.${index}.confirmed`]: true } });
  await recordAudit(context, { action: 'update', resource: 'young_person', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: ['qualifications.confirmed'], via: 'POST /young-people/:id/qualifications/:index/check' });
}

const SHARING_WORDS: Record<EmployerSharing, string> = {
  nothing: 'nothing with employers',
  anonymous_profile: 'an anonymous profile with employers',
  name_and_contact: 'their name and contact details with employers',
};

/** Changes what they share; dated on the record, audited, and told to their PA. */
export async function changeSharing(context: Context & { deps: Pick<AppDeps, 'config' | 'logger'> }, record: YoungPersonRecord, input: z.output<typeof sharingInput>): Promise<boolean> {
  const changed = input.employerSharing !== record.employerSharing || input.shareWithHousing !== record.shareWithHousing;
  if (!changed) return false;
  const fields = [...(input.employerSharing !== record.employerSharing ? ['employerSharing'] : []), ...(input.shareWithHousing !== record.shareWithHousing ? ['shareWithHousing'] : [])];
  await updateOwn(context, record, { employerSharing: input.employerSharing, shareWithHousing: input.shareWithHousing, sharingChangedAt: context.now }, fields, 'POST /me/sharing');
  const youngPersonId = String(record._id);
  await recordOwnChange(youngPersonId, context.now, sharingChangeWords({ employerSharing: record.employerSharing as EmployerSharing, shareWithHousing: record.shareWithHousing }, input));
  const today = londonDateOf(context.now);
  const summary = `they now share ${SHARING_WORDS[input.employerSharing as EmployerSharing]}, and ${input.shareWithHousing ? 'their details with housing officers' : 'nothing with housing officers'}.`;
  await tellSafely({ now: context.now, deps: context.deps }, 'young_person_sharing_changed', async () => [{
    kind: 'young_person_sharing_changed',
    urgency: 'soon',
    audience: 'personal_adviser',
    recipientUserIds: [String(record.personalAdviserId)],
    // One notice per change: the new choice and the instant keep two changes on one day apart.
    subjectKey: `yp:${youngPersonId}/sharing:${input.employerSharing}:${input.shareWithHousing ? 'housing' : 'no-housing'}:${context.now.toISOString()}`,
    youngPersonId,
    date: today,
    facts: { firstName: record.preferredName || record.firstName, opportunityTitle: '', reason: summary, date: today },
    link: `/young-people/${youngPersonId}`,
  }]);
  return true;
}

export const sectorLabel = (sector: string) => SECTOR_LABELS[sector as keyof typeof SECTOR_LABELS] ?? sector;
