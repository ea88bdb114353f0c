import { recordAudit } from '../audit/audit.service.js';
import { londonDateOf } from '../lib/dates.js';
import { notFound } from '../lib/errors.js';
import type { RequestContext } from '../lib/http/api.js';
import { UserModel } from '../users/users.model.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';
import { districtsWantedToLiveIn } from './early-applications.js';
import { findHousingScope, type RelevantDistrict } from './housing-access.js';
import { toYoungPersonHousingFacts } from './housing-facts.js';
import { HousingApplicationModel, type HousingApplicationRecord } from './housing-applications.model.js';
import type { HousingOfficerYoungPersonView } from './housing.schemas.js';

type Context = Pick<RequestContext, 'actor' | 'now' | 'requestId'>;

/**
 * The allow-list: every field a housing officer sees is named here, copied one by one, so a field added to the
 * young person's record later (care history, legal category, qualifications...) can never leak into this view.
 */
export function toHousingOfficerView(
  youngPerson: YoungPersonRecord,
  personalAdviser: { name: string; email: string } | null,
  districts: HousingOfficerYoungPersonView['districts'],
): HousingOfficerYoungPersonView {
  return {
    id: String(youngPerson._id),
    firstName: youngPerson.firstName,
    lastName: youngPerson.lastName,
    preferredName: youngPerson.preferredName ?? null,
    dateOfBirth: youngPerson.dateOfBirth,
    email: youngPerson.email ?? null,
    phone: youngPerson.phone ?? null,
    personalAdviser,
    inCustody: youngPerson.inCustody,
    expectedReleaseDate: youngPerson.expectedReleaseDate ?? null,
    accommodationCode: youngPerson.accommodationCode ?? null,
    districts,
  };
}

/** Local connection as the district recorded it on registration; before that, the care leaver rule (under 21, in the council's area). */
function districtFacts(relevant: RelevantDistrict, registration: HousingApplicationRecord['registration'] | undefined, wanted: readonly string[]): HousingOfficerYoungPersonView['districts'][number] {
  return {
    districtId: String(relevant.district._id),
    districtName: relevant.district.name,
    wantsToLiveThere: wanted.includes(String(relevant.district._id)),
    localConnection: registration ? registration.localConnection : relevant.connections.includes('local_connection'),
  };
}

/** A young person as a housing officer may see them: 404 unless they agreed to share with housing and are relevant to one of the officer's districts. */
export async function readYoungPersonForHousingOfficer(context: Context, youngPersonId: string): Promise<HousingOfficerYoungPersonView> {
  const scope = await findHousingScope(context.actor, youngPersonId, londonDateOf(context.now));
  if (!scope || scope.kind !== 'housing_officer') throw notFound('Young person');
  const { youngPerson, relevantDistricts } = scope;
  const [adviser, applications] = await Promise.all([
    UserModel.findById(youngPerson.personalAdviserId, { name: 1, email: 1 }).lean(),
    HousingApplicationModel.find({ youngPersonId: youngPerson._id, districtId: { $in: relevantDistricts.map((relevant) => relevant.district._id) } }, { districtId: 1, registration: 1 }).lean<HousingApplicationRecord[]>(),
  ]);
  const registrationByDistrict = new Map(applications.map((application) => [String(application.districtId), application.registration]));
  const wanted = districtsWantedToLiveIn(toYoungPersonHousingFacts(youngPerson));
  const view = toHousingOfficerView(
    youngPerson,
    adviser ? { name: adviser.name, email: adviser.email } : null,
    relevantDistricts.map((relevant) => districtFacts(relevant, registrationByDistrict.get(String(relevant.district._id)), wanted)),
  );
  await recordAudit(context, { action: 'read', resource: 'young_person', resourceId: youngPersonId, youngPersonIds: [youngPersonId], fields: Object.keys(view), via: 'GET /housing/young-people/:id' });
  return view;
}
