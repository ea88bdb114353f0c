import mongoose, { Schema } from 'mongoose';
import type { RequestContext } from '../lib/http/api.js';

/**
 * The council's yearly targets, one document per council year (April to March, named by the year it starts in):
 * seed 002 set "six ring-fenced apprenticeships in post by April"; admins set each year's number.
 */
const councilTargetSchema = new Schema(
  {
    councilYear: { type: Number, required: true },
    ringFencedApprenticeshipPlaces: { type: Number, required: true, min: 0 },
    updatedByUserId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'council_targets' },
);
councilTargetSchema.index({ councilYear: 1 }, { unique: true });

export const CouncilTargetModel = mongoose.model('CouncilTarget', councilTargetSchema);

export interface CouncilTargetView {
  councilYear: number;
  ringFencedApprenticeshipPlaces: number;
  updatedAt: string;
}

export async function listCouncilTargets(): Promise<CouncilTargetView[]> {
  const targets = await CouncilTargetModel.find({}, { councilYear: 1, ringFencedApprenticeshipPlaces: 1, updatedAt: 1 }).sort({ councilYear: -1 }).lean();
  return targets.map((target) => ({ councilYear: target.councilYear, ringFencedApprenticeshipPlaces: target.ringFencedApprenticeshipPlaces, updatedAt: target.updatedAt.toISOString() }));
}

/** Sets (or replaces) a year's target: a single-document upsert, so two admins saving at once leave one of their values. */
export async function setCouncilTarget(context: Pick<RequestContext, 'actor'>, councilYear: number, ringFencedApprenticeshipPlaces: number): Promise<CouncilTargetView> {
  const saved = await CouncilTargetModel.findOneAndUpdate(
    { councilYear },
    { $set: { ringFencedApprenticeshipPlaces, updatedByUserId: context.actor.userId } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return { councilYear, ringFencedApprenticeshipPlaces: saved!.ringFencedApprenticeshipPlaces, updatedAt: saved!.updatedAt.toISOString() };
}

export async function ringFencedTargets(): Promise<Map<number, number>> {
  const targets = await CouncilTargetModel.find({}, { councilYear: 1, ringFencedApprenticeshipPlaces: 1 }).lean();
  return new Map(targets.map((target) => [target.councilYear, target.ringFencedApprenticeshipPlaces]));
}
