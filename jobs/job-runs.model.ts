import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** `abandoned`: its instance stopped refreshing the lease (it died) and another instance took the slot over. */
export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'abandoned'] as const;

/**
 * One attempt to run a scheduled job for one scheduled slot. The unique (jobName, slot, attempt) index is the
 * claim: inserting attempt 1 is one atomic write, and a duplicate key means another instance has the slot. The
 * lease is refreshed while the run lasts; when it expired (the instance died) or the attempt failed, the next
 * attempt is claimed the same way, by inserting attempt n + 1. (An insert against a unique index is atomic in
 * MongoDB and in FerretDB v1; a conditional update is not atomic in FerretDB v1, so claims never rely on one.)
 */
const jobRunSchema = new Schema(
  {
    jobName: { type: String, required: true },
    /** The scheduled minute this run is for (the cron fire time, or --at), in UTC. */
    slot: { type: Date, required: true },
    attempt: { type: Number, required: true, default: 1 },
    status: { type: String, required: true, enum: JOB_RUN_STATUSES },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    /** What the run found to do (reminders computed, messages due...), what it stored and what it sent. */
    found: { type: Number, default: 0 },
    stored: { type: Number, default: 0 },
    queued: { type: Number, default: 0 },
    sent: { type: Number, default: 0 },
    /** Short error descriptions with record ids only, never personal data. */
    errorMessages: { type: [String], default: [] },
  },
  { collection: 'job_runs', versionKey: false },
);
jobRunSchema.index({ jobName: 1, slot: 1, attempt: 1 }, { unique: true });
jobRunSchema.index({ startedAt: -1 });
jobRunSchema.index({ status: 1, startedAt: -1 });

export type JobRunRecord = InferSchemaType<typeof jobRunSchema> & { _id: mongoose.Types.ObjectId };
export const JobRunModel = mongoose.model('JobRun', jobRunSchema);
