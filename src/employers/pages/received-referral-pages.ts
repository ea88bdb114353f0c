import { idFrom } from '../../lib/pages/pages.js';
import { AppError } from '../../lib/errors.js';
import { dayMonthYear } from '../../lib/dates.js';

import { dateFromParts } from '../../lib/pages/date-input.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { listOpportunitiesQuery } from '../../opportunities/opportunities.schemas.js';
import { listOpportunities, readOpportunity } from '../../opportunities/opportunities.service.js';
import { listEmployerReferralsQuery, outcomeBody } from '../employer-referrals.schemas.js';
import { listEmployerReferrals, nextEmployerOutcomes, readEmployerReferral, recordEmployerOutcome } from '../employer-referrals.service.js';
import { organisationApprovedOrRedirect } from './approved-organisation.js';
import { EMPLOYER_STAGE_NAMES, OUTCOME_WORDS, STAGES_SHOWN_TO_EMPLOYERS, outcomeForm, pounds, sharedRows, whoOf } from './received-referral-words.js';

const PAGE_SIZE = 20;
const MAX_PAGE = 100_000;
const EMPLOYERS = ['employer'] as const;

const queryText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** zod's and the service's refusals as messages beside the field an employer can fix. */
const FIELD_MESSAGES: Record<string, string> = {
  outcome: 'Choose what has happened',
  date: 'Enter the date the work trial starts',
  reason: 'Enter why you are not taking them forward',
};

function refusalErrors(error: AppError): FieldError[] {
  const details = error.details as { errors?: { path: string; message: string }[]; eventDate?: string } | undefined;
  if (error.code === 'validation_failed' && details?.errors?.length) {
    return details.errors.map((issue) => {
      const field = issue.path === 'eventDate' || issue.path === 'date' ? 'date' : issue.path === 'reason' ? 'reason' : 'outcome';
      return { field, message: `${field === 'date' ? 'The date' : field === 'reason' ? 'The reason' : 'This'} ${issue.message}` };
    });
  }
  return [{ field: details?.eventDate ? 'date' : 'outcome', message: error.message }];
}

/** An offer's title in the filter; a copy with the same title (a clone) is told apart by its closing date. */
function offerChoiceText(offer: { id: string; title: string; closingDate: string | null }, all: readonly { id: string; title: string }[]): string {
  const twin = all.some((other) => other.id !== offer.id && other.title === offer.title);
  return twin && offer.closingDate ? `${offer.title} (closes ${dayMonthYear(offer.closingDate)})` : offer.title;
}

