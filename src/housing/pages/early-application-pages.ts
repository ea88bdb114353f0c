import { objectId } from '../../lib/http/api.js';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { findDistrict } from '../../districts/districts.service.js';
import { earlyApplicationsForDistrict } from '../early-applications.service.js';

/**
 * A district's early-application list, where housing officers' reminder links land (the same use case as
 * GET /api/districts/:id/early-applications: their own districts only, and only young people who agreed to share).
 */
export function registerEarlyApplicationPages(pages: Pages): void {
  pages.get('/districts/:id/early-applications', { access: ['housing_officer', 'admin', 'manager'] }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    const list = await earlyApplicationsForDistrict(context, id.data);
    const district = await findDistrict(id.data);
    context.render('housing/early-applications.njk', { pageTitle: 'Who can apply for housing soon', district, ...list });
  });
}
