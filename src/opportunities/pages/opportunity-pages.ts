import { objectId } from '../../lib/http/api.js';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { readOpportunity } from '../opportunities.service.js';

/**
 * An opening, for the links in closing-date and approval reminders (employers and council staff). A read-only
 * summary for now: full employer and council-staff pages come later.
 */
export function registerOpportunityPages(pages: Pages): void {
  pages.get('/opportunities/:id', { access: ['admin', 'manager', 'employer', 'personal_adviser'] }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    const opportunity = await readOpportunity(context, id.data);
    context.render('opportunities/opportunity.njk', { pageTitle: opportunity.title, opportunity });
  });
}
