import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token or one-time link secret: 256 bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as this hash, so a copy of the database cannot be replayed. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
