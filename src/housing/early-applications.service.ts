import { recordAudit } from '../audit/audit.service.js';
import { DistrictModel, type DistrictRecord } from '../districts/districts.model.js';
import { findDistrict } from '../districts/districts.service.js';
import { allDistricts } from '../districts/held-districts.js';
import { AGE_21 } from '../lib/age.js';
import { londonDateOf, maxDate, minDate, type LocalDate } from '../lib/dates.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { heldOpenYoungPeople } from '../young-people/held-young-people.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import { caseloadFilter, caseloadFilterForAdviser } from '../young-people/young-people.access.js';
import {
  candidateDateOfBirthRange,
  earliestDateOfBirthStillUnder,
  FOR_DISTRICT_HOUSING_OFFICERS,
  FOR_PERSONAL_ADVISERS,
  youngPeopleNeedingEarlyApplication,
  type EarlyApplicationAudience,
  type EarlyApplicationNeed,
} from './early-applications.js';
import { toDistrictHousingSettings, toTrackedApplication, toYoungPersonHousingFacts } from './housing-facts.js';
import { HousingApplicationModel, type HousingApplicationRecord } from './housing-applications.model.js';
import { earlyApplicationReasons } from './early-application-reasons.js';
import type { EarlyApplicationItem, EarlyApplicationListFilter } from './housing.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/** The candidates' date-of-birth range over several districts: the union of each one's (indexed) range. */
export function dateOfBirthFilter(districts: readonly DistrictRecord[], today: LocalDate): Record<string, unknown> | null {
  const ranges = districts.map((district) => candidateDateOfBirthRange(toDistrictHousingSettings(district), today));
  const [first, ...rest] = ranges;
  if (!first) return null;
  return {
    $gte: minDate(first.earliestDateOfBirth, ...rest.map((range) => range.earliestDateOfBirth)),
    $lte: maxDate(first.latestDateOfBirth, ...rest.map((range) => range.latestDateOfBirth)),
  };
}

/**
 * Loads candidates (an indexed date-of-birth range query on top of `filter`) and their applications in the
 * given districts, then lets the pure rule decide. Returns the needs and the young people they refer to.
 */
async function findNeeds(filter: Record<string, unknown>, districts: readonly DistrictRecord[], today: LocalDate, audience: EarlyApplicationAudience): Promise<{ needs: EarlyApplicationNeed[]; youngPeople: Map<string, YoungPersonRecord> }> {
  const dateOfBirth = dateOfBirthFilter(districts, today);
  if (!dateOfBirth) return { needs: [], youngPeople: new Map() };
  const query = { ...filter, archivedAt: null, dateOfBirth };
  const held = await heldOpenYoungPeople(query);
  const candidates = held ?? (await YoungPersonModel.find(query).lean<YoungPersonRecord[]>());
  const applications = candidates.length
    ? await HousingApplicationModel.find({ youngPersonId: { $in: candidates.map((c) => c._id) }, districtId: { $in: districts.map((d) => d._id) } }, { youngPersonId: 1, districtId: 1, status: 1 }).lean<HousingApplicationRecord[]>()
    : [];
  const needs = youngPeopleNeedingEarlyApplication({
    youngPeople: candidates.map(toYoungPersonHousingFacts),
    districts: districts.map(toDistrictHousingSettings),
    applications: applications.map(toTrackedApplication),
    today,
    audience,
  });
  return { needs, youngPeople: new Map(candidates.map((c) => [String(c._id), c])) };
}

function toItem(need: EarlyApplicationNeed, youngPerson: YoungPersonRecord, district: DistrictRecord): EarlyApplicationItem {
  return {
    youngPerson: { id: need.youngPersonId, firstName: youngPerson.firstName, lastName: youngPerson.lastName, preferredName: youngPerson.preferredName ?? null, dateOfBirth: youngPerson.dateOfBirth },
    district: { id: need.districtId, name: district.name },
    applicationAgeReachedOn: need.applicationAgeReachedOn,
    daysUntilApplicationAge: need.daysUntilApplicationAge,
    standing: need.standing,
    urgent: need.urgent,
    urgentReasons: need.urgentReasons,
    connections: need.connections,
    connection: need.connection,
    reasons: earlyApplicationReasons(need, { districtName: district.name, dateOfBirth: youngPerson.dateOfBirth }),
    sharesWithHousing: need.sharesWithHousing,
    custody: { inCustody: youngPerson.inCustody, expectedReleaseDate: youngPerson.expectedReleaseDate ?? null },
    trackedApplication: need.trackedApplication ? { id: need.trackedApplication.applicationId, status: need.trackedApplication.status } : null,
  };
}

