import { randomBytes } from 'node:crypto';
import { DistrictModel } from '../../src/districts/districts.model.js';
import { hashPassword } from '../../src/users/password.js';
import type { Role } from '../../src/users/roles.js';
import { UserModel } from '../../src/users/users.model.js';
import type { TestApp } from '../setup/test-app.js';

/** Factories: each call makes unique values, so tests never collide and each test arranges its own data. */
export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export const TEST_PASSWORD = 'correct horse battery staple';
let testPasswordHash: Promise<string> | undefined;

export interface GivenUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  token: string;
  team: string | null;
  /** Authorization header value. */
  auth: string;
}

/** A user in the database, signed in through the API. */
export async function givenUser(
  app: TestApp,
  role: Role,
  overrides: { team?: string | null; districtIds?: string[]; organisationId?: string | null; name?: string; email?: string; emailVerified?: boolean } = {},
): Promise<GivenUser> {
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${unique(role)}@example.test`;
  const team = overrides.team !== undefined ? overrides.team : ['personal_adviser', 'manager'].includes(role) ? 'north-team' : null;
  const user = await UserModel.create({
    email,
    name: overrides.name ?? unique('Test User'),
    role,
    passwordHash: await testPasswordHash,
    team,
    districtIds: overrides.districtIds ?? [],
    organisationId: overrides.organisationId ?? null,
    emailVerifiedAt: overrides.emailVerified === false ? null : app.clock.now(),
  });
  const login = await app.http().post('/auth/login').send({ email, password: TEST_PASSWORD });
  if (login.status !== 200) throw new Error(`login failed in factory: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.token as string;
  return { id: String(user._id), email, name: user.name, role, token, team, auth: `Bearer ${token}` };
}

export async function givenDistrict(overrides: Partial<{ code: string; name: string; latitude: number; longitude: number; applicationAgeYears: number; applicationAgeMonths: number; alertLookaheadWeeks: number; housingContactEmail: string; withinCouncilArea: boolean; alertChannels: 'email' | 'in_service' | 'both' }> = {}): Promise<{ id: string; code: string; name: string }> {
  const code = overrides.code ?? unique('district');
  const district = await DistrictModel.create({ name: `District ${code}`, latitude: 52.63, longitude: -1.13, housingContactEmail: `housing@${code}.test`, ...overrides, code });
  return { id: String(district._id), code, name: district.name };
}

/** A valid body for POST /young-people; override anything. */
export function youngPersonBody(overrides: Record<string, unknown> & { homeDistrictId: string }): Record<string, unknown> {
  return {
    firstName: unique('Jo'),
    lastName: unique('Bloggs'),
    dateOfBirth: '2008-03-10',
    careStatus: 'care_leaver',
    legalCategory: 'former_relevant',
    interests: ['digital'],
    qualifications: [{ type: 'gcse', subject: 'Mathematics', grade: '5' }], // Level 2 maths, as a certificate says it
    employerSharing: 'anonymous_profile',
    shareWithHousing: true,
    maxTravelKm: 20,
    ...overrides,
  };
}

/** A young person created through the API by `as` (a PA allocates to themselves by default). */
export async function givenYoungPerson(app: TestApp, as: GivenUser, overrides: Record<string, unknown> & { homeDistrictId: string }): Promise<Record<string, unknown> & { id: string }> {
  const response = await app.http().post('/young-people').set('authorization', as.auth).send(youngPersonBody(overrides));
  if (response.status !== 201) throw new Error(`creating young person failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
