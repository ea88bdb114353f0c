import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const OPENING_RESPONSES = ['interested', 'not_for_me'] as const;
export type OpeningResponse = (typeof OPENING_RESPONSES)[number];

/**
 * What a young person said about one opening on their own pages: "I'm interested" (their PA decides whether to
 * refer) or "Not for me" (hidden from their list, with an optional reason their PA sees). One per young person and
 * opening; saying again replaces it.
 */
const openingResponseSchema = new Schema(
  {
    youngPersonId: { type: Schema.Types.ObjectId, required: true },
    opportunityId: { type: Schema.Types.ObjectId, required: true },
    response: { type: String, required: true, enum: OPENING_RESPONSES },
    reason: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { timestamps: true, collection: 'opening_responses' },
);
openingResponseSchema.index({ youngPersonId: 1, opportunityId: 1 }, { unique: true });
openingResponseSchema.index({ opportunityId: 1, response: 1 });

export type OpeningResponseRecord = InferSchemaType<typeof openingResponseSchema> & { _id: mongoose.Types.ObjectId };
export const OpeningResponseModel = mongoose.model('OpeningResponse', openingResponseSchema);
