import { DistrictModel } from '../districts/districts.model.js';
import type { LocalDate } from '../lib/dates.js';
import type { HousingApplicationStatus } from '../housing/housing-application-statuses.js';
import { UserModel } from '../users/users.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { tellSafely, type ActivityContext, type ActivityNotice } from './referral-activity.js';

/** A step of a housing application as the housing capability recorded it. */
export interface HousingStep {
  applicationId: string;
  youngPersonId: string;
  districtId: string;
  status: HousingApplicationStatus;
  /** The index of the step in the application's history: unique per step, so a retold step is stored once. */
  stepNumber: number;
  date: LocalDate;
  byRole: string;
}

/** Active housing officers working for a district. */
async function districtHousingOfficers(districtId: string): Promise<string[]> {
  const officers = await UserModel.find({ role: 'housing_officer', districtIds: districtId, active: true }, { _id: 1 }).lean();
  return officers.map((officer) => String(officer._id));
}

/**
 * Whoever must act next hears of a housing step: the young person's PA when a housing officer moves the
 * application (registered, an offer, a refusal: the PA helps the young person with each), and the district's
 * housing officers when a PA or council staff record a step, if the young person shares with housing (otherwise
 * the officers cannot see the application, so they are not told of it). Subjects carry no name.
 */
export async function housingStepNotices(step: HousingStep): Promise<ActivityNotice[]> {
  const [person, district] = await Promise.all([
    YoungPersonModel.findById(step.youngPersonId, { firstName: 1, preferredName: 1, personalAdviserId: 1, shareWithHousing: 1 }).lean(),
    DistrictModel.findById(step.districtId, { name: 1 }).lean(),
  ]);
  if (!person || !district) return [];
  const base = {
    kind: 'housing_application_moved' as const, variant: step.status, urgency: 'soon' as const, youngPersonId: step.youngPersonId, date: step.date,
    subjectKey: `housing-application:${step.applicationId}/step:${step.stepNumber}`,
    facts: { firstName: person.preferredName ?? person.firstName, districtName: district.name, stage: step.status, date: step.date },
  };
  if (step.byRole === 'housing_officer') {
    return [{ ...base, audience: 'personal_adviser', recipientUserIds: [String(person.personalAdviserId)], link: `/housing-applications/${step.applicationId}` }];
  }
  if (!person.shareWithHousing) return [];
  return [{ ...base, audience: 'housing_officer', recipientUserIds: await districtHousingOfficers(step.districtId), link: `/housing-applications/${step.applicationId}` }];
}

/** Tells the other side of a housing step; never fails the step (see tellSafely). */
export function tellOfHousingStep(context: ActivityContext, step: HousingStep): Promise<void> {
  return tellSafely(context, `housing-application:${step.applicationId}`, () => housingStepNotices(step));
}
