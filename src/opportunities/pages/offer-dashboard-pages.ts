import type { Pages } from '../../lib/pages/pages.js';
import { CLOSING_SOON_DAYS, DASHBOARD_STATUSES, offerDashboard } from '../offer-dashboard.js';
import { approvedEmployer } from './offer-page-support.js';
import { STATUS_TAGS, words } from './offer-summary.js';

/** The employer's home (GOV.UK Recruit an apprentice's dashboard): their offers by status, and what needs doing. */
export function registerOfferDashboardPages(pages: Pages): void {
  pages.get('/offers', { access: ['employer'] }, async (context) => {
    if (!(await approvedEmployer(context))) return;
    const dashboard = await offerDashboard(context);
    context.render('opportunities/dashboard.njk', {
      pageTitle: 'Your offers',
      dashboard,
      closingSoonDays: CLOSING_SOON_DAYS,
      statusCounts: DASHBOARD_STATUSES.map((status) => ({ status, text: STATUS_TAGS[status]!.text, count: dashboard.counts[status] })),
      statusTags: STATUS_TAGS,
      kindWords: Object.fromEntries(dashboard.offers.map((offer) => [offer.kind, words(offer.kind)])),
    });
  });
}
