import { z } from 'zod';
import { objectId } from '../lib/http/api.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { ALL_ROLES, ROLES } from './roles.js';
import { plainText } from '../lib/http/text.js';

export const email = z.email().max(254).transform((value) => value.toLowerCase());
export const password = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ALL_ROLES),
  active: z.boolean(),
  team: z.string().nullable(),
  districtIds: z.array(z.string()),
  organisationId: z.string().nullable(),
});
export type UserView = z.infer<typeof userView>;

export const loginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: userView });

export const createUserBody = z
  .strictObject({
    email,
    name: plainText(120, 1),
    role: z.enum(ROLES),
    password,
    team: plainText(80, 1).optional(),
    districtIds: z.array(objectId).max(50).optional(),
    organisationId: objectId.optional(),
  })
  .refine((user) => !['personal_adviser', 'manager'].includes(user.role) || user.team, { message: 'personal advisers and managers belong to a team', path: ['team'] })
  .refine((user) => user.role !== 'housing_officer' || (user.districtIds?.length ?? 0) > 0, { message: 'a housing officer works for at least one district', path: ['districtIds'] })
  .refine((user) => user.role !== 'employer' || user.organisationId, { message: 'an employer user belongs to an organisation', path: ['organisationId'] });

export const updateUserBody = z
  .strictObject({
    /** A corrected sign-in address (changeAccountEmail): it must be free, and links sent to the old one stop working. */
    email,
    name: plainText(120, 1),
    active: z.boolean(),
    team: plainText(80, 1).nullable(),
    districtIds: z.array(objectId).max(50),
  })
  .partial();

export const listUsersQuery = z.strictObject({ role: z.enum(ROLES).optional(), team: z.string().optional() });
