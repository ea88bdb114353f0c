import { idFrom } from '../../lib/pages/pages.js';
import { AppError } from '../../lib/errors.js';

import { dateFromParts } from '../../lib/pages/date-input.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { type FieldError, type Pages } from '../../lib/pages/pages.js';
import { CASEWORKERS } from '../../users/roles.js';
import { createReferralBody, moveStageBody } from '../referrals.schemas.js';
import { createReferral, moveReferralStage, readReferral } from '../referrals.service.js';

/** A business rule's refusal (409, or 400 with field paths) as messages a PA can act on. */
function refusalErrors(error: AppError, fallbackField: string): FieldError[] {
  const details = error.details as { errors?: { path: string; message: string }[] } | undefined;
  if (error.code === 'validation_failed' && details?.errors?.length) return details.errors.map((issue) => ({ field: issue.path || fallbackField, message: `${issue.path === 'reason' ? 'Reason' : issue.path === 'eventDate' ? 'The date' : 'This'} ${issue.message}` }));
  return [{ field: fallbackField, message: error.message }];
}

export function registerReferralPages(pages: Pages): void {
  // One click on a match: the same use case as POST /api/referrals; the referral shows at once on the young person's page.
  pages.post('/young-people/:id/referrals', { access: CASEWORKERS }, async (context) => {
    const youngPersonId = idFrom(context.req.params.id);
    const opportunityId = textOf(formFields(context.req).opportunityId);
    const back = `/young-people/${youngPersonId}`;
    const input = createReferralBody.safeParse({ youngPersonId, opportunityId });
    if (!input.success) return context.redirectWithErrors(`${back}#matches`, 'refer', { opportunityId }, [{ field: 'matches', message: 'Choose an opening to refer to' }]);
    try {
      const referral = await createReferral(context, input.data);
      await context.confirm(`Referred. The referral code is ${referral.referralCode}.`);
      context.redirect(`${back}#referral-${referral.id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      await context.redirectWithErrors(`${back}#matches`, 'refer', { opportunityId }, refusalErrors(error, 'matches'));
    }
  });

  // Moving a referral on: the same use case as POST /api/referrals/:id/stage (transition table, reasons, places).
  pages.post('/referrals/:id/stage', { access: CASEWORKERS }, async (context) => {
    const referralId = idFrom(context.req.params.id);
    const referral = await readReferral(context, referralId);
    const back = `/young-people/${referral.youngPersonId}`;
    const fields = formFields(context.req);
    const values = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, textOf(value)]));
    const form = `move-${referralId}`;
    const eventDate = dateFromParts(fields, 'eventDate');
    const errors: FieldError[] = [];
    if (!values.stage) errors.push({ field: 'stage', message: 'Choose what has happened' });
    if (eventDate === 'invalid') errors.push({ field: 'eventDate', message: 'The date must be a real date, like 27 3 2026' });
    const move = moveStageBody.safeParse({ stage: values.stage, ...(eventDate !== 'empty' && eventDate !== 'invalid' ? { eventDate } : {}), ...(values.reason ? { reason: values.reason } : {}) });
    if (!errors.length && !move.success) errors.push({ field: 'stage', message: 'Choose one of the options' });
    if (errors.length || !move.success) return context.redirectWithErrors(`${back}#referral-${referralId}`, form, values, errors);
    try {
      const moved = await moveReferralStage(context, referralId, move.data);
      await context.confirm(`Referral ${moved.referralCode} updated.`);
      context.redirect(`${back}#referral-${referralId}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      await context.redirectWithErrors(`${back}#referral-${referralId}`, form, values, refusalErrors(error, 'stage'));
    }
  });

  // Links in reminders point at a referral: it lives on its young person's page.
  pages.get('/referrals/:id', { access: CASEWORKERS }, async (context) => {
    const referral = await readReferral(context, idFrom(context.req.params.id));
    context.redirect(`/young-people/${referral.youngPersonId}#referral-${referral.id}`);
  });
}
