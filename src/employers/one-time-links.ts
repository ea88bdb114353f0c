import { hashToken, newToken } from '../lib/tokens.js';
import { OneTimeTokenModel, type OneTimeTokenPurpose, type OneTimeTokenRecord } from './organisations.model.js';

/** How long a verification or invitation link works. */
export const ONE_TIME_LINK_HOURS = 72;

export interface IssuedLink {
  id: string;
  /** The secret for the link: sent once by email, never stored. */
  token: string;
  expiresAt: Date;
}

/** A new random one-time link; only its SHA-256 hash is kept. */
export async function issueOneTimeLink(
  purpose: OneTimeTokenPurpose,
  subject: { email: string; organisationId: string; userId?: string | null; createdByUserId?: string | null },
  now: Date,
): Promise<IssuedLink> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ONE_TIME_LINK_HOURS * 3_600_000);
  const created = await OneTimeTokenModel.create({ tokenHash: hashToken(token), purpose, ...subject, expiresAt });
  return { id: String(created._id), token, expiresAt };
}

/**
 * Uses a link once: one atomic update marks it used only if it is unused and unexpired, so two clicks at
 * the same moment cannot both succeed. Null for unknown, expired, used or other-purpose links alike.
 */
export async function redeemOneTimeLink(purpose: OneTimeTokenPurpose, token: string, now: Date): Promise<OneTimeTokenRecord | null> {
  return OneTimeTokenModel.findOneAndUpdate(
    { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean<OneTimeTokenRecord>();
}

/** Whether a link would redeem now, without using it (to check other preconditions first). */
export async function isRedeemable(purpose: OneTimeTokenPurpose, token: string, now: Date): Promise<OneTimeTokenRecord | null> {
  return OneTimeTokenModel.findOne({ tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { $gt: now } }).lean<OneTimeTokenRecord>();
}
