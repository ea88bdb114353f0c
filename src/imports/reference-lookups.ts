import { DistrictModel } from '../districts/districts.model.js';
import { UserModel } from '../users/users.model.js';

/**
 * Resolves the names a CSV uses (a PA's email, a district's code) to ids, a batch at a time, remembering
 * answers for the rest of the file: an export of 10,000 rows names perhaps 30 PAs and 8 districts.
 */
export class ReferenceLookups {
  private readonly advisers = new Map<string, { id: string; team: string } | null>();
  private readonly districts = new Map<string, string | null>();

  async load(adviserEmails: string[], districtCodes: string[]): Promise<void> {
    const emails = [...new Set(adviserEmails.map((email) => email.toLowerCase()))].filter((email) => email && !this.advisers.has(email));
    const codes = [...new Set(districtCodes.map((code) => code.toLowerCase()))].filter((code) => code && !this.districts.has(code));
    const [users, districts] = await Promise.all([
      emails.length ? UserModel.find({ email: { $in: emails }, role: 'personal_adviser', active: true }, { email: 1, team: 1 }).lean() : [],
      codes.length ? DistrictModel.find({ code: { $in: codes } }, { code: 1 }).lean() : [],
    ]);
    for (const email of emails) this.advisers.set(email, null);
    for (const user of users) if (user.team) this.advisers.set(user.email, { id: String(user._id), team: user.team });
    for (const code of codes) this.districts.set(code, null);
    for (const district of districts) this.districts.set(district.code, String(district._id));
  }

  /** An active PA with a team, or null. */
  adviser(email: string): { id: string; team: string } | null {
    return this.advisers.get(email.toLowerCase()) ?? null;
  }

  districtId(code: string): string | null {
    return this.districts.get(code.toLowerCase()) ?? null;
  }
}
