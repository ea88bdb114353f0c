/** A young person's home (/me) and their openings: the same matching engine as their PA's page, in their words. */
import { z } from 'zod';
import { objectId } from '../../../lib/http/api.js';
import { formFields, textOf } from '../../../lib/pages/form-body.js';
import { errorView, PageNotFound, type Pages } from '../../../lib/pages/pages.js';
import { YOUNG_PEOPLE } from '../../../users/roles.js';
import { openingForYou, openingsForYou, respondToOpening, showOpeningAgain, whereItIs, yourReferrals } from '../own-openings.js';
import { meContext } from './me-context.js';

const reasonField = z.string().trim().max(500);

function openingId(value: unknown): string {
  const id = objectId.safeParse(value);
  if (!id.success) throw new PageNotFound();
  return id.data;
}

export function registerMePages(pages: Pages): void {
  pages.get('/me', { access: YOUNG_PEOPLE }, async (context) => {
    const me = await meContext(context, 'GET /me');
    const [openings, referrals] = await Promise.all([openingsForYou(context, me.record, 'GET /me'), yourReferrals(me.record)]);
    context.render('me/home.njk', { pageTitle: `Hello ${me.firstName}`, ...me, openings, referrals });
  });

  pages.get('/me/openings/:id', { access: YOUNG_PEOPLE }, async (context) => {
    const id = openingId(context.req.params.id);
    const me = await meContext(context, 'GET /me/openings/:id');
    const { opening, details, saidNotForMe } = await openingForYou(context, me.record, id);
    const where = await whereItIs(details);
    context.render('me/opening.njk', { pageTitle: details.title, ...me, opening, saidNotForMe, details: {
      id, title: details.title, providerName: details.providerName, kind: details.kind, description: details.description, whatYouWillDo: details.whatYouWillDo ?? null,
      closingDate: details.closingDate ?? null, startDate: details.startDate ?? null, weeklyHours: details.weeklyHours ?? null, where,
      ringFenced: details.ringFenced, open: details.status === 'open',
    } });
  });

  pages.post('/me/openings/:id/interested', { access: YOUNG_PEOPLE }, async (context) => {
    const id = openingId(context.req.params.id);
    const me = await meContext(context, 'POST /me/openings/:id/interested');
    await respondToOpening(context, me.record, id, 'interested', null);
    await context.confirm(`Thank you. We have told ${me.adviser?.name ?? 'your personal adviser'}. They will talk to you about it.`);
    context.redirect('/me');
  });

  pages.get('/me/openings/:id/not-for-me', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const id = openingId(context.req.params.id);
    const me = await meContext(context, 'GET /me/openings/:id/not-for-me');
    const { details } = await openingForYou(context, me.record, id);
    const kept = await context.takeFlash<{ reason: string }>('not-for-me');
    context.render('me/not-for-me.njk', { pageTitle: 'Not for me', ...me, id, title: details.title, values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  pages.post('/me/openings/:id/not-for-me', { access: YOUNG_PEOPLE, form: true }, async (context) => {
    const id = openingId(context.req.params.id);
    const reason = reasonField.safeParse(textOf(formFields(context.req).reason));
    if (!reason.success) return context.redirectWithErrors(`/me/openings/${id}/not-for-me`, 'not-for-me', {}, [{ field: 'reason', message: 'Your reason must be 500 characters or fewer' }]);
    const me = await meContext(context, 'POST /me/openings/:id/not-for-me');
    await respondToOpening(context, me.record, id, 'not_for_me', reason.data || null);
    await context.confirm('Done. We will not show you that one again. You can change your mind at the bottom of this page.');
    context.redirect('/me');
  });

  pages.post('/me/openings/:id/show-again', { access: YOUNG_PEOPLE }, async (context) => {
    const id = openingId(context.req.params.id);
    const me = await meContext(context, 'POST /me/openings/:id/show-again');
    await showOpeningAgain(context, me.record, id);
    await context.confirm('Done. We will show you that one again if it still suits you.');
    context.redirect('/me#openings');
  });
}
