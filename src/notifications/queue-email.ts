import mongoose from 'mongoose';
import { enqueueMail, outboxIdFor } from './mail-enqueue.js';
import type { MailKind } from './mail-outbox.model.js';

export interface EmailToQueue {
  /** Unique per email ever: queueing the same key twice stores it once. */
  dedupeKey: string;
  kind: MailKind;
  to: string;
  recipientUserId?: string | null;
  subject: string;
  text: string;
  /** A rendered HTML body (from a template); without it, the text is turned into minimal HTML. */
  html?: string;
  /** The body carries a one-time link: it is blanked once sent (only the link's hash is meant to be kept). */
  containsOneTimeLink?: boolean;
  /** The in-service notifications this email tells of (a digest lists them; an immediate email its one). */
  notificationIds?: unknown[];
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Plain text as minimal HTML: escaped, links clickable, one paragraph per blank-line block. */
function htmlOf(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((block) => escapeHtml(block).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`).replace(/\n/g, '<br>'));
  return `<!doctype html><html><body>${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('')}</body></html>`;
}

/**
 * Puts one email in the outbox, due at once; the sender delivers it with retries, so the request that queued it
 * never waits for (or fails with) the SMTP server. Call it in the same use case, right after writing the record
 * the email belongs to. Returns whether it was new (false: an email with this key was already queued).
 */
export async function queueEmail(email: EmailToQueue, now: Date): Promise<boolean> {
  const document = {
    _id: outboxIdFor(email.dedupeKey), dedupeKey: email.dedupeKey, kind: email.kind, digestDate: null,
    recipientUserId: email.recipientUserId ? new mongoose.Types.ObjectId(email.recipientUserId) : null, to: email.to,
    subject: email.subject, text: email.text, html: email.html ?? htmlOf(email.text), notificationIds: email.notificationIds ?? [], containsOneTimeLink: email.containsOneTimeLink ?? false,
    status: 'pending', attempts: 0, claimCount: 0, nextAttemptAt: now, createdAt: now, updatedAt: now, __v: 0, // no lastError, sentAt or failedAt yet: see outboxDocument
  };
  return (await enqueueMail([document])).size === 1;
}
