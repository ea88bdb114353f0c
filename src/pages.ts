import type { AppDeps } from './app-deps.js';
import type { Pages } from './lib/pages/pages.js';
import { registerReminderPages } from './notifications/pages/reminder-pages.js';
import { registerTeamPages } from './young-people/pages/team-pages.js';
import { registerEmailLinkPages } from './employers/pages/email-link-pages.js';
import { registerSignInPages } from './users/pages/sign-in-pages.js';
import { registerPasswordResetPages } from './users/pages/password-reset-pages.js';
import { registerCaseloadPages } from './young-people/pages/caseload-pages.js';
import { registerYoungPersonFormPages } from './young-people/pages/young-person-form-pages.js';
import { registerYoungPersonPages } from './young-people/pages/young-person-pages.js';
import { registerReferralPages } from './referrals/pages/referral-pages.js';
import { registerOpportunityPages } from './opportunities/pages/opportunity-pages.js';
import { registerEarlyApplicationPages } from './housing/pages/early-application-pages.js';
import { registerFigurePages } from './reports/pages/figures-pages.js';

/** Every capability's pages, in one list, like routes.ts for the JSON API. */
export function registerPages(pages: Pages, _deps: AppDeps): void {
  registerSignInPages(pages);
  registerPasswordResetPages(pages);
  registerEmailLinkPages(pages);
  registerCaseloadPages(pages);
  registerYoungPersonFormPages(pages);
  registerYoungPersonPages(pages);
  registerReferralPages(pages);
  registerReminderPages(pages);
  registerTeamPages(pages);
  registerOpportunityPages(pages);
  registerEarlyApplicationPages(pages);
  registerFigurePages(pages);
}
