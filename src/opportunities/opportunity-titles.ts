import mongoose from 'mongoose';
import { OpportunityModel } from './opportunities.model.js';

/** Title and provider of openings by id, for lists that show what a young person was referred to. */
export async function opportunityTitles(ids: readonly string[]): Promise<Map<string, { title: string; providerName: string }>> {
  const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length) return new Map();
  const records = await OpportunityModel.find({ _id: { $in: valid } }, { title: 1, providerName: 1 }).lean();
  return new Map(records.map((record) => [String(record._id), { title: record.title, providerName: record.providerName }]));
}
