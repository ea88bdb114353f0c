import { addDays, londonDateOf } from '../../lib/dates.js';
import { dateExample, dateFromParts, dateParts } from '../../lib/pages/date-input.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import type { PageContext, Pages } from '../../lib/pages/pages.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { dashboardStatusOf } from '../offer-dashboard.js';
import { closingDateLeadProblems, offerProblems } from '../opportunities.rules.js';
import { extendBody } from '../opportunities.schemas.js';
import { getOpportunityInScope, shapeOf } from '../opportunities.service.js';
import { closeOpportunity, extendClosingDate, takeBackOpportunity } from '../opportunities.transitions.js';
import { toOpportunityView } from '../opportunities.view.js';
import { cloneOpportunity, deleteDraftOpportunity } from '../opportunity-drafts.js';
import { changedSinceSendBack } from '../send-back-snapshot.js';
import { approvedEmployer, idFrom, offerErrorView, problemsOf, zodProblems } from './offer-page-support.js';
import { anchorOf, FIELD_LABELS, partsNamed, QUESTION_OF_FIELD } from './offer-questions.js';
import { offerSummaryRows, STATUS_TAGS } from './offer-summary.js';

const READERS = ['admin', 'manager', 'employer', 'personal_adviser'] as const;
const EMPLOYER = ['employer'] as const;

/**
 * What the council asked to change after a send-back: its reason, the parts it named, what the rules still find,
 * and what was changed since, each linking to the question page that asks it.
 */
function sendBackNotice(record: Awaited<ReturnType<typeof getOpportunityInScope>>, today: string, minLeadDays: number) {
  if (record.status !== 'draft' || !record.sentBackReason) return null;
  const id = String(record._id);
  const link = (field: string) => `/opportunities/${id}/edit/${QUESTION_OF_FIELD[field] ?? 'title'}?check=1#${anchorOf(field)}`;
  const problems = [...offerProblems(shapeOf(record), today, true), ...closingDateLeadProblems(record.closingDate ?? null, today, minLeadDays)];
  const toChange = [...new Map(problems.map((problem) => [problem.path, { text: `${FIELD_LABELS[problem.path] ?? problem.path} ${problem.message}`, href: link(problem.path), field: problem.path }])).values()];
  const changedFields = changedSinceSendBack(record);
  const changed = changedFields.map((field) => ({ text: FIELD_LABELS[field] ?? field, href: link(field), field }));
  // One line per part the council named (a question page), linking to the first field it named there.
  const named = partsNamed(record.sentBackFields ?? []).map(({ part, fields }) => ({ text: part, href: link(fields[0]!), field: fields[0]!, changed: fields.some((field) => changedFields.includes(field)) }));
  return { reason: record.sentBackReason, named, toChange, changed };
}

async function offerPage(context: PageContext, id: string) {
  const record = await getOpportunityInScope(context.actor, id);
  const today = londonDateOf(context.now);
  const offer = toOpportunityView(record, today);
  const status = dashboardStatusOf(record, today);
  const isEmployer = context.actor.role === 'employer';
  context.render('opportunities/opportunity.njk', {
    pageTitle: offer.title,
    offer,
    statusTag: STATUS_TAGS[status] ?? { text: status, classes: '' },
    rows: await offerSummaryRows(offer),
    isEmployer,
    isCouncilStaff: COUNCIL_STAFF.includes(context.actor.role),
    sendBack: isEmployer ? sendBackNotice(record, today, context.deps.config.CLOSING_DATE_MIN_LEAD_DAYS) : null,
    actions: isEmployer ? {
      edit: offer.status === 'draft',
      takeBack: offer.status === 'pending_approval',
      close: offer.status === 'open',
      extend: offer.status === 'open',
      clone: ['closed', 'filled', 'withdrawn'].includes(offer.status),
      delete: offer.status === 'draft',
    } : {},
  });
}

/** The statuses each action's confirmation page is for (as the offer page offers them); any status when absent. */
const ACTION_STATUSES: Record<string, readonly string[]> = { close: ['open'], extend: ['open'], delete: ['draft'], 'take-back': ['pending_approval'] };

