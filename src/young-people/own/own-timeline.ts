/**
 * What a young person changed or said on their own pages, in their PA's words, dated: the timeline on the PA's
 * young person page. The audit log records the same events by field name only (never values), which tells a PA
 * that "areas of work" changed but not to what; this says what, including the reason for a "not for me".
 * Written by the use cases in own-changes.ts and own-openings.ts, once each, after the change itself.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { levelLabel, SECTOR_LABELS } from '../../matching/matching.explanations.js';
import type { EmployerSharing } from '../young-people.model.js';

const ownChangeSchema = new Schema(
  {
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    what: { type: String, required: true },
  },
  { collection: 'young_person_own_changes' },
);
ownChangeSchema.index({ youngPersonId: 1, at: -1 });

export type OwnChangeRecord = InferSchemaType<typeof ownChangeSchema> & { _id: mongoose.Types.ObjectId };
export const OwnChangeModel = mongoose.model('YoungPersonOwnChange', ownChangeSchema);

export async function recordOwnChange(youngPersonId: string, at: Date, what: string): Promise<void> {
  await OwnChangeModel.create({ youngPersonId, at, what });
}

/** The newest first. */
export async function ownChangesFor(youngPersonId: string, limit = 20): Promise<{ at: Date; what: string }[]> {
  const changes = await OwnChangeModel.find({ youngPersonId }).sort({ at: -1, _id: -1 }).limit(limit).lean<OwnChangeRecord[]>();
  return changes.map((change) => ({ at: change.at, what: change.what }));
}

const sectorWords = (sectors: readonly string[]) => {
  const labels = sectors.map((sector) => SECTOR_LABELS[sector as keyof typeof SECTOR_LABELS] ?? sector);
  return labels.length ? labels.join('; ') : 'none';
};

/** "Areas of work: digital; catering and hospitality (was: none). Travel: up to 15 km (was 10 km)." Only what changed. */
export function aboutMeChangeWords(before: { interests: readonly string[]; maxTravelKm: number }, after: { interests: readonly string[]; maxTravelKm: number }): string | null {
  const parts: string[] = [];
  const sameInterests = before.interests.length === after.interests.length && before.interests.every((sector) => after.interests.includes(sector));
  if (!sameInterests) parts.push(`Areas of work they like: ${sectorWords(after.interests)} (was: ${sectorWords(before.interests)}).`);
  if (before.maxTravelKm !== after.maxTravelKm) parts.push(`Travel: up to ${after.maxTravelKm} km (was ${before.maxTravelKm} km).`);
  return parts.length ? `Changed about me. ${parts.join(' ')}` : null;
}

export function qualificationAddedWords(qualification: { level: number; subject: string; grade?: string | null }): string {
  return `Added a qualification, not yet checked: ${levelLabel(qualification.level)} ${qualification.subject}${qualification.grade ? ` (grade ${qualification.grade})` : ''}.`;
}

const EMPLOYER_SHARING_WORDS: Record<EmployerSharing, string> = {
  nothing: 'nothing',
  anonymous_profile: 'an anonymous profile',
  name_and_contact: 'their name and contact details',
};

export function sharingChangeWords(before: { employerSharing: EmployerSharing; shareWithHousing: boolean }, after: { employerSharing: EmployerSharing; shareWithHousing: boolean }): string {
  const parts: string[] = [];
  if (before.employerSharing !== after.employerSharing) parts.push(`employers now see ${EMPLOYER_SHARING_WORDS[after.employerSharing]} (was ${EMPLOYER_SHARING_WORDS[before.employerSharing]})`);
  if (before.shareWithHousing !== after.shareWithHousing) parts.push(after.shareWithHousing ? 'housing officers now see their details (was not)' : 'housing officers no longer see their details');
  return `Changed what they share: ${parts.join('; ')}.`;
}

export function openingResponseWords(opening: { title: string; providerName: string }, response: 'interested' | 'not_for_me', reason: string | null): string {
  const named = `${opening.title}${opening.providerName ? `, ${opening.providerName}` : ''}`;
  if (response === 'interested') return `Said they are interested in ${named}.`;
  return `Said ${named} is not for them${reason ? `: "${reason}"` : ' (no reason given)'}.`;
}

/** Their timeline line when they take back a "Not for me". */
export function openingShownAgainWords(opening: { title: string; providerName: string }): string {
  return `Took back "not for me" on ${opening.title}${opening.providerName ? `, ${opening.providerName}` : ''}: it shows in their list again.`;
}
