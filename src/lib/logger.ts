import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs that never carry personal data: request bodies, query strings, headers with
 * credentials and anything under a `person` key are never logged. Log ids, codes and counts only.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'care-leaver-offers', ...base },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.headers["set-cookie"]', 'person', '*.person', 'email', '*.email'],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
