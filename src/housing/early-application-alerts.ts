import { DistrictModel, type DistrictRecord } from '../districts/districts.model.js';
import { type Age } from '../lib/age.js';
import type { LocalDate } from '../lib/dates.js';
import { YoungPersonModel, type YoungPersonRecord } from '../young-people/young-people.model.js';
import {
  FOR_DISTRICT_HOUSING_OFFICERS,
  lookaheadWindowEnd,
  youngPeopleNeedingEarlyApplication,
  type EarlyApplicationAudience,
  type EarlyApplicationNeed,
} from './early-applications.js';
import { OPEN_STATUSES, type HousingApplicationStatus } from './housing-application-statuses.js';
import { dateOfBirthFilter } from './early-applications.service.js';
import { toDistrictHousingSettings, toTrackedApplication, toYoungPersonHousingFacts } from './housing-facts.js';
import { HousingApplicationModel, type HousingApplicationRecord } from './housing-applications.model.js';

export interface EarlyApplicationAlertNeed extends EarlyApplicationNeed {
  personalAdviserId: string;
  /** The young person reaches the district's application age on `date` itself. */
  reachesApplicationAgeOnDate: boolean;
  /** `date` is the first day the young person is on the list before the age (the age is exactly the look-ahead away). */
  entersLookaheadWindowOnDate: boolean;
}

export interface OpenHousingApplication {
  applicationId: string;
  youngPersonId: string;
  personalAdviserId: string;
  status: HousingApplicationStatus;
  submittedDate: LocalDate | null;
  sharesWithHousing: boolean;
}

export interface DistrictEarlyApplications {
  district: {
    id: string;
    code: string;
    name: string;
    housingContactEmail: string | null;
    alertChannels: 'email' | 'in_service' | 'both';
    applicationAge: Age;
    alertLookaheadWeeks: number;
    /** Last day of the look-ahead window starting on `date`. */
    lookaheadWindowEnd: LocalDate;
  };
  needs: EarlyApplicationAlertNeed[];
  openApplications: OpenHousingApplication[];
}

/**
 * For the reminders job: per district (sorted by name), who needs an early housing application on `date`,
 * and the district's open applications (submitted, registered, interim or supported accommodation, offer made).
 *
 * Contract:
 * - `date` is the London calendar date the alerts are for ('YYYY-MM-DD'); nothing here reads the clock.
 * - `needs` follows youngPeopleNeedingEarlyApplication exactly (the same list as GET /districts/:id/early-applications
 *   for the default audience): everyone who reaches the district's application age from `date` to the end of its
 *   look-ahead window, or has passed it (under 25) with no application made; urgent first. For a "today"
 *   alert filter on `reachesApplicationAgeOnDate`; for a "coming up" alert on `entersLookaheadWindowOnDate`
 *   (each is true on exactly one date per young person and district, so alerts keyed on it do not repeat).
 * - `audience` FOR_DISTRICT_HOUSING_OFFICERS (default) lists only young people who agreed to share with housing,
 *   including open applications; FOR_PERSONAL_ADVISERS lists everyone in the districts they want to live in,
 *   with `sharesWithHousing` saying whether consent is given. Archived young people never appear.
 * - `districtIds` limits the districts (unknown ids are ignored). Returns plain objects with ids only, no names:
 *   load what a message needs, keep personal data out of logs, and audit what is sent (this function does not audit).
 */
export async function earlyApplicationsByDistrict(date: LocalDate, options: { audience?: EarlyApplicationAudience; districtIds?: string[] } = {}): Promise<DistrictEarlyApplications[]> {
  const audience = options.audience ?? FOR_DISTRICT_HOUSING_OFFICERS;
  const districts = await DistrictModel.find(options.districtIds ? { _id: { $in: options.districtIds } } : {}).sort({ name: 1, _id: 1 }).lean<DistrictRecord[]>();
  if (districts.length === 0) return [];
  const consent = audience.requireHousingConsent ? { shareWithHousing: true } : {};
  const districtIds = districts.map((district) => district._id);
  const candidates = await YoungPersonModel.find({ ...consent, archivedAt: null, dateOfBirth: dateOfBirthFilter(districts, date) }).lean<YoungPersonRecord[]>();
  const fields = { youngPersonId: 1, districtId: 1, status: 1, submittedDate: 1 };
  const [applications, openApplications] = await Promise.all([
    HousingApplicationModel.find({ youngPersonId: { $in: candidates.map((c) => c._id) }, districtId: { $in: districtIds } }, fields).lean<HousingApplicationRecord[]>(),
    HousingApplicationModel.find({ districtId: { $in: districtIds }, status: { $in: OPEN_STATUSES } }, fields).lean<HousingApplicationRecord[]>(),
  ]);
  const needs = youngPeopleNeedingEarlyApplication({
    youngPeople: candidates.map(toYoungPersonHousingFacts),
    districts: districts.map(toDistrictHousingSettings),
    applications: applications.map(toTrackedApplication),
    today: date,
    audience,
  });
  const applicants = await YoungPersonModel.find({ _id: { $in: openApplications.map((a) => a.youngPersonId) }, archivedAt: null, ...consent }, { personalAdviserId: 1, shareWithHousing: 1 }).lean<Pick<YoungPersonRecord, '_id' | 'personalAdviserId' | 'shareWithHousing'>[]>();
  const applicantsById = new Map(applicants.map((applicant) => [String(applicant._id), applicant]));
  const adviserOf = new Map(candidates.map((candidate) => [String(candidate._id), String(candidate.personalAdviserId)]));

  return districts.map((district) => {
    const id = String(district._id);
    const windowEnd = lookaheadWindowEnd(toDistrictHousingSettings(district), date);
    return {
      district: {
        id,
        code: district.code,
        name: district.name,
        housingContactEmail: district.housingContactEmail ?? null,
        alertChannels: district.alertChannels as DistrictEarlyApplications['district']['alertChannels'],
        applicationAge: { years: district.applicationAgeYears, months: district.applicationAgeMonths },
        alertLookaheadWeeks: district.alertLookaheadWeeks,
        lookaheadWindowEnd: windowEnd,
      },
      needs: needs
        .filter((need) => need.districtId === id)
        .map((need) => ({ ...need, personalAdviserId: adviserOf.get(need.youngPersonId)!, reachesApplicationAgeOnDate: need.applicationAgeReachedOn === date, entersLookaheadWindowOnDate: need.applicationAgeReachedOn === windowEnd })),
      openApplications: openApplications.flatMap((application) => {
        const applicant = applicantsById.get(String(application.youngPersonId));
        if (String(application.districtId) !== id || !applicant) return [];
        const open: OpenHousingApplication = {
          applicationId: String(application._id),
          youngPersonId: String(application.youngPersonId),
          personalAdviserId: String(applicant.personalAdviserId),
          status: application.status as HousingApplicationStatus,
          submittedDate: application.submittedDate ?? null,
          sharesWithHousing: applicant.shareWithHousing,
        };
        return [open];
      }),
    };
  });
}