/** The list's filters (?connection=), applied to the needs already in order. */
function matchesFilter(need: EarlyApplicationNeed, filter: EarlyApplicationListFilter): boolean {
  return !filter.connection || need.connection === filter.connection;
}

function toItems(needs: EarlyApplicationNeed[], youngPeople: Map<string, YoungPersonRecord>, districts: readonly DistrictRecord[]): EarlyApplicationItem[] {
  const districtsById = new Map(districts.map((district) => [String(district._id), district]));
  return needs.map((need) => toItem(need, youngPeople.get(need.youngPersonId)!, districtsById.get(need.districtId)!));
}

/**
 * A district's early-application list: its housing officers' own districts only (404 otherwise, so a district's
 * list is not confirmed to others); council staff may read any. Only young people who agreed to share with housing.
 */
export async function earlyApplicationsForDistrict(context: Context, districtId: string, listFilter: EarlyApplicationListFilter = {}): Promise<{ asOf: LocalDate; items: EarlyApplicationItem[] }> {
  if (context.actor.role === 'housing_officer' && !context.actor.districtIds.includes(districtId)) throw notFound('District');
  const district = await findDistrict(districtId);
  if (!district) throw notFound('District');
  const today = londonDateOf(context.now);
  const connected: Record<string, unknown>[] = [{ homeDistrictId: district._id }, { preferredDistrictIds: district._id }];
  if (district.withinCouncilArea) connected.push({ dateOfBirth: { $gte: earliestDateOfBirthStillUnder(AGE_21, today) } });
  // A manager sees only their team's young people here, as everywhere else; admins and the district's officers all.
  const teamScope = context.actor.role === 'manager' ? { team: context.actor.team } : {};
  const { needs, youngPeople } = await findNeeds({ ...teamScope, shareWithHousing: true, $or: connected }, [district], today, FOR_DISTRICT_HOUSING_OFFICERS);
  const shown = needs.filter((need) => matchesFilter(need, listFilter));
  const items = toItems(shown, youngPeople, [district]);
  await recordAudit(context, { action: 'list', resource: 'early_application_list', resourceId: districtId, youngPersonIds: shown.map((need) => need.youngPersonId), via: 'GET /districts/:id/early-applications' });
  return { asOf: today, items };
}

/**
 * The same list over a caseload, in every district the young person wants to live in, consent or not (the
 * PA must know whom to ask; `sharesWithHousing` says whether consent is given). A PA sees their own caseload;
 * a manager their team's, or one PA's with ?personalAdviserId; an admin everyone's, or one PA's.
 */
export async function earlyApplicationsForCaseload(context: Context, personalAdviserId?: string, listFilter: EarlyApplicationListFilter = {}): Promise<{ asOf: LocalDate; items: EarlyApplicationItem[] }> {
  const scope = caseloadFilter(context.actor);
  if (!scope) throw notFound('Caseload');
  const filter = personalAdviserId ? await caseloadFilterForAdviser(context.actor, personalAdviserId) : scope;
  if (!filter) throw notFound('Personal adviser');
  const today = londonDateOf(context.now);
  const districts = await allDistricts();
  const { needs, youngPeople } = await findNeeds(filter, districts, today, FOR_PERSONAL_ADVISERS);
  const shown = needs.filter((need) => matchesFilter(need, listFilter));
  const items = toItems(shown, youngPeople, districts);
  await recordAudit(context, { action: 'list', resource: 'early_application_list', youngPersonIds: [...new Set(shown.map((need) => need.youngPersonId))], via: 'GET /personal-advisers/me/early-applications' });
  return { asOf: today, items };
}