/**
 * A confirmation page for one action on the employer's own offer, and its POST that calls the service. Asked for
 * an offer in a status the action does not apply to (an old link, the back button), it goes to the offer's page
 * rather than asking "are you sure?" about something that cannot be done.
 */
function confirmationPage(pages: Pages, action: string, template: string, title: string, act: (context: PageContext, id: string) => Promise<string>) {
  pages.get(`/opportunities/:id/${action}`, { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    const offer = toOpportunityView(await getOpportunityInScope(context.actor, id), londonDateOf(context.now));
    if (ACTION_STATUSES[action] && !ACTION_STATUSES[action].includes(offer.status)) return context.redirect(`/opportunities/${id}`);
    const kept = await context.takeFlash<Record<string, unknown>>(action);
    const values = kept?.values ?? { closingDate: dateParts(null) };
    // An example later than the current closing date, for the extend page's hint.
    const laterExample = dateExample(addDays(offer.closingDate ?? londonDateOf(context.now), 14));
    context.render(template, { pageTitle: title, offer, values, laterExample, ...offerErrorView(kept?.errors, id, '*') });
  });
  pages.post(`/opportunities/:id/${action}`, { access: EMPLOYER, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    await getOpportunityInScope(context.actor, id); // another organisation's offer: not found, before anything else
    context.redirect(await act(context, id));
  });
}

export function registerOpportunityPages(pages: Pages): void {
  pages.get('/opportunities/:id', { access: READERS, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    if (!(await approvedEmployer(context))) return;
    await offerPage(context, id);
  });

  confirmationPage(pages, 'close', 'opportunities/close.njk', 'Are you sure you want to close this offer?', async (context, id) => {
    await closeOpportunity(context, id);
    await context.confirm('The offer is closed. Personal advisers can no longer refer young people to it.');
    return `/opportunities/${id}`;
  });

  confirmationPage(pages, 'extend', 'opportunities/extend.njk', 'Extend the closing date', async (context, id) => {
    const fields = formFields(context.req);
    const values = { closingDate: { day: textOf(fields['closingDate-day']), month: textOf(fields['closingDate-month']), year: textOf(fields['closingDate-year']) } };
    const date = dateFromParts(fields, 'closingDate');
    const back = async (errors: { field: string; message: string }[]) => {
      await context.redirectWithErrors(`/opportunities/${id}/extend`, 'extend', values, errors);
      return `/opportunities/${id}/extend`;
    };
    if (date === 'empty') return back([{ field: 'closingDate', message: 'Enter the new closing date' }]);
    if (date === 'invalid') return back([{ field: 'closingDate', message: 'Closing date must be a real date, like 31 8 2026' }]);
    const parsed = extendBody.safeParse({ closingDate: date });
    if (!parsed.success) return back(zodProblems(parsed.error));
    try {
      await extendClosingDate(context, id, parsed.data.closingDate);
    } catch (error) {
      return back(problemsOf(error).map((problem) => ({ ...problem, field: 'closingDate' })));
    }
    await context.confirm('The closing date has been extended.');
    return `/opportunities/${id}`;
  });

  confirmationPage(pages, 'clone', 'opportunities/clone.njk', 'Copy this offer into a new draft', async (context, id) => {
    const copy = await cloneOpportunity(context, id);
    await context.confirm('A copy of the offer has been made as a new draft. Check the answers, change what is different, then submit it.');
    return `/opportunities/${copy.id}/check-answers`;
  });

  confirmationPage(pages, 'delete', 'opportunities/delete.njk', 'Are you sure you want to delete this draft?', async (context, id) => {
    await deleteDraftOpportunity(context, id);
    await context.confirm('The draft has been deleted.');
    return '/offers';
  });

  confirmationPage(pages, 'take-back', 'opportunities/take-back.njk', 'Take this offer back to change it?', async (context, id) => {
    await takeBackOpportunity(context, id);
    await context.confirm('The offer is a draft again and has left the council\'s approval queue. Submit it again when you have changed it.');
    return `/opportunities/${id}/check-answers`;
  });
}