async function listPage(context: PageContext): Promise<void> {
  if (!(await organisationApprovedOrRedirect(context))) return;
  const { opportunityId, stage, page } = { opportunityId: queryText(context.req.query.opportunityId), stage: queryText(context.req.query.stage), page: Number(queryText(context.req.query.page) || '1') };
  // A page number from a link someone typed: anything but a sensible page is the first, never a failed query.
  const pageNumber = Number.isInteger(page) && page > 0 && page <= MAX_PAGE ? page : 1;
  // A filter that does not parse (a mistyped link) is dropped rather than refused: the list is still useful.
  const filters = listEmployerReferralsQuery.safeParse({ ...(opportunityId ? { opportunityId } : {}), ...(stage ? { stage } : {}) });
  const query = listEmployerReferralsQuery.parse({ ...(filters.success ? { opportunityId: filters.data.opportunityId, stage: filters.data.stage } : {}), limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
  const [referrals, offers] = await Promise.all([listEmployerReferrals(context, query, 'GET /received-referrals'), listOpportunities(context, listOpportunitiesQuery.parse({ limit: 500 }))]);
  const pages = Math.ceil(referrals.total / PAGE_SIZE);
  const link = (n: number) => `/received-referrals?${new URLSearchParams({ ...(query.opportunityId ? { opportunityId: query.opportunityId } : {}), ...(query.stage ? { stage: query.stage } : {}), page: String(n) }).toString()}`;
  context.render('employers/received-referrals.njk', {
    pageTitle: 'Referrals to your offers',
    rows: referrals.items.map((view) => ({ view, who: whoOf(view), stageName: EMPLOYER_STAGE_NAMES[view.stage] })),
    total: referrals.total,
    offerItems: [{ value: '', text: 'All offers' }, ...offers.items.map((offer) => ({ value: offer.id, text: offerChoiceText(offer, offers.items), selected: offer.id === query.opportunityId }))],
    stageItems: [{ value: '', text: 'Any stage' }, ...STAGES_SHOWN_TO_EMPLOYERS.map((value) => ({ value, text: EMPLOYER_STAGE_NAMES[value], selected: value === query.stage }))],
    filtered: Boolean(query.opportunityId || query.stage),
    pagination: pages > 1 ? {
      ...(pageNumber > 1 ? { previous: { href: link(pageNumber - 1) } } : {}),
      ...(pageNumber < pages ? { next: { href: link(pageNumber + 1) } } : {}),
      items: Array.from({ length: pages }, (_unused, index) => ({ number: index + 1, href: link(index + 1), current: index + 1 === pageNumber })),
    } : null,
  });
}

async function referralPage(context: PageContext): Promise<void> {
  if (!(await organisationApprovedOrRedirect(context))) return;
  const view = await readEmployerReferral(context, idFrom(context.req.params.id), 'GET /received-referrals/:id');
  const kept = await context.takeFlash<Record<string, string>>('outcome');
  const form = outcomeForm(nextEmployerOutcomes(view.stage), kept);
  context.render('employers/received-referral.njk', {
    pageTitle: `Referral ${view.referralCode}`,
    view,
    stageName: EMPLOYER_STAGE_NAMES[view.stage],
    sharedRows: sharedRows(view, (await readOpportunity(context, view.opportunity.id)).requiredQualifications.length),
    incentiveAmount: view.incentive ? pounds(view.incentive.amountPence) : null,
    timeline: view.stageHistory.map((step) => ({ ...step, stageName: EMPLOYER_STAGE_NAMES[step.stage] })),
    form,
    errorList: form.errorList,
  });
}

/** Recording an outcome: the same schema and use case as POST /api/employer/referrals/:id/outcome (the PA is told). */
async function recordOutcome(context: PageContext): Promise<void> {
  const id = idFrom(context.req.params.id);
  if (!(await organisationApprovedOrRedirect(context))) return;
  const back = `/received-referrals/${id}`;
  const fields = formFields(context.req);
  const values = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, textOf(value)]));
  const date = dateFromParts(fields, 'date');
  // The reason box belongs to "not taking them forward"; without JavaScript it shows for every choice, so a reason typed under another choice is ignored.
  const reason = values.outcome === 'not_progressed' && values.reason ? values.reason : undefined;
  const input = outcomeBody.safeParse({ outcome: values.outcome || undefined, ...(date !== 'empty' && date !== 'invalid' ? { date } : {}), ...(reason ? { reason } : {}) });
  const errors: FieldError[] = date === 'invalid' ? [{ field: 'date', message: 'The date must be a real date, like 27 3 2026' }] : [];
  if (!input.success) {
    for (const issue of input.error.issues) {
      const field = String(issue.path[0] ?? 'outcome');
      if (!errors.some((error) => error.field === field)) errors.push({ field, message: FIELD_MESSAGES[field] ?? 'Check this answer' });
    }
  }
  if (errors.length || !input.success) {
    await readEmployerReferral(context, id, 'POST /received-referrals/:id/outcome'); // another organisation's referral: the not-found page
    return context.redirectWithErrors(back, 'outcome', values, errors);
  }
  try {
    const view = await recordEmployerOutcome(context, id, input.data);
    await context.confirm(`${OUTCOME_WORDS[input.data.outcome].text}: recorded for referral ${view.referralCode}. Their personal adviser has been told.`);
    context.redirect(back);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
    await context.redirectWithErrors(back, 'outcome', values, refusalErrors(error));
  }
}

/** The referrals an employer receives, at the level each young person agreed to share, and recording outcomes. */
export function registerReceivedReferralPages(pages: Pages): void {
  pages.get('/received-referrals', { access: EMPLOYERS }, listPage);
  pages.get('/received-referrals/:id', { access: EMPLOYERS, form: true }, referralPage);
  pages.post('/received-referrals/:id/outcome', { access: EMPLOYERS, form: true }, recordOutcome);
}
