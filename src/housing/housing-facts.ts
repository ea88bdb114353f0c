import type { DistrictRecord } from '../districts/districts.model.js';
import type { YoungPersonRecord } from '../young-people/young-people.model.js';
import type { DistrictHousingSettings, TrackedApplication, YoungPersonHousingFacts } from './early-applications.js';
import type { HousingApplicationStatus } from './housing-application-statuses.js';
import type { HousingApplicationRecord } from './housing-applications.model.js';

/** Records to the plain facts the pure housing rules take, so those rules never see the database. */
export function toYoungPersonHousingFacts(record: YoungPersonRecord): YoungPersonHousingFacts {
  return {
    youngPersonId: String(record._id),
    dateOfBirth: record.dateOfBirth,
    sharesWithHousing: record.shareWithHousing,
    homeDistrictId: String(record.homeDistrictId),
    preferredDistrictIds: (record.preferredDistrictIds ?? []).map(String),
    inCustody: record.inCustody,
    expectedReleaseDate: record.expectedReleaseDate ?? null,
  };
}

export function toDistrictHousingSettings(record: DistrictRecord): DistrictHousingSettings {
  return {
    districtId: String(record._id),
    applicationAge: { years: record.applicationAgeYears, months: record.applicationAgeMonths },
    alertLookaheadWeeks: record.alertLookaheadWeeks,
    withinCouncilArea: record.withinCouncilArea,
  };
}

export function toTrackedApplication(record: Pick<HousingApplicationRecord, '_id' | 'youngPersonId' | 'districtId' | 'status'>): TrackedApplication {
  return {
    applicationId: String(record._id),
    youngPersonId: String(record.youngPersonId),
    districtId: String(record.districtId),
    status: record.status as HousingApplicationStatus,
  };
}
