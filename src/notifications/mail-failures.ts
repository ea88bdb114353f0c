/** SMTP commands whose refusal is about this one message (its recipient or its content), not the session. */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);
const MESSAGE_ERROR_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * How a failure is handled:
 * - `refused`: the server refused this message for good (550-554 to RCPT TO or DATA: no such mailbox, content
 *   rejected): it fails at once;
 * - `message`: a temporary refusal of this message (4xx to RCPT TO or DATA): it counts an attempt and backs off;
 * - `session`: anything else (connection refused, timeouts, a silent server, 421, an authentication failure 535, a
 *   5xx to EHLO or MAIL FROM): the SMTP service, not the message, is at fault, so the batch stops, every message
 *   not yet sent goes back with its attempts unchanged, and the run tries again after MAIL_RETRY_BASE_SECONDS.
 */
export type FailureKind = 'refused' | 'message' | 'session';

export function classifyFailure(error: unknown): FailureKind {
  const e = error as { responseCode?: number; command?: string; code?: string };
  const aboutThisMessage = (e.command !== undefined && MESSAGE_COMMANDS.has(e.command.toUpperCase())) || (e.code !== undefined && MESSAGE_ERROR_CODES.has(e.code));
  if (!aboutThisMessage || e.code === 'ETIMEDOUT' || e.responseCode === 421 || e.responseCode === undefined) return 'session';
  return e.responseCode >= 550 && e.responseCode <= 554 ? 'refused' : 'message';
}

/** A short reason for staff: the SMTP code and reply or the connection error code, never the message content. */
export function describeFailure(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode) return `${e.responseCode} ${String(e.response ?? '').slice(0, 200)}`.trim();
  return String(e.code ?? e.message ?? 'unknown error').slice(0, 200);
}
