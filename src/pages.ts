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
import { registerHousingOfficerPages } from './housing/pages/housing-officer-pages.js';
import { registerHousingApplicationPages } from './housing/pages/housing-application-pages.js';
import { registerSignUpPages } from './employers/pages/sign-up-pages.js';
import { registerOrganisationStatusPages, registerPendingOrganisationGuard } from './employers/pages/organisation-pages.js';
import { registerColleaguePages } from './employers/pages/colleague-pages.js';
import { registerReceivedReferralPages } from './employers/pages/received-referral-pages.js';
import { registerIncentivePages } from './employers/pages/incentive-pages.js';
import { registerApprovalPages } from './approvals/pages/approval-pages.js';
import { registerOrganisationAdminPages } from './employers/pages/organisation-admin-pages.js';
import { registerFailedEmailPages } from './notifications/pages/failed-email-pages.js';
import { registerUserAdminPages } from './users/pages/user-admin-pages.js';
import { registerDistrictSettingsPages } from './districts/pages/district-settings-pages.js';
import { registerOfferDashboardPages } from './opportunities/pages/offer-dashboard-pages.js';
import { registerOfferQuestionPages } from './opportunities/pages/offer-question-pages.js';

/** Every capability's pages, in one list, like routes.ts for the JSON API. */
export function registerPages(pages: Pages, _deps: AppDeps): void {
  registerPendingOrganisationGuard(pages); // first: it stands in front of the offer pages of a not-yet-approved organisation
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
  registerHousingOfficerPages(pages);
  registerHousingApplicationPages(pages);
  registerSignUpPages(pages);
  registerOrganisationStatusPages(pages);
  registerColleaguePages(pages);
  registerReceivedReferralPages(pages);
  registerIncentivePages(pages);
  registerApprovalPages(pages);
  registerOrganisationAdminPages(pages);
  registerFailedEmailPages(pages);
  registerUserAdminPages(pages);
  registerDistrictSettingsPages(pages);
  registerOfferDashboardPages(pages);
  registerOfferQuestionPages(pages);
}
