import { findDistrict } from '../../districts/districts.service.js';
import type { Pages } from '../../lib/pages/pages.js';
import { earlyApplicationsForDistrict } from '../early-applications.service.js';
import { districtEarlyApplicationsQuery } from '../housing.schemas.js';
import { idFrom, STATUS_NAMES, STATUS_TAG_CLASSES } from './housing-words.js';

/** The list's filters, as links (no personal data in them): everyone, or one group of the list. */
const FILTERS = [
  { value: '', text: 'Everyone' },
  { value: 'wants-to-live-here', text: 'Wants to live here' },
  { value: 'local-connection-only', text: 'Local connection only' },
] as const;

/**
 * A district's early-application list: who can apply for social housing soon, urgent first (leaving custody near
 * 18 at the top by release date), each with why in words. The same use case as GET /api/districts/:id/early-applications:
 * a housing officer's own districts only, and only young people who agreed to share with housing.
 */
export function registerEarlyApplicationPages(pages: Pages): void {
  pages.get('/districts/:id/early-applications', { access: ['housing_officer', 'admin', 'manager'] }, async (context) => {
    const districtId = idFrom(context.req.params.id);
    const query = districtEarlyApplicationsQuery.safeParse({ connection: context.req.query.connection || undefined });
    const filter = query.success ? query.data : {};
    const list = await earlyApplicationsForDistrict(context, districtId, filter);
    const district = await findDistrict(districtId);
    const chosen = query.success ? String(context.req.query.connection ?? '') : '';
    const housingOfficer = context.actor.role === 'housing_officer';
    context.render('housing/early-applications.njk', {
      pageTitle: 'Who can apply for housing soon',
      district,
      asOf: list.asOf,
      urgentCount: list.items.filter((item) => item.urgent).length,
      filters: FILTERS.map((option) => ({ ...option, current: option.value === chosen, href: `/districts/${districtId}/early-applications${option.value ? `?connection=${option.value}` : ''}` })),
      items: list.items.map((item) => ({
        ...item,
        name: `${item.youngPerson.preferredName ?? item.youngPerson.firstName} ${item.youngPerson.lastName}`,
        // Officers open the allow-listed housing view; council staff the full record they may see.
        href: housingOfficer ? `/housing/young-people/${item.youngPerson.id}` : `/young-people/${item.youngPerson.id}#housing`,
        leavingCustody: item.urgentReasons.includes('custody_release_near_18th_birthday'),
        application: item.trackedApplication ? { href: `/housing-applications/${item.trackedApplication.id}`, statusName: STATUS_NAMES[item.trackedApplication.status], tagClass: STATUS_TAG_CLASSES[item.trackedApplication.status] } : null,
      })),
    });
  });
}
