import type { AppDeps } from '../src/app-deps.js';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Registers the scheduled jobs (reminders, digests, mail sending). Filled in by the reminders capability. */
export function startScheduler(_deps: AppDeps): Scheduler {
  return { stop: async () => {} };
}
