import { idFrom } from '../../lib/pages/pages.js';
import { listDistricts } from '../../districts/districts.service.js';
import { approveOrganisation, getOrganisationInScope, toOrganisationView } from '../../employers/organisations.service.js';

import { formFields, listOf, textOf } from '../../lib/pages/form-body.js';
import { errorView, type Pages } from '../../lib/pages/pages.js';
import { refusalErrors } from '../../lib/pages/refusal-errors.js';
import { sendBackBody } from '../../opportunities/opportunities.schemas.js';
import { approveOpportunity, sendBackOpportunity } from '../../opportunities/opportunities.transitions.js';
import { PLEDGE_NAMES } from '../../employers/pages/pledge-names.js';
import { SIZE_LABELS } from '../../employers/pages/sign-up-forms.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { approvalQueue } from '../approval-queue.service.js';
import { APPROVAL_TARGET_WORKING_DAYS } from '../approval-wait.js';
import { offerForReview } from '../offer-review.service.js';
import { fieldsAskedBy, partsNamed, questionNamed, questionPagesFor } from '../../opportunities/pages/offer-questions.js';
import { sectorName, STATUS_TAGS } from '../../opportunities/pages/offer-summary.js';
import { dashboardStatusOf } from '../../opportunities/offer-dashboard.js';
import { londonDateOf } from '../../lib/dates.js';
import { labelOf, offerRows } from './offer-summary.js';

const districtNames = async () => new Map((await listDistricts()).map((district) => [String(district._id), district.name]));

/** The send-back reason's messages in GOV.UK words (the rule itself is the API's sendBackBody). */
function reasonError(reason: string): string {
  return reason.trim().length < 3 ? 'Enter what the employer needs to change' : 'The reason must be 2,000 characters or fewer, without control characters';
}

/** Council staff (admins and managers: both approve, as the API allows) decide on organisations and offers. */
export function registerApprovalPages(pages: Pages): void {
  pages.get('/approvals', { access: COUNCIL_STAFF }, async (context) => {
    const [queue, districts] = await Promise.all([approvalQueue(context.now), districtNames()]);
    context.render('approvals/queue.njk', {
      pageTitle: 'Approvals',
      target: APPROVAL_TARGET_WORKING_DAYS,
      organisations: queue.organisations.map((organisation) => ({ ...organisation, district: districts.get(organisation.districtId) ?? '' })),
      offers: queue.offers,
    });
  });

  pages.get('/approvals/organisations/:id', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const organisation = toOrganisationView(await getOrganisationInScope(context.actor, idFrom(context.req.params.id)));
    const flash = await context.takeFlash('approve-organisation');
    const districts = await districtNames();
    context.render('approvals/organisation.njk', { pageTitle: `Review ${organisation.name}`, organisation, pledgeNames: PLEDGE_NAMES, sizeNames: SIZE_LABELS, sectorName, district: districts.get(organisation.districtId) ?? '', ...errorView(flash?.errors) });
  });

  // The same use case as POST /api/organisations/:id/approve.
  pages.post('/approvals/organisations/:id', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    try {
      const approved = await approveOrganisation(context, id);
      await context.confirm(`${approved.name} is approved: its people can now submit offers.`);
    } catch (error) {
      return context.redirectWithErrors(`/approvals/organisations/${id}`, 'approve-organisation', {}, refusalErrors(error, 'approve'));
    }
    context.redirect('/approvals');
  });

  pages.get('/approvals/offers/:id', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const { offer, before, sendBacks } = await offerForReview(context, idFrom(context.req.params.id));
    const flash = await context.takeFlash<{ reason?: string; fields?: string[] }>('review-offer');
    const rows = offerRows(offer, before, await districtNames());
    const named = new Set(flash?.values.fields ?? []);
    context.render('approvals/offer.njk', {
      pageTitle: `Review ${offer.title}`,
      offer,
      // In the employer's words ("Waiting for approval", "Sent back: needs changes"), the same on both sides.
      statusTag: STATUS_TAGS[dashboardStatusOf({ status: offer.status, closingDate: offer.closingDate, sentBackReason: offer.sentBackReason }, londonDateOf(context.now))] ?? { text: offer.status, classes: '' },
      rows,
      changedLabels: (offer.changedSinceSendBack ?? []).map(labelOf),
      sendBacks: sendBacks.map((sendBack) => ({ ...sendBack, parts: partsNamed(sendBack.fields).map((named) => named.part) })),
      reason: flash?.values.reason ?? '',
      // The offer's question pages, one box each (not every field: a short list on a phone), to name what needs changing.
      fieldItems: questionPagesFor(offer.kind).map((question) => ({ value: question.name, text: question.part, checked: named.has(question.name), attributes: { 'data-qa': `send-back-field-${question.name}` } })),
      ...errorView(flash?.errors),
    });
  });

  // The same use cases as POST /api/opportunities/:id/approve and /send-back.
  pages.post('/approvals/offers/:id/approve', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    try {
      const approved = await approveOpportunity(context, id);
      await context.confirm(`${approved.title} is approved and open: personal advisers see it in matching.`);
    } catch (error) {
      return context.redirectWithErrors(`/approvals/offers/${id}`, 'review-offer', {}, refusalErrors(error, 'approve'));
    }
    context.redirect('/approvals');
  });

  pages.post('/approvals/offers/:id/send-back', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const fields = formFields(context.req);
    const values = { reason: textOf(fields.reason), fields: listOf(fields.fields) };
    // Each box names a question page; the send-back names the fields it asks (an unknown name fails the schema).
    const named = values.fields.flatMap((question) => (questionNamed(question) ? fieldsAskedBy(question) : [question]));
    const parsed = sendBackBody.safeParse({ reason: values.reason, fields: named });
    if (!parsed.success) {
      const errors = parsed.error.issues.some((issue) => issue.path[0] === 'reason') ? [{ field: 'reason', message: reasonError(values.reason) }] : [{ field: 'fields', message: 'Choose the parts of the offer from the list' }];
      return context.redirectWithErrors(`/approvals/offers/${id}`, 'review-offer', values, errors);
    }
    try {
      const sentBack = await sendBackOpportunity(context, id, parsed.data.reason, parsed.data.fields);
      await context.confirm(`${sentBack.title} is sent back to the employer with your reason.`);
    } catch (error) {
      return context.redirectWithErrors(`/approvals/offers/${id}`, 'review-offer', values, refusalErrors(error, 'reason'));
    }
    context.redirect('/approvals');
  });
}
