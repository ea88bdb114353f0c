/**
 * Everyone who works in the service (council staff and partners). `access: ROLES` means any of them and never a
 * young person: the JSON API and the staff pages stay closed to young people unless a route names them.
 */
export const ROLES = ['admin', 'manager', 'personal_adviser', 'employer', 'housing_officer'] as const;
/** A care leaver signed in to their own pages (/me): linked to one young person record, never a caseworker. */
export const YOUNG_PERSON_ROLE = 'young_person' as const;
/** Every role an account can hold (the model's enum). */
export const ALL_ROLES = [...ROLES, YOUNG_PERSON_ROLE] as const;
export type Role = (typeof ALL_ROLES)[number];
/** Only young people: their own pages. */
export const YOUNG_PEOPLE: readonly Role[] = [YOUNG_PERSON_ROLE];

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
  /** The young person record of a young_person account (their own, and only theirs); absent for everyone else. */
  youngPersonId?: string | null;
}
