import { DistrictModel, type DistrictRecord } from '../districts/districts.model.js';
import { HousingApplicationModel } from '../housing/housing-applications.model.js';
import { AGE_17_AND_A_HALF } from '../lib/age.js';
import { londonDateOf, startOfLondonDay, type LocalDate } from '../lib/dates.js';
import { forbidden } from '../lib/errors.js';
import { effectiveStatus } from '../opportunities/opportunities.lifecycle.js';
import { OpportunityModel } from '../opportunities/opportunities.model.js';
import { eventDateOf, referredDate } from '../referrals/referral-event-dates.js';
import { REFERRAL_EXITS, ReferralModel, type ReferralStage } from '../referrals/referrals.model.js';
import type { Actor } from '../users/roles.js';
import { UserModel } from '../users/users.model.js';
import { YoungPersonModel } from '../young-people/young-people.model.js';
import { accommodation, caseloads, educationEmploymentAndTraining, housingApplicationsByApplicationAge, keepingInTouch, referralFunnel, type ReferralFacts, type YoungPersonFacts } from './reports.figures.js';

/** A manager sees their team's figures; an admin the council's, or one team's with ?team=. */
function teamInScope(actor: Actor, requestedTeam: string | undefined): string | null {
  if (actor.role === 'manager') {
    if (!actor.team) throw forbidden('A manager without a team has no figures to see.');
    return actor.team;
  }
  return requestedTeam ?? null;
}

export async function summaryReport(actor: Actor, now: Date, query: { team?: string | undefined; referralsFrom?: LocalDate | undefined }) {
  const today = londonDateOf(now);
  const team = teamInScope(actor, query.team);
  const teamFilter = team ? { team } : {};

  const [people, advisers, districts] = await Promise.all([
    YoungPersonModel.find({ ...teamFilter, archivedAt: null }, { personalAdviserId: 1, dateOfBirth: 1, careStatus: 1, activityCode: 1, accommodationCode: 1, pathwayPlanReviewDate: 1, lastContactDate: 1, homeDistrictId: 1 }).lean(),
    UserModel.find({ role: 'personal_adviser', active: true, ...teamFilter }, { name: 1 }).lean(),
    DistrictModel.find({}, { applicationAgeYears: 1, applicationAgeMonths: 1 }).lean<DistrictRecord[]>(),
  ]);
  const districtAge = new Map(districts.map((district) => [String(district._id), { years: district.applicationAgeYears, months: district.applicationAgeMonths }]));
  const applications = await HousingApplicationModel.find({ youngPersonId: { $in: people.map((person) => person._id) }, submittedDate: { $ne: null } }, { youngPersonId: 1, submittedDate: 1 }).lean();
  const firstApplication = new Map<string, LocalDate>();
  for (const application of applications) {
    const key = String(application.youngPersonId);
    const previous = firstApplication.get(key);
    if (application.submittedDate && (!previous || application.submittedDate < previous)) firstApplication.set(key, application.submittedDate);
  }
  const facts: YoungPersonFacts[] = people.map((person) => ({
    personalAdviserId: String(person.personalAdviserId),
    dateOfBirth: person.dateOfBirth,
    careStatus: person.careStatus,
    activityCode: person.activityCode ?? null,
    accommodationCode: person.accommodationCode ?? null,
    pathwayPlanReviewDate: person.pathwayPlanReviewDate ?? null,
    lastContactDate: person.lastContactDate ?? null,
    homeDistrictApplicationAge: districtAge.get(String(person.homeDistrictId)) ?? AGE_17_AND_A_HALF,
    firstHousingApplicationDate: firstApplication.get(String(person._id)) ?? null,
  }));

  const referralFilter: Record<string, unknown> = { ...teamFilter };
  if (query.referralsFrom) referralFilter.createdAt = { $gte: startOfLondonDay(query.referralsFrom) };
  const referrals = await ReferralModel.find(referralFilter, { stage: 1, history: 1, createdAt: 1 }).lean();
  // Event dates (the day each step happened), not when it was typed: a start dated next month is not 0 days.
  const referralFacts: ReferralFacts[] = referrals.map((referral) => {
    const outcome = (referral.history ?? []).find((change) => change.stage === 'started' || REFERRAL_EXITS.includes(change.stage as ReferralStage));
    return {
      referredDate: referredDate(referral) ?? londonDateOf(referral.createdAt),
      stage: referral.stage as ReferralStage,
      stagesReached: [...new Set((referral.history ?? []).map((change) => change.stage as ReferralStage)), referral.stage as ReferralStage],
      outcomeDate: outcome ? eventDateOf(outcome) : null,
    };
  });

  // Totalled here rather than with $group: FerretDB v1 returns 0 for `$sum: 1` when the same $group also sums a
  // field, and a council has tens of ring-fenced places, not thousands.
  const ringFenced = await OpportunityModel.find({ ringFenced: true, status: { $in: ['open', 'closed', 'filled'] } }, { status: 1, closingDate: 1, places: 1, placesFilled: 1 }).lean();
  const ringFencedPlaces = {
    opportunities: ringFenced.length,
    places: ringFenced.reduce((sum, opportunity) => sum + opportunity.places, 0),
    filled: ringFenced.reduce((sum, opportunity) => sum + opportunity.placesFilled, 0),
    stillOpen: ringFenced.filter((opportunity) => effectiveStatus(opportunity, today) === 'open').reduce((sum, opportunity) => sum + opportunity.places - opportunity.placesFilled, 0),
  };

  return {
    asAt: today,
    team,
    youngPeople: facts.length,
    caseloads: caseloads(facts, advisers.map((adviser) => ({ id: String(adviser._id), name: adviser.name }))),
    educationEmploymentAndTraining: educationEmploymentAndTraining(facts, today),
    accommodation: accommodation(facts),
    keepingInTouch: keepingInTouch(facts, today),
    housingFrom17AndAHalf: housingApplicationsByApplicationAge(facts, today),
    ringFencedPlaces,
    referrals: referralFunnel(referralFacts),
  };
}
