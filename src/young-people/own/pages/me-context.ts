import { readById } from '../../../lib/read-by-id.js';
import type { PageContext } from '../../../lib/pages/pages.js';
import { UserModel } from '../../../users/users.model.js';
import type { YoungPersonRecord } from '../../young-people.model.js';
import { ownRecord } from '../own-record.js';

/**
 * What every /me page starts from: the signed-in young person's own record (audited as a read, via this page)
 * and their PA's name and email, which every page shows as whom to contact if something is wrong.
 */
export async function meContext(context: PageContext, via: string): Promise<{ record: YoungPersonRecord; firstName: string; adviser: { name: string; email: string } | null }> {
  const record = await ownRecord(context, via);
  const adviser = await readById<{ name: string; email: string }>(UserModel, record.personalAdviserId, { active: true }, { name: 1, email: 1, active: 1 });
  return { record, firstName: record.preferredName || record.firstName, adviser: adviser ? { name: adviser.name, email: adviser.email } : null };
}
