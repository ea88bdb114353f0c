/**
 * Seeded, repeatable caseloads for the reminders benchmark: districts, PAs with caseloads of about 50, young
 * people aged 16-25 with realistic review and contact dates, openings and referrals. No real person is in here.
 */
import mongoose from 'mongoose';
import { addCalendarMonths, addDays, type LocalDate } from '../../src/lib/dates.js';
import { SECTORS } from '../../src/opportunities/sectors.js';
import { Random } from '../matching/synthetic-data.js';

const oid = () => new mongoose.Types.ObjectId();

export interface SeedCounts {
  youngPeople: number;
  districts: number;
  caseload: number;
  openings: number;
  referrals: number;
}

export async function seedCaseloads(db: mongoose.mongo.Db, today: LocalDate, counts: SeedCounts, seed = 20_260_301): Promise<{ advisers: number }> {
  const random = new Random(seed);
  const districts = Array.from({ length: counts.districts }, (_, i) => ({
    _id: oid(), code: `bench-${i}`, name: `District ${i}`, applicationAgeYears: 17, applicationAgeMonths: random.chance(0.2) ? 0 : 6, alertLookaheadWeeks: random.pick([6, 8, 12]),
    alertChannels: random.pick(['email', 'in_service', 'both']), latitude: 52 + random.next(), longitude: -1.5 + random.next(), withinCouncilArea: true, housingContactEmail: null, housingContactAddress: null,
  }));
  await db.collection('districts').insertMany(districts);
  const advisers = Math.ceil(counts.youngPeople / counts.caseload);
  const users = [
    ...Array.from({ length: advisers }, (_, i) => ({ _id: oid(), email: `pa-${i}@bench.test`, name: `PA ${i}`, role: 'personal_adviser', active: true, team: `team-${i % 40}`, districtIds: [], organisationId: null })),
    ...districts.flatMap((district, i) => [0, 1].map((n) => ({ _id: oid(), email: `housing-${i}-${n}@bench.test`, name: `Housing ${i}.${n}`, role: 'housing_officer', active: true, team: null, districtIds: [district._id], organisationId: null }))),
    ...Array.from({ length: 5 }, (_, i) => ({ _id: oid(), email: `admin-${i}@bench.test`, name: `Admin ${i}`, role: i < 2 ? 'admin' : 'manager', active: true, team: 'team-0', districtIds: [], organisationId: null })),
  ];
  await db.collection('users').insertMany(users);
  const adviserIds = users.filter((user) => user.role === 'personal_adviser').map((user) => user._id);

  const youngPeopleIds: mongoose.Types.ObjectId[] = [];
  for (let start = 0; start < counts.youngPeople; start += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, counts.youngPeople - start) }, () => {
      const _id = oid();
      youngPeopleIds.push(_id);
      const dateOfBirth = addDays(addCalendarMonths(today, -16 * 12), -random.int(0, 9 * 365));
      const inCustody = random.chance(0.004);
      // Reviews every six months: most due in the coming six months, some overdue (what inspections find).
      const pathwayPlanReviewDate = random.chance(0.1) ? null : addDays(today, random.chance(0.08) ? -random.int(1, 90) : random.int(0, 182));
      const lastContactDate = random.chance(0.05) ? null : addDays(today, -(random.chance(0.06) ? random.int(57, 200) : random.int(0, 55)));
      const home = random.pick(districts)._id;
      return {
        _id, sourceSystemId: `BENCH-${String(_id)}`, firstName: `Young${random.int(1, 9999)}`, lastName: `Person${random.int(1, 9999)}`, preferredName: null, dateOfBirth, email: null, phone: null,
        careStatus: random.chance(0.25) ? 'in_care' : 'care_leaver', legalCategory: 'former_relevant', personalAdviserId: random.pick(adviserIds), team: 'team-0', homeDistrictId: home,
        preferredDistrictIds: random.chance(0.3) ? [random.pick(districts)._id] : [], maxTravelKm: random.pick([5, 10, 15, 25]), interests: random.sample(SECTORS, random.int(1, 3)),
        qualifications: random.chance(0.6) ? [{ subject: 'English', subjectKey: 'english', level: random.int(1, 3), grade: null }, { subject: 'Maths', subjectKey: 'maths', level: random.int(1, 3), grade: null }] : [],
        activityCode: null, accommodationCode: null, inCustody, expectedReleaseDate: inCustody ? addDays(today, random.int(1, 300)) : null, hasDisability: false, inHigherEducation: false,
        employerSharing: random.pick(['nothing', 'anonymous_profile', 'name_and_contact']), employerMayKnowCareLeaver: random.chance(0.5), shareWithHousing: random.chance(0.6),
        pathwayPlanReviewDate, lastContactDate, careHistoryNotes: 'Synthetic care history (never read by the scan)', archivedAt: null, createdAt: new Date(), updatedAt: new Date(),
      };
    });
    await db.collection('young_people').insertMany(batch, { ordered: false });
  }

  const openings = Array.from({ length: counts.openings }, () => {
    const status = random.weighted([['open', 8], ['pending_approval', 1], ['closed', 1]] as const);
    return {
      _id: oid(), kind: random.pick(['apprenticeship', 'ring_fenced_apprenticeship', 'job', 'work_experience']), title: `Bench opening ${random.int(1, 99_999)}`, description: '', organisationId: random.chance(0.7) ? oid() : null,
      providerName: 'Bench Ltd', sector: random.pick(SECTORS), level: 2, ringFenced: random.chance(0.3), status, districtId: random.pick(districts)._id, remote: random.chance(0.05), places: random.int(1, 4), placesFilled: 0,
      closingDate: addDays(today, random.int(-10, 60)), startDate: addDays(today, random.int(61, 120)), minAgeAtStart: 16, maxAgeAtStart: 24, eligibleCareStatus: 'both', requiredQualifications: random.chance(0.5) ? [{ subject: 'English', subjectKey: 'english', level: 2, grade: null }] : [],
      sharingNeeded: 'anonymous_profile', submittedAt: status === 'pending_approval' ? new Date(`${addDays(today, -random.int(0, 10))}T10:00:00Z`) : null, createdAt: new Date(), updatedAt: new Date(),
    };
  });
  await db.collection('opportunities').insertMany(openings);

  const referrals = Array.from({ length: counts.referrals }, (_, i) => {
    const stage = random.weighted([['referred', 5], ['informal_meeting', 2], ['work_trial', 1], ['offered', 1], ['started', 1], ['declined', 2]] as const);
    const opening = random.pick(openings);
    return {
      _id: oid(), youngPersonId: random.pick(youngPeopleIds), opportunityId: opening._id, organisationId: opening.organisationId, personalAdviserId: random.pick(adviserIds), team: 'team-0', referralCode: `BENCH-${i}`, stage, history: [],
      lastMovedAt: new Date(`${addDays(today, -random.int(0, 40))}T10:00:00Z`), informalMeetingDate: stage === 'informal_meeting' ? addDays(today, random.int(-3, 10)) : null, workTrialDate: stage === 'work_trial' ? addDays(today, random.int(-3, 10)) : null,
      startDate: stage === 'started' ? addDays(today, -random.int(0, 300)) : null, bursaryAmountPence: stage === 'started' ? 300_000 : null, employerIncentiveStatus: stage === 'started' ? random.pick(['due', 'not_due', 'claimed']) : null,
      createdAt: new Date(), updatedAt: new Date(),
    };
  });
  try {
    await db.collection('referrals').insertMany(referrals, { ordered: false });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error; // a random pair drawn twice: keep one
  }
  return { advisers };
}
