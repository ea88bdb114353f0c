import { readById } from '../lib/read-by-id.js';
import { OrganisationModel, type OrganisationRecord } from '../employers/organisations.model.js';
import { notFound, unprocessable } from '../lib/errors.js';

/** The organisation behind an employer's offers: its status decides whether offers may be made or go live. */
export async function findOrganisation(id: string): Promise<OrganisationRecord | null> {
  return readById<OrganisationRecord>(OrganisationModel, id);
}

export function assertNotSuspended(organisation: OrganisationRecord | null): asserts organisation is OrganisationRecord {
  if (!organisation) throw notFound('Organisation');
  if (organisation.status === 'suspended') throw unprocessable('Your organisation is suspended: its offers cannot be created or submitted. Contact the council.');
}

/** Offers go live only for organisations the council has approved (the council's own always may). */
export async function assertMayGoLive(organisationId: unknown): Promise<void> {
  if (!organisationId) return;
  const organisation = await findOrganisation(String(organisationId));
  if (organisation?.status !== 'approved') throw unprocessable('The organisation is not approved, so its offers cannot go live: approve the organisation first.');
}
