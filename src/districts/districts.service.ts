import mongoose from 'mongoose';
import { notFound } from '../lib/errors.js';
import { UserModel } from '../users/users.model.js';
import { DistrictModel, type DistrictRecord } from './districts.model.js';
import { allDistricts } from './held-districts.js';
import type { DistrictView } from './districts.schemas.js';
import type { z } from 'zod';
import type { createDistrictBody, updateDistrictBody } from './districts.schemas.js';

export function toDistrictView(district: DistrictRecord): DistrictView {
  return {
    id: String(district._id),
    code: district.code,
    name: district.name,
    housingContactEmail: district.housingContactEmail ?? null,
    housingContactAddress: district.housingContactAddress ?? null,
    applicationAge: { years: district.applicationAgeYears, months: district.applicationAgeMonths },
    alertLookaheadWeeks: district.alertLookaheadWeeks,
    alertChannels: district.alertChannels as DistrictView['alertChannels'],
    latitude: district.latitude,
    longitude: district.longitude,
    withinCouncilArea: district.withinCouncilArea,
  };
}

export async function listDistricts(): Promise<DistrictRecord[]> {
  return (await allDistricts()).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function findDistrict(id: string): Promise<DistrictRecord | null> {
  return mongoose.isValidObjectId(id) ? DistrictModel.findById(id).lean<DistrictRecord>() : null;
}

export async function getDistrict(id: string): Promise<DistrictRecord> {
  const district = await findDistrict(id);
  if (!district) throw notFound('District');
  return district;
}

/** Throws 400-style not found for any id that is not a district, so records never point at nothing. */
export async function assertDistrictsExist(ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await DistrictModel.countDocuments({ _id: { $in: unique } });
  if (found !== unique.length) throw notFound('District');
}

export async function createDistrict(input: z.output<typeof createDistrictBody>): Promise<DistrictView> {
  const created = await DistrictModel.create(input);
  return toDistrictView(created.toObject() as DistrictRecord);
}

export async function updateDistrict(id: string, changes: z.output<typeof updateDistrictBody>): Promise<DistrictView> {
  const updated = await DistrictModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' }).lean<DistrictRecord>();
  if (!updated) throw notFound('District');
  return toDistrictView(updated);
}

/**
 * The active housing officers who work for a district (for alerts: who to tell). Names and emails only.
 * Added for housing (issue 5); uses the users collection's districtIds index.
 */
export async function listHousingOfficersOfDistrict(districtId: string): Promise<{ id: string; name: string; email: string }[]> {
  if (!mongoose.isValidObjectId(districtId)) return [];
  const officers = await UserModel.find({ role: 'housing_officer', active: true, districtIds: districtId }, { name: 1, email: 1 }).sort({ name: 1, _id: 1 }).lean();
  return officers.map((officer) => ({ id: String(officer._id), name: officer.name, email: officer.email }));
}
