/**
 * A realistic synthetic county for demos: districts, teams of personal advisers, young people aged 16 to 25 in
 * different situations, and the council's ring-fenced apprenticeships. Dates are relative to `today`, so the
 * story is the same whenever the demo runs; a seeded generator makes it the same every time.
 * Every name and detail is invented.
 */
import mongoose from 'mongoose';
import { ensureIndexes } from '../src/lib/database.js';
import { addCalendarMonths, addDays, type LocalDate } from '../src/lib/dates.js';
import { DistrictModel } from '../src/districts/districts.model.js';
import { OrganisationModel } from '../src/employers/organisations.model.js';
import { HousingApplicationModel } from '../src/housing/housing-applications.model.js';
import { OpportunityModel } from '../src/opportunities/opportunities.model.js';
import { ReferralModel } from '../src/referrals/referrals.model.js';
import { CouncilTargetModel } from '../src/reports/council-targets.js';
import { MailOutboxModel } from '../src/notifications/mail-outbox.model.js';
import { queueEmail } from '../src/notifications/queue-email.js';
import { councilYearOf } from '../src/reports/figures-period.js';
import { SECTORS, type Sector } from '../src/opportunities/sectors.js';
import { toStoredHeldQualification } from '../src/qualifications/held-qualifications.js';
import { mulberry32 } from '../src/lib/seeded-random.js';
import { hashPassword } from '../src/users/password.js';
import { UserModel } from '../src/users/users.model.js';
import { YoungPersonModel } from '../src/young-people/young-people.model.js';

export const DEMO_PASSWORD = 'care-leavers-demo';


const DISTRICTS = [
  { code: 'blaby', name: 'Blaby', latitude: 52.575, longitude: -1.165 },
  { code: 'charnwood', name: 'Charnwood', latitude: 52.772, longitude: -1.206 },
  { code: 'harborough', name: 'Harborough', latitude: 52.478, longitude: -0.921 },
  { code: 'hinckley-bosworth', name: 'Hinckley and Bosworth', latitude: 52.541, longitude: -1.373 },
  // A district that signed up to the protocol at 17 and wants 12 weeks' notice.
  { code: 'melton', name: 'Melton', latitude: 52.765, longitude: -0.886, applicationAgeYears: 17, applicationAgeMonths: 0, alertLookaheadWeeks: 12 },
  { code: 'nw-leicestershire', name: 'North West Leicestershire', latitude: 52.722, longitude: -1.366 },
  { code: 'oadby-wigston', name: 'Oadby and Wigston', latitude: 52.592, longitude: -1.088 },
  { code: 'leicester-city', name: 'Leicester City', latitude: 52.636, longitude: -1.139, withinCouncilArea: false },
];

