import { idFrom } from '../../lib/pages/pages.js';
import { sectorName } from '../../opportunities/pages/offer-summary.js';
import { listDistricts } from '../../districts/districts.service.js';

import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { refusalErrors } from '../../lib/pages/refusal-errors.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { listCovenantActivity } from '../covenant-activity.service.js';
import { ORGANISATION_STATUSES, type OrganisationStatus } from '../organisations.model.js';
import { suspendBody } from '../organisations.schemas.js';
import { approveOrganisation, getOrganisationInScope, suspendOrganisation, toOrganisationView } from '../organisations.service.js';
import { PLEDGE_NAMES } from './pledge-names.js';
import { SIZE_LABELS } from './sign-up-forms.js';

const STATUS_NAMES: Record<OrganisationStatus, string> = { pending_approval: 'Waiting for approval', approved: 'Approved', suspended: 'Suspended' };

async function organisationPage(context: PageContext, template: string, pageTitle: (name: string) => string, form: string) {
  const organisation = toOrganisationView(await getOrganisationInScope(context.actor, idFrom(context.req.params.id)));
  const flash = await context.takeFlash<{ reason?: string }>(form);
  const district = (await listDistricts()).find((each) => String(each._id) === organisation.districtId)?.name ?? '';
  context.render(template, { pageTitle: pageTitle(organisation.name), organisation, district, pledgeNames: PLEDGE_NAMES, sizeNames: SIZE_LABELS, sectorName, statusNames: STATUS_NAMES, reason: flash?.values.reason ?? '', ...errorView(flash?.errors) });
  return organisation;
}

/** The Covenant signatories for council staff: list, one organisation, suspend and reinstate (same services as the API). */
export function registerOrganisationAdminPages(pages: Pages): void {
  pages.get('/organisations', { access: COUNCIL_STAFF }, async (context) => {
    const requested = String(context.req.query.status ?? '');
    const status = (ORGANISATION_STATUSES as readonly string[]).includes(requested) ? (requested as OrganisationStatus) : undefined;
    const [organisations, districts] = await Promise.all([listCovenantActivity(context.now, { status }), listDistricts()]);
    const districtNames = new Map(districts.map((district) => [String(district._id), district.name]));
    context.render('organisations/list.njk', {
      pageTitle: 'Organisations',
      status: status ?? '',
      statusNames: STATUS_NAMES,
      statusItems: [{ value: '', text: 'Any status' }, ...ORGANISATION_STATUSES.map((value) => ({ value, text: STATUS_NAMES[value], selected: value === status }))],
      organisations: organisations.map((organisation) => ({ ...organisation, district: districtNames.get(organisation.districtId) ?? '' })),
    });
  });

  pages.get('/organisations/:id', { access: COUNCIL_STAFF }, async (context) => {
    await organisationPage(context, 'organisations/organisation.njk', (name) => name, 'organisation');
  });

  pages.get('/organisations/:id/suspend', { access: COUNCIL_STAFF, form: true }, async (context) => {
    await organisationPage(context, 'organisations/suspend.njk', (name) => `Suspend ${name}`, 'suspend-organisation');
  });

  // The same use case as POST /api/organisations/:id/suspend.
  pages.post('/organisations/:id/suspend', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const reason = textOf(formFields(context.req).reason);
    const back = `/organisations/${id}/suspend`;
    const parsed = suspendBody.safeParse({ reason });
    if (!parsed.success) {
      const message = reason.length < 3 ? 'Enter why you are suspending this organisation' : 'The reason must be 2,000 characters or fewer, without control characters';
      return context.redirectWithErrors(back, 'suspend-organisation', { reason }, [{ field: 'reason', message }]);
    }
    try {
      const suspended = await suspendOrganisation(context, id, parsed.data.reason);
      await context.confirm(`${suspended.name} is suspended.`);
    } catch (error) {
      return context.redirectWithErrors(back, 'suspend-organisation', { reason }, refusalErrors(error, 'reason'));
    }
    context.redirect(`/organisations/${id}`);
  });

  pages.get('/organisations/:id/reinstate', { access: COUNCIL_STAFF, form: true }, async (context) => {
    await organisationPage(context, 'organisations/reinstate.njk', (name) => `Reinstate ${name}`, 'reinstate-organisation');
  });

  // Reinstating is approving a suspended organisation again: the same use case as POST /api/organisations/:id/approve.
  pages.post('/organisations/:id/reinstate', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const back = `/organisations/${id}/reinstate`;
    const organisation = await getOrganisationInScope(context.actor, id);
    if (organisation.status !== 'suspended') return context.redirectWithErrors(back, 'reinstate-organisation', {}, [{ field: 'reinstate', message: 'This organisation is not suspended, so there is nothing to reinstate.' }]);
    try {
      const reinstated = await approveOrganisation(context, id);
      await context.confirm(`${reinstated.name} is reinstated: its people can sign in again.`);
    } catch (error) {
      return context.redirectWithErrors(back, 'reinstate-organisation', {}, refusalErrors(error, 'reinstate'));
    }
    context.redirect(`/organisations/${id}`);
  });
}
