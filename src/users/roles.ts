export const ROLES = ['admin', 'manager', 'personal_adviser', 'employer', 'housing_officer'] as const;
export type Role = (typeof ROLES)[number];

/** Council staff run the service: they approve organisations and offers and see figures across teams. */
export const COUNCIL_STAFF: readonly Role[] = ['admin', 'manager'];
/** Those who work with young people's records directly. */
export const CASEWORKERS: readonly Role[] = ['admin', 'manager', 'personal_adviser'];

/** Who is making a request, as every service and authorisation rule sees it. */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  /** Leaving-care team of a PA or manager; a manager sees their team's caseloads. */
  team: string | null;
  /** Districts a housing officer works for. */
  districtIds: string[];
  /** Organisation of an employer user. */
  organisationId: string | null;
}
