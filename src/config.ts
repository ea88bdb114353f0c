import { z } from 'zod';

/**
 * Every setting the service reads, parsed once at start-up. Nothing else reads process.env.
 * Keep in step with .env.example (a test checks that every key is documented there).
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const cronExpression = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron expression such as "0 7 * * *"');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),

  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  MONGODB_DB_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/).default('care_leaver_offers'),
  EMBEDDED_DB_DIR: z.string().min(1).default('.cache/embedded-db'),
  FERRETDB_BIN: z.string().min(1).optional(),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  MONGODB_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(60_000),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),

  JSON_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 1mb or 500kb').default('1mb'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  LOGIN_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),

  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(900),
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SIGN_IN_PER_EMAIL: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_PUBLIC_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_EMAILS_PER_ADDRESSEE: z.coerce.number().int().min(1).default(3),
  RATE_LIMIT_IMPORTS_PER_USER: z.coerce.number().int().min(1).default(30),

  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Care Leaver Offers <no-reply@care-leaver-offers.invalid>'),
  MAIL_OUTBOX_DIR: z.string().min(1).default('var/mail'),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  /** SMTP connection, greeting and socket timeouts; capped at half of JOB_LEASE_SECONDS so a hung server never outlasts a mail claim. */
  MAIL_SMTP_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(20),

  JOBS_ENABLED: booleanFromEnv.default(true),
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).default(120),
  REMINDER_SCAN_CRON: cronExpression.default('0 6 * * *'),
  DAILY_DIGEST_CRON: cronExpression.default('0 7 * * *'),
  MAIL_SENDER_CRON: cronExpression.default('* * * * *'),
  OPPORTUNITY_CLOSE_CRON: cronExpression.default('5 0 * * *'),
  SESSION_PURGE_CRON: cronExpression.default('30 3 * * *'),
  MAIL_HISTORY_PURGE_CRON: cronExpression.default('45 3 * * *'),
  /**
   * Days sent mail, mail claims and keys, digest records and job runs are kept. At least 14: the catch-ups that
   * may queue the same email again look back 7 days at most, and its key and claims must still be there then.
   */
  // 400: the board's figures count reminder emails sent over a council year from the sent mail kept.
  MAIL_HISTORY_RETENTION_DAYS: z.coerce.number().int().min(14).max(3650).default(400),

  /**
   * The matching indexes (held in memory per process) look for other processes' writes this often (0: never);
   * this process's own writes are applied at once. Off, the endpoints read the database as before. Unset: 30 s
   * on MongoDB; 600 s on FerretDB, where the look scans whole collections on the one connection, and only
   * operator tools (imports) write beside the single instance.
   */
  MATCHING_INDEX_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).optional(),
  MATCHING_INDEX_ENABLED: booleanFromEnv.default(true),

  EMPLOYER_INCENTIVE_PENCE: z.coerce.number().int().min(0).default(100_000),
  CARE_LEAVER_BURSARY_PENCE: z.coerce.number().int().min(0).default(300_000),
  /** GOV.UK: days between submitting an offer and its closing date, at least (it has been 14, 1 and 7). */
  CLOSING_DATE_MIN_LEAD_DAYS: z.coerce.number().int().min(0).max(90).default(7),

  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

/** A configuration for tests and scripts: defaults plus overrides, still validated. */
export function buildConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig(overrides);
}
