import mongoose, { Schema } from 'mongoose';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Clock } from '../clock.js';
import { hashToken } from '../tokens.js';

/**
 * One document per request counted against a limit, in fixed windows. Counting inserts is exact under
 * concurrency on MongoDB and on FerretDB v1 alike (an $inc upsert is not atomic on FerretDB v1): the k-th
 * insert always counts at least k, so no more than the limit ever get through, however many arrive at once.
 * Keys are hashed: an email address or client address is personal data and need not be stored.
 */
const rateLimitHitSchema = new Schema(
  {
    /** Which limit (sign-in per address, ...): ended windows are purged per limit. */
    limiter: { type: String, required: true },
    key: { type: String, required: true },
    windowStart: { type: Date, required: true },
  },
  { collection: 'rate_limit_hits', versionKey: false },
);
// Equality on both fields, which FerretDB v1 pushes down.
rateLimitHitSchema.index({ key: 1, windowStart: 1 });
rateLimitHitSchema.index({ limiter: 1, windowStart: 1 });

export const RateLimitHitModel = mongoose.model('RateLimitHit', rateLimitHitSchema);

/** express-rate-limit's Store over our database, so every instance of the service shares the counts. */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private purgedBefore = 0;

  constructor(private readonly name: string, private readonly clock: Clock) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private keyOf(key: string): string {
    return hashToken(`${this.name}:${key}`);
  }

  private window(): { start: Date; end: Date } {
    const now = this.clock.now().getTime();
    const start = now - (now % this.windowMs);
    return { start: new Date(start), end: new Date(start + this.windowMs) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    const hashed = this.keyOf(key);
    await RateLimitHitModel.create({ limiter: this.name, key: hashed, windowStart: start });
    const totalHits = await RateLimitHitModel.countDocuments({ key: hashed, windowStart: start });
    await this.purgeEndedWindows(start);
    return { totalHits, resetTime: end };
  }

  async get(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    return { totalHits: await RateLimitHitModel.countDocuments({ key: this.keyOf(key), windowStart: start }), resetTime: end };
  }

  async decrement(key: string): Promise<void> {
    await RateLimitHitModel.findOneAndDelete({ key: this.keyOf(key), windowStart: this.window().start });
  }

  async resetKey(key: string): Promise<void> {
    await RateLimitHitModel.deleteMany({ key: this.keyOf(key) });
  }

  /** No TTL index on FerretDB v1: each instance clears ended windows once per window. */
  private async purgeEndedWindows(currentStart: Date): Promise<void> {
    if (this.purgedBefore >= currentStart.getTime()) return;
    this.purgedBefore = currentStart.getTime();
    await RateLimitHitModel.deleteMany({ limiter: this.name, windowStart: { $lt: currentStart } });
  }
}