const FIRST_NAMES = ['Aaliyah', 'Ben', 'Callum', 'Demi', 'Ellie', 'Finn', 'Grace', 'Harvey', 'Isla', 'Jayden', 'Kacey', 'Liam', 'Maya', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Reece', 'Sienna', 'Tyler', 'Umar', 'Vanessa', 'Wiktor', 'Xavier', 'Yasmin', 'Zak'];
const LAST_NAMES = ['Adams', 'Begum', 'Carter', 'Dobson', 'Evans', 'Fletcher', 'Gill', 'Hughes', 'Iqbal', 'Jones', 'Kowalski', 'Lewis', 'Mistry', 'Nowak', 'Okafor', 'Patel', 'Reid', 'Singh', 'Taylor', 'Walsh'];

export interface DemoAccount {
  email: string;
  role: string;
  what: string;
}

export async function seedDemoData(today: LocalDate): Promise<DemoAccount[]> {
  const random = mulberry32(20_190_125); // the date of the Leicestershire panel in the seeds
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  await mongoose.connection.db?.dropDatabase();
  await ensureIndexes();

  const districts = await DistrictModel.insertMany(DISTRICTS.map((district) => ({ ...district, housingContactEmail: `housing@${district.code}.example.gov.uk`, housingContactAddress: `Housing Options, ${district.name} Council Offices` })));
  const districtByCode = new Map(districts.map((district) => [district.code, district]));
  const districtId = (code: string) => districtByCode.get(code)!._id;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const user = (email: string, name: string, role: string, extra: Record<string, unknown> = {}) => ({ email, name, role, passwordHash, emailVerifiedAt: new Date(), ...extra });
  const users = await UserModel.insertMany([
    user('admin@demo.test', 'Alex Admin', 'admin'),
    user('manager.north@demo.test', 'Morgan North', 'manager', { team: 'north' }),
    user('manager.south@demo.test', 'Sam South', 'manager', { team: 'south' }),
    user('pa.amira@demo.test', 'Amira Khan', 'personal_adviser', { team: 'north' }),
    user('pa.ben@demo.test', 'Ben Walters', 'personal_adviser', { team: 'north' }),
    user('pa.chloe@demo.test', 'Chloe Grant', 'personal_adviser', { team: 'south' }),
    user('pa.dev@demo.test', 'Dev Sharma', 'personal_adviser', { team: 'south' }),
    user('housing.charnwood@demo.test', 'Hannah Charnwood', 'housing_officer', { districtIds: [districtId('charnwood')] }),
    user('housing.blaby@demo.test', 'Harry Blaby', 'housing_officer', { districtIds: [districtId('blaby'), districtId('oadby-wigston')] }),
  ]);
  const advisers = users.filter((candidate) => candidate.role === 'personal_adviser');

  const districtCodes = DISTRICTS.map((district) => district.code);
  const youngPeople = [];
  for (let index = 0; index < 48; index += 1) {
    const ageMonths = 16 * 12 + Math.floor(random() * (9 * 12 + 6)); // 16y0m to 25y5m
    const dateOfBirth = addDays(addCalendarMonths(today, -ageMonths), -Math.floor(random() * 28));
    const adviser = advisers[index % advisers.length]!;
    const home = pick(districtCodes.slice(0, 7));
    const under18 = ageMonths < 18 * 12;
    youngPeople.push({
      sourceSystemId: `LCS-${100_000 + index}`,
      firstName: FIRST_NAMES[index % FIRST_NAMES.length],
      lastName: pick(LAST_NAMES),
      dateOfBirth,
      email: `young.person${index}@example.test`,
      phone: `07700 900${String(100 + index).padStart(3, '0')}`,
      careStatus: under18 && random() < 0.7 ? 'in_care' : 'care_leaver',
      legalCategory: under18 ? pick(['eligible', 'relevant']) : pick(['former_relevant', 'former_relevant', 'qualifying']),
      personalAdviserId: adviser._id,
      team: adviser.team,
      homeDistrictId: districtId(home),
      preferredDistrictIds: random() < 0.4 ? [districtId(pick(districtCodes))] : [],
      maxTravelKm: pick([10, 15, 20, 30]),
      interests: [...new Set([pick(SECTORS), pick(SECTORS)])] as Sector[],
      // As certificates say them: GCSE titles and grades, sometimes Functional Skills; levels follow from them.
      qualifications: [
        random() < 0.8 ? { type: 'gcse' as const, subject: 'Mathematics', grade: pick(['2', '3', '3', '4', '4', '5', '6', '7']) } : { type: 'functional_skills' as const, subject: 'Maths', level: pick([1, 2]) },
        random() < 0.8 ? { type: 'gcse' as const, subject: pick(['English Language', 'English Language', 'English Literature']), grade: pick(['3', '3', '4', '4', '5', '6', '7']) } : { type: 'functional_skills' as const, subject: 'English', level: pick([1, 2]) },
        ...(random() < 0.25 ? [{ type: 'btec' as const, subject: 'Business', level: 3, grade: 'Merit' }] : []),
      ].map(toStoredHeldQualification),
      activityCode: pick(['F2', 'P2', 'F4', 'F5', 'P5', 'G5', 'G5', 'G4', 'G6', 'F1']),
      accommodationCode: pick(['B1', 'D1', 'E1', 'T1', 'U1', 'U1', 'Z1', 'K2', 'V2']),
      employerSharing: pick(['nothing', 'anonymous_profile', 'anonymous_profile', 'name_and_contact']),
      employerMayKnowCareLeaver: random() < 0.6,
      shareWithHousing: random() < 0.75,
      pathwayPlanReviewDate: addDays(today, Math.floor(random() * 200) - 40),
      lastContactDate: addDays(today, -Math.floor(random() * 80)),
      careHistoryNotes: 'Synthetic demo record. Placement history and case notes would be here; only caseworkers see them.',
    });
  }
  // Planted stories a PA or housing officer can find in the demo:
  const [story1, story2, story3] = youngPeople;
  Object.assign(story1!, { firstName: 'Kacey', dateOfBirth: addDays(addCalendarMonths(today, -(17 * 12 + 6)), 21), homeDistrictId: districtId('charnwood'), shareWithHousing: true, careStatus: 'in_care', legalCategory: 'eligible' }); // 17½ in three weeks
  Object.assign(story2!, { firstName: 'Reece', dateOfBirth: addDays(addCalendarMonths(today, -18 * 12), 30), inCustody: true, expectedReleaseDate: addDays(today, 16), accommodationCode: 'X2', homeDistrictId: districtId('blaby'), shareWithHousing: true, legalCategory: 'relevant', careStatus: 'care_leaver' }); // leaves custody two weeks before 18
  Object.assign(story3!, { firstName: 'Maya', interests: ['digital'], qualifications: [{ type: 'gcse' as const, subject: 'English Language', grade: '5' }, { type: 'gcse' as const, subject: 'Mathematics', grade: '3' }].map(toStoredHeldQualification), homeDistrictId: districtId('charnwood'), employerSharing: 'anonymous_profile', pathwayPlanReviewDate: addDays(today, -10) }); // a Level 2 maths short of the digital apprenticeship
  const savedPeople = await YoungPersonModel.insertMany(youngPeople);
  // Maya has her own account (issue 18): she sees her openings, says what she wants and what she shares.
  await UserModel.insertMany([user('maya@demo.test', 'Maya', 'young_person', { youngPersonId: savedPeople[2]!._id })]);

  const council = { providerName: 'Leicestershire County Council', organisationId: null, status: 'open', eligibleCareStatus: 'both', sharingNeeded: 'anonymous_profile', wageType: 'national_minimum_wage_for_apprentices', weeklyHours: 37, durationMonths: 18, minAgeAtStart: 16, maxAgeAtStart: 24,
    // GOV.UK's short description (50-350 characters), what the apprentice will do, and a few skills.
    description: 'A paid apprenticeship with the county council: learn on the job with a named mentor and a day a week at college.',
    whatYouWillDo: 'Work alongside an experienced colleague, take on more as you learn, and finish with a nationally recognised qualification.',
    skills: ['Reliability', 'Willingness to learn'], areas: ['education_employment_training'] };
  const twoGcses = (level: number) => [
    { subject: 'Maths', subjectKey: 'maths', level, grade: null },
    { subject: 'English', subjectKey: 'english', level, grade: null },
  ];
  await OpportunityModel.insertMany([
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Business Administration Apprentice', sector: 'business_and_administration', level: 3, districtId: districtId('charnwood'), places: 2, closingDate: addDays(today, 6), startDate: addDays(today, 45), requiredQualifications: twoGcses(2) },
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'IT Support Apprentice', sector: 'digital', level: 3, districtId: districtId('charnwood'), places: 1, closingDate: addDays(today, 20), startDate: addDays(today, 60), requiredQualifications: twoGcses(2) },
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Highways Operative Apprentice', sector: 'construction_and_the_built_environment', level: 2, districtId: districtId('nw-leicestershire'), places: 1, closingDate: addDays(today, 30), startDate: addDays(today, 75), requiredQualifications: [] },
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Care Worker Apprentice', sector: 'care_services', level: 2, districtId: districtId('blaby'), places: 1, closingDate: addDays(today, 12), startDate: addDays(today, 50), requiredQualifications: [{ subject: 'English', subjectKey: 'english', level: 1, grade: null }] },
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Catering Apprentice (school kitchens)', sector: 'catering_and_hospitality', level: 2, districtId: districtId('harborough'), places: 1, closingDate: addDays(today, 25), startDate: addDays(today, 70), requiredQualifications: [] },
    { ...council, kind: 'ring_fenced_apprenticeship', ringFenced: true, title: 'Library and Customer Service Apprentice', sector: 'sales_marketing_and_procurement', level: 2, districtId: districtId('oadby-wigston'), places: 1, closingDate: addDays(today, 40), startDate: addDays(today, 90), requiredQualifications: twoGcses(1) },
    { ...council, kind: 'work_experience', ringFenced: false, title: 'Two-week placement in the Virtual School office', sector: 'education_and_early_years', level: null, districtId: districtId('blaby'), places: 3, closingDate: addDays(today, 14), startDate: addDays(today, 28), durationMonths: null, wageType: 'unpaid', description: 'Two weeks in the office.', whatYouWillDo: null, skills: [] },
    { ...council, kind: 'benefit', ringFenced: false, title: 'Free county travel card for a year', sector: null, level: null, remote: true, districtId: null, places: 50, closingDate: addDays(today, 120), startDate: null, benefitType: 'travel_card', sharingNeeded: 'none', wageType: 'not_applicable', minAgeAtStart: 16, maxAgeAtStart: 24, durationMonths: 12, description: 'A county travel card.', whatYouWillDo: null, skills: [], areas: ['independent_living', 'finance'] },
  ]);

  // Covenant signatories: two approved with live offers, one waiting for the council's approval.
  const organisation = (name: string, sector: Sector, district: string, status: string, extra: Record<string, unknown> = {}) => ({
    name, sector, size: 'small', status, districtId: districtId(district),
    address: { line1: '1 High Street', town: DISTRICTS.find((d) => d.code === district)!.name, postcode: 'LE1 1AA' },
    contact: { name: 'Recruitment team', email: `jobs@${name.toLowerCase().replace(/[^a-z]/g, '')}.example.com` },
    covenant: { signedOn: '2024-03-01', pledgedOutcomeAreas: ['education_employment_training', 'independent_living'] },
    ...extra,
  });
  const [greenfield, soarValley, wreake] = await OrganisationModel.insertMany([
    organisation('Greenfield Foods', 'catering_and_hospitality', 'charnwood', 'approved', { companiesHouseNumber: '01234567' }),
    organisation('Soar Valley Builders', 'construction_and_the_built_environment', 'blaby', 'approved'),
    // Waiting a week and a half: over the council's 3-working-day target on the approvals queue.
    organisation('Wreake Community Trust', 'care_services', 'melton', 'pending_approval', { charityNumber: '1123456', statusChangedAt: new Date(`${addDays(today, -8)}T10:00:00Z`) }),
  ]);
  const employerUsers = await UserModel.insertMany([
    user('employer.greenfield@demo.test', 'Gina Green', 'employer', { organisationId: greenfield!._id }),
    user('employer.soarvalley@demo.test', 'Stan Soar', 'employer', { organisationId: soarValley!._id }),
    // Signed up and confirmed their email; the council has not approved the trust yet.
    user('employer.wreake@demo.test', 'Willow Wreake', 'employer', { organisationId: wreake!._id }),
  ]);
  const offer = { status: 'open', eligibleCareStatus: 'both', sharingNeeded: 'anonymous_profile', minAgeAtStart: 16, maxAgeAtStart: 24, requiredQualifications: [], ringFenced: false, areas: ['education_employment_training'] };
  const employerOffers = await OpportunityModel.insertMany([
    { ...offer, kind: 'job', title: 'Kitchen Assistant (with training)', sector: 'catering_and_hospitality', organisationId: greenfield!._id, providerName: 'Greenfield Foods', districtId: districtId('charnwood'), places: 2, closingDate: addDays(today, 9), startDate: addDays(today, 30), wageType: 'national_living_wage', weeklyHours: 30, createdByUserId: employerUsers[0]!._id },
    { ...offer, kind: 'work_experience', title: 'Site experience week', sector: 'construction_and_the_built_environment', organisationId: soarValley!._id, providerName: 'Soar Valley Builders', districtId: districtId('blaby'), places: 4, closingDate: addDays(today, 5), startDate: addDays(today, 21), wageType: 'unpaid', createdByUserId: employerUsers[1]!._id },
    { ...offer, kind: 'mentoring', title: 'Six months with a mentor from the trades', sector: 'construction_and_the_built_environment', organisationId: soarValley!._id, providerName: 'Soar Valley Builders', remote: true, districtId: null, areas: ['education_employment_training', 'mental_physical_health'], places: 5, closingDate: addDays(today, 60), startDate: addDays(today, 75), wageType: 'not_applicable', createdByUserId: employerUsers[1]!._id },
    { ...offer, kind: 'benefit', title: 'Ten driving lessons', sector: null, benefitType: 'driving_lessons', sharingNeeded: 'none', organisationId: greenfield!._id, providerName: 'Greenfield Foods', remote: false, national: true, districtId: null, areas: ['independent_living'], places: 10, closingDate: addDays(today, 90), startDate: null, minAgeAtStart: 17, wageType: 'not_applicable', createdByUserId: employerUsers[0]!._id },
    { ...offer, status: 'pending_approval', submittedAt: new Date(`${addDays(today, -1)}T10:00:00Z`), kind: 'apprenticeship', title: 'Bakery Apprentice', sector: 'catering_and_hospitality', level: 2, organisationId: greenfield!._id, providerName: 'Greenfield Foods', districtId: districtId('charnwood'), places: 1, closingDate: addDays(today, 35), startDate: addDays(today, 80), wageType: 'national_minimum_wage_for_apprentices', weeklyHours: 37.5, durationMonths: 15,
      description: 'Learn to bake bread and cakes at scale in a family bakery, with a day a week at college towards a Level 2 qualification.', whatYouWillDo: 'Weigh, mix and bake to recipes, keep the bakery clean and safe, and help with deliveries.', skills: ['Early starts', 'Care with hygiene'],
      requiredQualifications: [{ subject: 'Maths', subjectKey: 'maths', level: 1, grade: null, importance: 'essential' }, { subject: 'Food Hygiene', subjectKey: 'food hygiene', level: 2, grade: null, importance: 'desirable' }], createdByUserId: employerUsers[0]!._id },
    // Sent back by the council with a reason: the employer sees what to change at the top of the offer.
    { ...offer, status: 'draft', kind: 'apprenticeship', title: 'Bricklaying Apprentice', sector: 'construction_and_the_built_environment', level: 2, organisationId: soarValley!._id, providerName: 'Soar Valley Builders', districtId: districtId('blaby'), places: 1, closingDate: addDays(today, 40), startDate: addDays(today, 85), wageType: 'national_minimum_wage_for_apprentices', weeklyHours: 37.5, durationMonths: 24,
      description: 'Learn to lay bricks and blocks on real sites with a small family firm, with a day a week at college towards a Level 2 qualification.', whatYouWillDo: 'Mix mortar, set out and lay bricks and blocks, and keep the site tidy and safe.', skills: ['Working outdoors', 'Teamwork'],
      sentBackReason: 'Please say how many hours a week are at college and on site, and add the travel arrangements to sites outside Blaby.', sentBackFields: ['weeklyHours', 'whatYouWillDo'], sendBackSnapshot: { title: 'Bricklaying Apprentice', weeklyHours: 37.5, whatYouWillDo: 'Mix mortar, set out and lay bricks and blocks, and keep the site tidy and safe.' }, createdByUserId: employerUsers[1]!._id },
    // Last intake, closed and filled: its apprentice started a month ago (the incentive is due), and it can be copied for the next one.
    { ...offer, status: 'closed', closedReason: 'closing_date', kind: 'apprenticeship', title: 'Catering Apprentice (spring intake)', sector: 'catering_and_hospitality', level: 2, organisationId: greenfield!._id, providerName: 'Greenfield Foods', districtId: districtId('charnwood'), places: 1, placesFilled: 1, closingDate: addDays(today, -60), startDate: addDays(today, -30), wageType: 'national_minimum_wage_for_apprentices', weeklyHours: 37.5, durationMonths: 12,
      description: 'Learn to cook for a busy canteen and events kitchen, with a day a week at college towards a Level 2 commis chef qualification.', whatYouWillDo: 'Prepare food to recipes, keep the kitchen clean and safe, and help serve at events.', skills: ['Teamwork', 'Care with hygiene'], createdByUserId: employerUsers[0]!._id },
  ]);
  const springCatering = employerOffers.at(-1)!;
  const kitchenJob = employerOffers[0]!;
  await CouncilTargetModel.create({ councilYear: councilYearOf(today), ringFencedApprenticeshipPlaces: 6, updatedByUserId: users[0]!._id }); // seed 002: six in post by April

  // Referrals in progress, and a housing application already made.
  const saved = await YoungPersonModel.find({}, { personalAdviserId: 1, team: 1, employerSharing: 1, employerMayKnowCareLeaver: 1, dateOfBirth: 1 }).sort({ sourceSystemId: 1 }).lean();
  const sharers = saved.filter((person) => person.employerSharing !== 'nothing');
  const moved = (stage: string, daysAgo: number, by: mongoose.Types.ObjectId, byRole: string) => ({ stage, at: new Date(`${addDays(today, -daysAgo)}T10:00:00Z`), byUserId: by, byRole });
  await ReferralModel.insertMany(
    sharers.slice(3, 6).map((person, index) => ({
      youngPersonId: person._id, opportunityId: kitchenJob!._id, organisationId: greenfield!._id, personalAdviserId: person.personalAdviserId, team: person.team,
      referralCode: `R-DEMO${index + 1}XYZ`, stage: index === 0 ? 'informal_meeting' : 'referred', informalMeetingDate: index === 0 ? addDays(today, 1) : null,
      lastMovedAt: new Date(`${addDays(today, index === 2 ? -25 : -3)}T10:00:00Z`),
      history: [moved('referred', index === 2 ? 25 : 6, person.personalAdviserId, 'personal_adviser'), ...(index === 0 ? [moved('informal_meeting', 3, employerUsers[0]!._id, 'employer')] : [])],
    })),
  );
  // The spring apprentice: shares name and contact, lets the employer know they are a care leaver, under 25 at the start.
  const startedOn = addDays(today, -30);
  const apprentice = sharers.slice(6).find((person) => person.employerSharing === 'name_and_contact' && person.employerMayKnowCareLeaver && person.dateOfBirth > addCalendarMonths(startedOn, -24 * 12))!;
  const step = (stage: string, daysAgo: number, by: mongoose.Types.ObjectId, byRole: string) => ({ ...moved(stage, daysAgo, by, byRole), eventDate: addDays(today, -daysAgo) });
  await ReferralModel.create({
    youngPersonId: apprentice._id, opportunityId: springCatering._id, organisationId: greenfield!._id, personalAdviserId: apprentice.personalAdviserId, team: apprentice.team,
    referralCode: 'R-DEMO4XYZ', stage: 'started', lastMovedAt: new Date(`${startedOn}T10:00:00Z`),
    informalMeetingDate: addDays(today, -70), workTrialDate: addDays(today, -60), offeredDate: addDays(today, -50), startDate: startedOn,
    bursaryAmountPence: 300_000, employerIncentiveStatus: 'due', employerIncentiveAmountPence: 100_000,
    history: [step('referred', 75, apprentice.personalAdviserId, 'personal_adviser'), step('informal_meeting', 70, employerUsers[0]!._id, 'employer'), step('work_trial', 60, employerUsers[0]!._id, 'employer'), step('offered', 50, employerUsers[0]!._id, 'employer'), step('started', 30, employerUsers[0]!._id, 'employer')],
  });

  const housed = saved[6]!;
  await HousingApplicationModel.create({ youngPersonId: housed._id, districtId: districtId('charnwood'), status: 'application_submitted', submittedDate: addDays(today, -12), createdByUserId: housed.personalAdviserId, history: [{ status: 'application_submitted', at: new Date(`${addDays(today, -12)}T10:00:00Z`), byUserId: housed.personalAdviserId, byRole: 'personal_adviser', date: addDays(today, -12) }] });

  // An email the council's mail server refused (the address was mistyped, since corrected): on "Failed emails" to retry.
  const greenfieldUser = employerUsers[0]!;
  await queueEmail({ dedupeKey: 'demo:failed-offer-notice', kind: 'immediate', to: greenfieldUser.email, recipientUserId: String(greenfieldUser._id), subject: 'Your offer Kitchen Assistant (with training) was approved', text: 'Your offer Kitchen Assistant (with training) was approved and is open: personal advisers can now refer young people to it.' }, new Date());
  await MailOutboxModel.updateOne({ dedupeKey: 'demo:failed-offer-notice' }, { $set: { status: 'failed', attempts: 5, lastError: '550 5.1.1 mailbox unavailable', failedAt: new Date() } });

  return [
    { email: 'admin@demo.test', role: 'admin', what: 'everything, accounts and districts' },
    { email: 'manager.north@demo.test', role: 'manager', what: 'the north team, approvals, reports' },
    { email: 'pa.amira@demo.test', role: 'personal_adviser', what: 'a caseload of 12 (north)' },
    { email: 'pa.chloe@demo.test', role: 'personal_adviser', what: 'a caseload of 12 (south)' },
    { email: 'housing.charnwood@demo.test', role: 'housing_officer', what: 'Charnwood early applications' },
    { email: 'employer.greenfield@demo.test', role: 'employer', what: 'Greenfield Foods: offers, referrals, an incentive due' },
    { email: 'employer.soarvalley@demo.test', role: 'employer', what: 'Soar Valley Builders: an offer sent back to fix' },
    { email: 'employer.wreake@demo.test', role: 'employer', what: 'Wreake Community Trust: waiting for approval' },
    { email: 'housing.blaby@demo.test', role: 'housing_officer', what: 'Blaby: someone leaving custody near 18' },
    { email: 'maya@demo.test', role: 'young_person', what: 'Maya: her openings, interests and sharing' },
  ];
}
