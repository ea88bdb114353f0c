/**
 * `npm run demo`: the service on an embedded database with synthetic data, mail written to var/mail.
 * Nothing to install or configure beyond `npm install` (and Go, which builds the embedded FerretDB on first run).
 * The demo database is recreated at every start, so the demo always tells the same story.
 */
import { loadConfig } from '../src/config.js';
import { londonDateOf } from '../src/lib/dates.js';
import { main } from '../src/index.js';
import { DEMO_PASSWORD, seedDemoData, type DemoAccount } from './demo-data.js';

const config = loadConfig({
  MONGODB_DB_NAME: 'care_leaver_offers_demo',
  EMBEDDED_DB_DIR: '.cache/demo-db',
  MAIL_OUTBOX_DIR: 'var/mail',
  LOG_LEVEL: 'warn',
  ...process.env,
  SMTP_URL: undefined,
});
let accounts: DemoAccount[] = [];
const { url, deps } = await main({
  config: { ...config, PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}` },
  prepare: async ({ clock }) => {
    accounts = await seedDemoData(londonDateOf(clock.now()));
  },
});
const lines = [
  '',
  `Care Leaver Offers demo: open ${url}/sign-in in a browser`,
  `Emails (reminders, password resets, employer links) are written to ${deps.config.MAIL_OUTBOX_DIR}/ instead of being sent; their links open pages here.`,
  `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
  ...accounts.map((account) => `  ${account.email.padEnd(30)} ${account.role.padEnd(17)} ${account.what}`),
  '',
  `For case-management systems: the JSON API is under ${url}/api (documentation: ${url}/api/docs).`,
  'Press Ctrl+C to stop.',
  '',
];
console.log(lines.join('\n'));
