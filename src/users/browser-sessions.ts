import { hashToken, newToken } from '../lib/tokens.js';
import { BrowserSessionModel, type BrowserSessionRecord } from './browser-session.model.js';

/** A browser that has not signed in keeps its (anonymous) session this long: enough to fill in a sign-in form. */
const ANONYMOUS_SESSION_HOURS = 2;

/** What a page handler may read and change of its browser's session. */
export interface BrowserSession {
  token: string;
  csrfToken: string;
  userId: string | null;
  returnTo: string | null;
  flash: Record<string, unknown> | null;
  /** An organisation's sign-up answers while its question pages are filled in. */
  signUp: Record<string, unknown> | null;
}

const COOKIE_TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

function toBrowserSession(token: string, record: BrowserSessionRecord): BrowserSession {
  return { token, csrfToken: record.csrfToken ?? '', userId: record.userId ? String(record.userId) : null, returnTo: record.returnTo ?? null, flash: (record.flash as Record<string, unknown> | null) ?? null, signUp: (record.signUp as Record<string, unknown> | null) ?? null };
}

/** The session a cookie's token stands for, or undefined when it is unknown, malformed, or an expired anonymous one. */
export async function findBrowserSession(token: string | undefined, now: Date): Promise<BrowserSession | undefined> {
  if (!token || !COOKIE_TOKEN.test(token)) return undefined;
  const record = await BrowserSessionModel.findOne({ tokenHash: hashToken(token) }).lean<BrowserSessionRecord>();
  if (!record) return undefined;
  // An expired signed-in session is still returned (until purged), so the page can say "you have been signed out";
  // its user session has expired too, so it signs nobody in.
  if (record.expiresAt <= now && !record.userId) return undefined;
  return toBrowserSession(token, record);
}

/**
 * A new server-side session for a browser. Anonymous ones get a random token; on sign-in the token is the user's
 * session token (a new one, so a session id known before signing in is worthless after it).
 */
export async function startBrowserSession(input: { token?: string; userId?: string; returnTo?: string | null; expiresAt?: Date }, now: Date): Promise<BrowserSession> {
  const token = input.token ?? newToken();
  const record = await BrowserSessionModel.create({
    tokenHash: hashToken(token),
    csrfToken: newToken(),
    userId: input.userId ?? null,
    returnTo: input.returnTo ?? null,
    expiresAt: input.expiresAt ?? new Date(now.getTime() + ANONYMOUS_SESSION_HOURS * 3_600_000),
  });
  return toBrowserSession(token, record.toObject() as BrowserSessionRecord);
}

export async function saveBrowserSession(session: BrowserSession, changes: Partial<Pick<BrowserSession, 'returnTo' | 'flash' | 'signUp'>>): Promise<void> {
  Object.assign(session, changes);
  await BrowserSessionModel.updateOne({ tokenHash: hashToken(session.token) }, { $set: changes });
}

export async function endBrowserSession(token: string): Promise<void> {
  await BrowserSessionModel.deleteOne({ tokenHash: hashToken(token) });
}
