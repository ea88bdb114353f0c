import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { saveBrowserSession, type BrowserSession } from '../../users/browser-sessions.js';

/** What kind of organisation signs up: it decides which register number is asked for (none is stored as a kind). */
export const ORGANISATION_KINDS = ['company', 'charity', 'public_sector', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The answers of each question page, as checked by that page's part of the API's registration schema. */
export interface SignUpAnswers {
  organisation?: { name: string; kind: OrganisationKind; companiesHouseNumber: string | null; charityNumber: string | null; size: string; sector: string };
  address?: { line1: string; line2: string | null; town: string; postcode: string; districtId: string };
  contact?: { name: string; email: string; phone: string | null };
  pledges?: { pledgedOutcomeAreas: string[] };
  /** The password is held sealed (see sealPassword) and only until the answers are sent. */
  account?: { name: string; email: string; sealedPassword: string };
  /** After sending: where the verification link went, for the confirmation page. */
  sentTo?: string;
}

/** The question pages in order; after the last one, or once every one is answered, comes check your answers. */
export const SIGN_UP_QUESTIONS = ['organisation', 'address', 'contact', 'pledges', 'account'] as const;
export type SignUpQuestion = (typeof SIGN_UP_QUESTIONS)[number];

export function answersOf(session: BrowserSession | undefined): SignUpAnswers {
  return (session?.signUp as SignUpAnswers | null) ?? {};
}

export async function saveAnswers(session: BrowserSession | undefined, answers: SignUpAnswers | null): Promise<void> {
  if (session) await saveBrowserSession(session, { signUp: answers as Record<string, unknown> | null });
}

/** The first question still unanswered, or null when all are. */
export function firstUnanswered(answers: SignUpAnswers): SignUpQuestion | null {
  return SIGN_UP_QUESTIONS.find((question) => !answers[question]) ?? null;
}

/** Where to go after answering: the next unanswered question, else check your answers (so a Change returns there). */
export function nextPathAfter(answers: SignUpAnswers): string {
  const next = firstUnanswered(answers);
  return next ? `/sign-up/${next}` : '/sign-up/check-answers';
}

/**
 * The password waits in the server-side session between the account page and sending the answers, sealed with
 * AES-256-GCM under a key derived from the browser's cookie token. The database keeps only the token's hash, so
 * a copy of the sessions collection cannot open it; it is deleted as soon as the answers are sent.
 */
function keyFor(session: BrowserSession): Buffer {
  return createHmac('sha256', session.token).update('sign-up-password').digest();
}

export function sealPassword(session: BrowserSession, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(session), iv);
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The password, or null when it cannot be opened (another browser's session, or tampered with). */
export function openPassword(session: BrowserSession, sealed: string): string | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(session), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
