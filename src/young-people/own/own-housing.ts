/**
 * "My housing": for each district they want to live in (their home district when they named none), from when they
 * can apply (the district's own age, 17½ by default), the state of any application there, and whom to talk to.
 * The same rules as the PA's and housing officers' lists (districtsWantedToLiveIn, dateReachingAge).
 */
import { DistrictModel, type DistrictRecord } from '../../districts/districts.model.js';
import { HousingApplicationModel } from '../../housing/housing-applications.model.js';
import { districtsWantedToLiveIn } from '../../housing/early-applications.js';
import type { HousingApplicationStatus } from '../../housing/housing-application-statuses.js';
import { toYoungPersonHousingFacts } from '../../housing/housing-facts.js';
import { dateReachingAge } from '../../lib/age.js';
import { compareDates, londonDateOf } from '../../lib/dates.js';
import type { YoungPersonRecord } from '../young-people.model.js';

/** Where an application stands, in a young person's words. */
export const HOUSING_STATUS_WORDS: Record<HousingApplicationStatus, string> = {
  not_started: 'Not started yet',
  eligible_to_apply: 'You can apply now. Your personal adviser can help you fill it in',
  application_submitted: 'Your application has been sent. The council is looking at it',
  registered: 'You are on the housing list',
  interim_or_supported_accommodation: 'You have a place to stay while you wait for a home',
  offer_made: 'You have been offered a home',
  housed: 'You have a home',
  refused: 'The council said no. Your personal adviser can help you ask again',
  closed: 'This application is closed',
};

export interface DistrictForYou {
  name: string;
  canApplyFrom: string;
  canApplyNow: boolean;
  /** Their age when they can apply there, e.g. "17 and a half". */
  ageWords: string;
  application: { status: HousingApplicationStatus; words: string } | null;
  contactEmail: string | null;
}

const ageWords = (years: number, months: number) => (months === 0 ? `${years}` : months === 6 ? `${years} and a half` : `${years} years and ${months} months`);

export async function housingForYou(record: YoungPersonRecord, now: Date): Promise<DistrictForYou[]> {
  const today = londonDateOf(now);
  const wanted = districtsWantedToLiveIn(toYoungPersonHousingFacts(record));
  const [districts, applications] = await Promise.all([
    DistrictModel.find({ _id: { $in: wanted } }).lean<DistrictRecord[]>(),
    HousingApplicationModel.find({ youngPersonId: record._id }, { districtId: 1, status: 1 }).lean(),
  ]);
  const applicationIn = new Map(applications.map((application) => [String(application.districtId), application.status as HousingApplicationStatus]));
  return districts.map((district) => {
    const canApplyFrom = dateReachingAge(record.dateOfBirth, { years: district.applicationAgeYears, months: district.applicationAgeMonths });
    const status = applicationIn.get(String(district._id));
    return {
      name: district.name,
      canApplyFrom,
      canApplyNow: compareDates(today, canApplyFrom) >= 0,
      ageWords: ageWords(district.applicationAgeYears, district.applicationAgeMonths),
      application: status ? { status, words: HOUSING_STATUS_WORDS[status] } : null,
      contactEmail: district.housingContactEmail ?? null,
    };
  });
}
