/**
 * The matching benchmark's seeded synthetic England (bench/matching/synthetic-data.ts) as database
 * records: districts, personal advisers in teams, young people and opportunities, with every schema
 * default filled in (built through the models), written straight to the driver in batches, as
 * another process (an import, another instance) would. No real person is in here.
 */
import mongoose from 'mongoose';
import { DistrictModel } from '../../src/districts/districts.model.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { subjectKey } from '../../src/qualifications/subject-vocabulary.js';
import { UserModel } from '../../src/users/users.model.js';
import { YoungPersonModel } from '../../src/young-people/young-people.model.js';
import type { World } from '../matching/synthetic-data.js';

export interface WorldInDatabase {
  districtIds: Map<string, mongoose.Types.ObjectId>;
  youngPersonIds: mongoose.Types.ObjectId[];
  opportunityIds: mongoose.Types.ObjectId[];
  /** Personal advisers by team ('team-0', ...). */
  teams: string[];
  /** The documents written, as the database holds them (for references computed without reading them back). */
  documents: { youngPeople: Record<string, unknown>[]; opportunities: Record<string, unknown>[] };
}

const BATCH = 2_000;

async function insertInBatches(collection: mongoose.mongo.Collection, documents: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < documents.length; start += BATCH) {
    await collection.insertMany(documents.slice(start, start + BATCH), { ordered: false });
  }
}

const plain = (document: mongoose.Document) => document.toObject({ depopulate: true, versionKey: false }) as Record<string, unknown>;

/** Writes `world` into the connected database; young people are spread over `teams` teams of PAs with caseloads of `caseload`. */
export async function insertWorld(world: World, options: { teams: number; caseload: number }): Promise<WorldInDatabase> {
  const now = new Date();
  const db = mongoose.connection.db!;
  const districtIds = new Map(world.centroids.map((centroid) => [centroid.id, new mongoose.Types.ObjectId()]));
  await insertInBatches(
    db.collection('districts'),
    world.centroids.map((centroid, i) => ({ ...plain(new DistrictModel({ _id: districtIds.get(centroid.id), code: `W${String(i).padStart(6, '0')}`, name: `District ${i}`, latitude: centroid.lat, longitude: centroid.lng })), createdAt: now, updatedAt: now })),
  );
  const teams = Array.from({ length: options.teams }, (_, i) => `team-${i}`);
  const advisers = Array.from({ length: Math.max(1, Math.ceil(world.youngPeople.length / options.caseload)) }, (_, i) => ({ _id: new mongoose.Types.ObjectId(), team: teams[i % teams.length]! }));
  await insertInBatches(
    db.collection('users'),
    advisers.map((adviser, i) => ({ ...plain(new UserModel({ _id: adviser._id, email: `pa-${i}@bench.test`, name: `PA ${i}`, role: 'personal_adviser', team: adviser.team, passwordHash: null })), createdAt: now, updatedAt: now })),
  );
  const youngPersonIds = world.youngPeople.map(() => new mongoose.Types.ObjectId());
  const youngPeople = world.youngPeople.map((person, i) => {
    const adviser = advisers[i % advisers.length]!;
    const [home, ...preferred] = person.districtIds.map((id) => districtIds.get(id)!);
    return {
      ...plain(new YoungPersonModel({
        _id: youngPersonIds[i], sourceSystemId: `BENCH-${i}`, firstName: `Young${i}`, lastName: `Person${i}`, dateOfBirth: person.dateOfBirth,
        careStatus: person.careStatus, legalCategory: 'former_relevant', personalAdviserId: adviser._id, team: adviser.team, homeDistrictId: home, preferredDistrictIds: preferred,
        maxTravelKm: person.maxTravelKm, interests: person.interests, employerSharing: person.employerSharing,
        qualifications: person.qualifications.map((q) => ({ subject: q.subject, subjectKey: subjectKey(q.subject), level: q.level, grade: q.grade ?? null })),
      })),
      createdAt: now,
      updatedAt: now,
    };
  });
  await insertInBatches(db.collection('young_people'), youngPeople);
  const opportunityIds = world.opportunities.map(() => new mongoose.Types.ObjectId());
  const opportunities = world.opportunities.map((opportunity, i) => ({
    ...plain(new OpportunityModel({
      _id: opportunityIds[i], kind: opportunity.kind, title: opportunity.title, providerName: 'Bench Ltd', sector: opportunity.sector, ringFenced: opportunity.ringFenced, status: opportunity.status,
      districtId: opportunity.districtId === null ? null : districtIds.get(opportunity.districtId), remote: opportunity.remote, places: opportunity.places, placesFilled: opportunity.placesFilled,
      closingDate: opportunity.closingDate, startDate: opportunity.startDate, minAgeAtStart: opportunity.minAgeAtStart, maxAgeAtStart: opportunity.maxAgeAtStart, eligibleCareStatus: opportunity.eligibleCareStatus,
      sharingNeeded: opportunity.sharingNeeded,
      requiredQualifications: opportunity.requiredQualifications.map((q) => ({ subject: q.subject, subjectKey: subjectKey(q.subject), level: q.level, importance: q.importance ?? 'essential' })),
    })),
    createdAt: now,
    updatedAt: now,
  }));
  await insertInBatches(db.collection('opportunities'), opportunities);
  return { districtIds, youngPersonIds, opportunityIds, teams, documents: { youngPeople, opportunities } };
}
