import { LoginFailureModel } from './login-failures.model.js';
import { BrowserSessionModel } from './browser-session.model.js';
import { SessionModel } from './users.model.js';

/** Sign-in failures are kept this long at most; the lockout window (LOGIN_LOCKOUT_MINUTES) is capped below it. */
export const LOGIN_FAILURE_RETENTION_MINUTES = 7 * 24 * 60;

/**
 * Deletes sessions that expired before `now`. Run by the purge-sessions job: FerretDB v1 has no TTL indexes,
 * and authentication already ignores expired sessions, so keeping them only keeps token hashes around.
 */
export async function purgeExpiredSessions(now: Date): Promise<{ deleted: number }> {
  const result = await SessionModel.deleteMany({ expiresAt: { $lt: now } });
  // Sign-in failures past any lockout window, and browser sessions past their expiry: no TTL index on FerretDB v1 either.
  await LoginFailureModel.deleteMany({ at: { $lt: new Date(now.getTime() - LOGIN_FAILURE_RETENTION_MINUTES * 60_000) } });
  await BrowserSessionModel.deleteMany({ expiresAt: { $lt: now } });
  return { deleted: result.deletedCount };
}
