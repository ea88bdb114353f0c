import type { Config } from './config.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { Mailer } from './lib/mailer.js';

/** The real seams, passed in so tests choose them: settings, the time, the log, and the mail transport. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
}
