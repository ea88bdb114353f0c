import { allDistricts } from '../districts/held-districts.js';
import { createDistrictGeography, type DistrictGeography } from '../matching/index.js';
import { HousingApplicationModel } from '../housing/housing-applications.model.js';
import { OPEN_STATUSES, type HousingApplicationStatus } from '../housing/housing-application-statuses.js';
import { ReferralModel } from '../referrals/referrals.model.js';
import { COUNCIL_STAFF } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import type { Directory, DistrictFacts } from './reminder.types.js';

/** Made applications: submitted and beyond. Tracked-only ones (not started, eligible) still need the reminder. */
const MADE_APPLICATION_STATUSES: HousingApplicationStatus[] = [...OPEN_STATUSES, 'housed'];

const push = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Everything the rules look up besides the record in hand, loaded once per scan with a few small queries:
 * districts and their settings, housing officers per district, employer users per organisation, council staff,
 * made housing applications, and referral counts for the openings that matter today.
 */
export async function loadDirectory(options: { referralCountsFor: readonly string[] }): Promise<Directory & { districts: DistrictFacts[]; geography: DistrictGeography }> {
  const [districtRecords, users, applications, referrals] = await Promise.all([
    allDistricts(),
    UserModel.find({ active: true, role: { $in: ['housing_officer', 'employer', ...COUNCIL_STAFF] } }, { role: 1, districtIds: 1, organisationId: 1 }).lean(),
    HousingApplicationModel.find({ status: { $in: MADE_APPLICATION_STATUSES } }, { youngPersonId: 1, districtId: 1 }).lean(),
    options.referralCountsFor.length ? ReferralModel.find({ opportunityId: { $in: options.referralCountsFor }, stage: { $ne: 'suggested' } }, { opportunityId: 1 }).lean() : Promise.resolve([]),
  ]);
  const districts: DistrictFacts[] = districtRecords.map((district) => ({
    id: String(district._id),
    applicationAge: { years: district.applicationAgeYears, months: district.applicationAgeMonths },
    alertLookaheadWeeks: district.alertLookaheadWeeks,
    housingAlertsByEmail: district.alertChannels !== 'in_service',
  }));
  const districtById = new Map(districts.map((district) => [district.id, district]));
  const housingOfficers = new Map<string, string[]>();
  const employers = new Map<string, string[]>();
  const staff: string[] = [];
  for (const user of users) {
    const id = String(user._id);
    if (user.role === 'housing_officer') for (const districtId of user.districtIds ?? []) push(housingOfficers, String(districtId), id);
    else if (user.role === 'employer' && user.organisationId) push(employers, String(user.organisationId), id);
    else if ((COUNCIL_STAFF as readonly string[]).includes(user.role)) staff.push(id);
  }
  const madeApplications = new Set(applications.map((application) => `${String(application.youngPersonId)}:${String(application.districtId)}`));
  const referralCounts = new Map<string, number>();
  for (const referral of referrals) referralCounts.set(String(referral.opportunityId), (referralCounts.get(String(referral.opportunityId)) ?? 0) + 1);
  return {
    districts,
    geography: createDistrictGeography(districtRecords.map((district) => ({ id: String(district._id), lat: district.latitude, lng: district.longitude }))),
    district: (id) => districtById.get(id),
    housingOfficers: (districtId) => housingOfficers.get(districtId) ?? [],
    employerUsers: (organisationId) => employers.get(organisationId) ?? [],
    councilStaff: () => staff,
    hasMadeHousingApplication: (youngPersonId, districtId) => madeApplications.has(`${youngPersonId}:${districtId}`),
    referralCount: (opportunityId) => referralCounts.get(opportunityId) ?? 0,
  };
}
