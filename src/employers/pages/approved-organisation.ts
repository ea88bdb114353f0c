import type { PageContext } from '../../lib/pages/pages.js';
import { getOrganisationInScope } from '../organisations.service.js';

export const PENDING_ORGANISATION_PAGE = '/organisation/pending';

/**
 * An employer's pages work only once the council has approved their organisation; until then (and while it is
 * suspended) the employer is sent to the page that says so. Returns false after redirecting.
 */
export async function organisationApprovedOrRedirect(context: PageContext): Promise<boolean> {
  const organisationId = context.actor.organisationId;
  const organisation = organisationId ? await getOrganisationInScope(context.actor, organisationId) : null;
  if (organisation?.status === 'approved') return true;
  context.redirect(PENDING_ORGANISATION_PAGE);
  return false;
}
