/**
 * Imports a CSV file from the command line, for operators loading a case-management export:
 *   npm run import -- young-people.csv [--dry-run] [--as manager@council.gov.uk]
 *   npm run import -- offers.csv --opportunities [--organisation <id>] [--publish] [--dry-run]
 * Same rules and same report as POST /imports/...; the file is streamed, so its size does not matter.
 * --as names the admin or manager the import is done as (their scope applies and the audit log names them);
 * without it the import runs as the operator with admin scope, recorded in the audit log as "npm run import".
 */
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/lib/clock.js';
import { openDatabase } from '../src/lib/database.js';
import { AppError } from '../src/lib/errors.js';
import { importOpportunities } from '../src/imports/opportunities.import.js';
import { importYoungPeople } from '../src/imports/young-people.import.js';
import type { Actor } from '../src/users/roles.js';
import { UserModel } from '../src/users/users.model.js';

const USAGE = 'Usage: npm run import -- <file.csv> [--dry-run] [--as <admin or manager email>] [--opportunities [--organisation <id>] [--publish]]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, as: { type: 'string' }, opportunities: { type: 'boolean', default: false }, organisation: { type: 'string' }, publish: { type: 'boolean', default: false } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(USAGE);
  process.exit(2);
}

/** Stands for whoever runs the script on the server; the all-zero id marks it in the audit log. */
const OPERATOR: Actor = { userId: '000000000000000000000000', role: 'admin', name: 'operator (npm run import)', team: null, districtIds: [], organisationId: null };

async function actorFor(email: string | undefined): Promise<Actor> {
  if (!email) return OPERATOR;
  const user = await UserModel.findOne({ email: email.toLowerCase(), active: true, role: { $in: ['admin', 'manager'] } }).lean();
  if (!user) throw new Error(`--as ${email}: no active admin or manager with that email.`);
  return { userId: String(user._id), role: user.role as Actor['role'], name: user.name, team: user.team ?? null, districtIds: [], organisationId: null };
}

const config = loadConfig();
const database = await openDatabase(config, () => {}, { operatorTool: true });
try {
  const context = { actor: await actorFor(values.as), now: systemClock.now(), requestId: `import-${randomUUID()}` };
  const csv = createReadStream(file);
  const dryRun = values['dry-run'];
  const report = values.opportunities
    ? await importOpportunities(context, csv, { dryRun, organisationId: values.organisation ?? null, publish: values.publish, closingDateMinLeadDays: config.CLOSING_DATE_MIN_LEAD_DAYS })
    : await importYoungPeople(context, csv, { dryRun, via: 'npm run import' });
  console.log(JSON.stringify(report, null, 2));
  console.error(`${dryRun ? 'Dry run: would create' : 'Created'} ${report.created}, ${dryRun ? 'update' : 'updated'} ${report.updated}, rejected ${report.rejected} of ${report.rows} rows.${report.stoppedEarly ? ` Stopped at line ${report.stoppedEarly.line}: ${report.stoppedEarly.message}` : ''}`);
  if (report.rejected > 0 || report.stoppedEarly) process.exitCode = 1;
} catch (error) {
  if (error instanceof AppError) console.error(`${error.message}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`);
  else console.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await database.close();
}
