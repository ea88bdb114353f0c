import type { NextFunction, Request, Response } from 'express';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import type { Actor } from '../../users/roles.js';
import { OrganisationModel } from '../organisations.model.js';
import { getOrganisationInScope } from '../organisations.service.js';

/** The employer pages that need an approved organisation: offers, their referrals and incentives. */
const NEEDS_APPROVAL = ['/offers', '/opportunities', '/received-referrals', '/incentives'];

async function statusOfOwnOrganisation(actor: Actor): Promise<string | null> {
  if (!actor.organisationId) return null;
  const organisation = await OrganisationModel.findById(actor.organisationId, { status: 1 }).lean();
  return organisation?.status ?? null;
}

/**
 * An employer whose organisation the council has not yet approved sees "waiting for approval" instead of the offer
 * pages (the API lets them draft offers; none can go live before approval). Registered before every other page, so
 * it stands in front of pages other capabilities add under these paths. Suspended organisations never get here:
 * their users are signed out at once (authenticate) and refused sign-in.
 */
export function registerPendingOrganisationGuard(pages: Pages): void {
  pages.router.use(NEEDS_APPROVAL, async (_req: Request, res: Response, next: NextFunction) => {
    const actor = res.locals.actor as Actor | undefined;
    if (actor?.role === 'employer' && (await statusOfOwnOrganisation(actor)) === 'pending_approval') return void res.redirect(303, '/organisation/pending');
    next();
  });
}

export function registerOrganisationStatusPages(pages: Pages): void {
  pages.get('/organisation/pending', { access: ['employer'] }, async ({ actor, render, redirect }) => {
    if (!actor.organisationId) throw new PageNotFound();
    const organisation = await getOrganisationInScope(actor, actor.organisationId);
    if (organisation.status !== 'pending_approval') return redirect('/offers');
    render('employers/organisation-pending.njk', { pageTitle: 'The council is checking your organisation', organisationName: organisation.name, signedOn: organisation.covenant.signedOn });
  });

  // Shown once, straight after someone signs in with the right password for a suspended organisation (sign-in page).
  pages.get('/organisation/suspended', { access: 'public', form: true }, async ({ takeFlash, render, redirect }) => {
    const kept = await takeFlash('organisation-suspended');
    if (!kept) return redirect('/sign-in');
    render('employers/organisation-suspended.njk', { pageTitle: 'Your organisation is suspended' });
  });
}
