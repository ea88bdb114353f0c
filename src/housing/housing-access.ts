import mongoose from 'mongoose';
import { readById } from '../lib/read-by-id.js';
import { DistrictModel, type DistrictRecord } from '../districts/districts.model.js';
import type { LocalDate } from '../lib/dates.js';
import type { Actor } from '../users/roles.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import { findYoungPersonInScope } from '../young-people/young-people.service.js';
import { connectionsWithDistrict, type DistrictConnection } from './early-applications.js';
import { toDistrictHousingSettings, toYoungPersonHousingFacts } from './housing-facts.js';
import { HousingApplicationModel, type HousingApplicationRecord } from './housing-applications.model.js';

/** A district in which a housing officer may see this young person, and why. */
export interface RelevantDistrict {
  district: DistrictRecord;
  connections: DistrictConnection[];
  hasApplication: boolean;
}

/**
 * What an actor may do with a young person's housing. Caseworkers (their caseload, a manager's team,
 * an admin everyone) act in every district; a housing officer only in their own districts that are
 * relevant to the young person, and only if the young person agreed to share with housing.
 */
export type HousingScope =
  | { kind: 'caseworker'; youngPerson: YoungPersonRecord }
  | { kind: 'housing_officer'; youngPerson: YoungPersonRecord; relevantDistricts: RelevantDistrict[] };

/**
 * The housing officer's districts that are relevant to the young person: they want to live there (home,
 * preferred), have a local connection there (under 21, district in the council's area), or already have a
 * housing application there.
 */
async function relevantDistrictsForOfficer(actor: Actor, youngPerson: YoungPersonRecord, today: LocalDate): Promise<RelevantDistrict[]> {
  if (actor.districtIds.length === 0) return [];
  const [districts, applications] = await Promise.all([
    DistrictModel.find({ _id: { $in: actor.districtIds } }).lean<DistrictRecord[]>(),
    HousingApplicationModel.find({ youngPersonId: youngPerson._id, districtId: { $in: actor.districtIds } }, { districtId: 1 }).lean<Pick<HousingApplicationRecord, 'districtId'>[]>(),
  ]);
  const withApplication = new Set(applications.map((application) => String(application.districtId)));
  const facts = toYoungPersonHousingFacts(youngPerson);
  return districts
    .map((district) => ({
      district,
      connections: connectionsWithDistrict(facts, toDistrictHousingSettings(district), today),
      hasApplication: withApplication.has(String(district._id)),
    }))
    .filter((relevant) => relevant.connections.length > 0 || relevant.hasApplication)
    .sort((a, b) => a.district.name.localeCompare(b.district.name));
}

/** Null when the actor may not see this young person's housing: the caller answers 404 either way. */
export async function findHousingScope(actor: Actor, youngPersonId: string, today: LocalDate): Promise<HousingScope | null> {
  if (!mongoose.isValidObjectId(youngPersonId)) return null;
  if (actor.role !== 'housing_officer') {
    const youngPerson = await findYoungPersonInScope(actor, youngPersonId);
    return youngPerson ? { kind: 'caseworker', youngPerson } : null;
  }
  const youngPerson = await readById<YoungPersonRecord>(YoungPersonModel, youngPersonId, { archivedAt: null, shareWithHousing: true });
  if (!youngPerson) return null;
  const relevantDistricts = await relevantDistrictsForOfficer(actor, youngPerson, today);
  return relevantDistricts.length ? { kind: 'housing_officer', youngPerson, relevantDistricts } : null;
}

/**
 * Of these young people, those a housing officer may still hear of: open records that still share with housing.
 * Consent withdrawn hides a young person from officers at once, their earlier reminders included.
 */
export async function stillSharingWithHousing(youngPersonIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(youngPersonIds)].filter((id) => mongoose.isValidObjectId(id));
  if (ids.length === 0) return new Set();
  const sharing = await YoungPersonModel.find({ _id: { $in: ids }, shareWithHousing: true, archivedAt: null }, { _id: 1 }).lean();
  return new Set(sharing.map((person) => String(person._id)));
}

/** Whether the scope lets the actor act on housing in this district. */
export function scopeCoversDistrict(scope: HousingScope, districtId: string): boolean {
  return scope.kind === 'caseworker' || scope.relevantDistricts.some((relevant) => String(relevant.district._id) === districtId);
}

/** Housing officers' districts of a scope, or null for "every district" (caseworkers). */
export function districtsInScope(scope: HousingScope): string[] | null {
  return scope.kind === 'caseworker' ? null : scope.relevantDistricts.map((relevant) => String(relevant.district._id));
}
