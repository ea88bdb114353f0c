import { AppError } from '../../lib/errors.js';
import { objectId } from '../../lib/http/api.js';
import { errorView, PageNotFound, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { markIncentiveClaimed } from '../employer-incentives.service.js';
import { listReceivedIncentives } from '../employer-referrals.service.js';
import { organisationApprovedOrRedirect } from './approved-organisation.js';
import { pounds, whoOf } from './received-referral-words.js';

const EMPLOYERS = ['employer'] as const;

/** Incentives due and claimed on the organisation's apprentices (only those the young person lets them know of). */
async function incentivesPage(context: PageContext): Promise<void> {
  if (!(await organisationApprovedOrRedirect(context))) return;
  const kept = await context.takeFlash('incentives');
  const items = await listReceivedIncentives(context);
  const rows = items.map((view) => ({ view, who: whoOf(view), amount: pounds(view.incentive?.amountPence ?? null), due: view.incentive?.status === 'due' }));
  const totalDue = items.reduce((sum, view) => sum + (view.incentive?.status === 'due' ? (view.incentive.amountPence ?? 0) : 0), 0);
  context.render('employers/incentives.njk', { pageTitle: 'Employer incentives', ...errorView(kept?.errors), rows, totalDue: pounds(totalDue), dueCount: rows.filter((row) => row.due).length });
}

/** "Mark as claimed": the same use case as POST /api/employer-incentives/:referralId/claimed, scoped to the organisation. */
async function markClaimed(context: PageContext): Promise<void> {
  const referralId = objectId.safeParse(context.req.params.referralId);
  if (!referralId.success) throw new PageNotFound();
  if (!(await organisationApprovedOrRedirect(context))) return;
  try {
    const claimed = await markIncentiveClaimed(context, referralId.data);
    await context.confirm(`Incentive for referral ${claimed.referralCode} marked as claimed.`);
    context.redirect('/incentives');
  } catch (error) {
    // Already claimed (two colleagues at once): say so rather than fail.
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    await context.redirectWithErrors('/incentives', 'incentives', {}, [{ field: `incentive-${referralId.data}`, message: error.message }]);
  }
}

export function registerIncentivePages(pages: Pages): void {
  pages.get('/incentives', { access: EMPLOYERS, form: true }, incentivesPage);
  pages.post('/incentives/:referralId/claimed', { access: EMPLOYERS, form: true }, markClaimed);
}
