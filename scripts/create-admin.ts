/**
 * Creates the first admin account: `npm run create-admin -- --email it@council.gov.uk --name "IT Admin"`.
 * The password is read from ADMIN_PASSWORD or, failing that, asked for on the terminal (never a flag: flags end up in shell history).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/lib/database.js';
import { isDuplicateKey } from '../src/lib/errors.js';
import { systemClock } from '../src/lib/clock.js';
import { email as emailSchema, password as passwordSchema } from '../src/users/users.schemas.js';
import { createUser } from '../src/users/users.service.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const input = z.object({ email: emailSchema, name: z.string().trim().min(1) }).safeParse(values);
if (!input.success) {
  console.error('Usage: npm run create-admin -- --email <email> --name "<full name>"  (password from ADMIN_PASSWORD or prompt)');
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  password = await terminal.question('Password (at least 12 characters): ');
  terminal.close();
}
const checkedPassword = passwordSchema.safeParse(password);
if (!checkedPassword.success) {
  console.error(`Password ${checkedPassword.error.issues[0]?.message ?? 'is not acceptable'}`);
  process.exit(2);
}
const database = await openDatabase(loadConfig(), (message) => console.log(message), { operatorTool: true });
try {
  const admin = await createUser({ email: input.data.email, name: input.data.name, role: 'admin', password: checkedPassword.data }, systemClock.now());
  console.log(`Created admin ${admin.email} (id ${admin.id}).`);
} catch (error) {
  const duplicate = isDuplicateKey(error);
  console.error(duplicate ? 'An account with that email already exists.' : `Could not create the admin: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
