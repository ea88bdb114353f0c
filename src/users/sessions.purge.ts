import { BrowserSessionModel } from './browser-session.model.js';
import { SessionModel } from './users.model.js';

/**
 * Deletes sessions that expired before `now`. Run by the purge-sessions job: FerretDB v1 has no TTL indexes,
 * and authentication already ignores expired sessions, so keeping them only keeps token hashes around.
 */
export async function purgeExpiredSessions(now: Date): Promise<{ deleted: number }> {
  const result = await SessionModel.deleteMany({ expiresAt: { $lt: now } });
  await BrowserSessionModel.deleteMany({ expiresAt: { $lt: now } });
  return { deleted: result.deletedCount };
}
