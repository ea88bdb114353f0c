/**
 * The PA's side of a young person's own account: invite them, switch their access off, check a qualification
 * they added. On the PA's young person page, for caseworkers with the young person in scope (others: not found).
 */
import { AppError } from '../../../lib/errors.js';
import { formFields, textOf } from '../../../lib/pages/form-body.js';
import { errorView, idFrom, PageNotFound, type PageContext, type Pages } from '../../../lib/pages/pages.js';
import { CASEWORKERS } from '../../../users/roles.js';
import { getYoungPersonInScope } from '../../young-people.service.js';
import { checkQualification, sectorLabel } from '../own-changes.js';
import { openingResponsesFor } from '../own-openings.js';
import { ownChangesFor } from '../own-timeline.js';
import { accountStatus, invitableFrom, invitationEmail, inviteYoungPerson, mayBeInvited, switchAccessOff, TOO_YOUNG_TO_INVITE } from '../young-person-accounts.js';

/** What the PA's young person page shows of the young person's own account and what they said there. */
export async function ownAccountSection(context: PageContext, youngPersonId: string) {
  const record = await getYoungPersonInScope(context.actor, youngPersonId);
  const [account, responses, changes] = await Promise.all([accountStatus(youngPersonId, context.now), openingResponsesFor(youngPersonId), ownChangesFor(youngPersonId)]);
  return {
    account,
    mayBeInvited: mayBeInvited(record, context.now),
    invitableFrom: invitableFrom(record),
    firstName: record.preferredName || record.firstName,
    interested: responses.filter((response) => response.response === 'interested'),
    notForMe: responses.filter((response) => response.response === 'not_for_me'),
    uncheckedQualifications: (record.qualifications ?? []).flatMap((q, index) => (q.confirmed === false ? [{ index, text: `Level ${q.level} ${q.subject}${q.grade ? ` (grade ${q.grade})` : ''}` }] : [])),
    changes,
    interestsText: (record.interests ?? []).map(sectorLabel).join(', '),
  };
}

export function registerOwnAccountPages(pages: Pages): void {
  pages.get('/young-people/:id/invite', { access: CASEWORKERS, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    const record = await getYoungPersonInScope(context.actor, id);
    const firstName = record.preferredName || record.firstName;
    // Under 16 (a link typed or kept from before, or a refused invitation): say why and from when, not "not found".
    if (!mayBeInvited(record, context.now)) return context.render('me/invite-too-young.njk', { pageTitle: `${firstName} cannot be invited yet`, id, firstName, invitableFrom: invitableFrom(record) });
    const kept = await context.takeFlash<{ email: string }>('invite');
    context.render('me/invite.njk', { pageTitle: `Invite ${firstName} to see their offers`, id, firstName, values: kept?.values ?? { email: record.email ?? '' }, ...errorView(kept?.errors) });
  });

  pages.post('/young-people/:id/invite', { access: CASEWORKERS, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    const email = textOf(formFields(context.req).email);
    const back = `/young-people/${id}/invite`;
    if (!invitationEmail.safeParse(email).success) return context.redirectWithErrors(back, 'invite', { email }, [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }]);
    try {
      await inviteYoungPerson(context, context.deps.config, id, email);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      if (error.code === TOO_YOUNG_TO_INVITE) return context.redirect(back);
      return context.redirectWithErrors(back, 'invite', { email }, [{ field: 'email', message: error.message }]);
    }
    await context.confirm('Invitation sent. The link works once, for 7 days.');
    context.redirect(`/young-people/${id}#own-account`);
  });

  pages.post('/young-people/:id/access', { access: CASEWORKERS }, async (context) => {
    const id = idFrom(context.req.params.id);
    const switched = await switchAccessOff(context, id);
    await context.confirm(switched ? 'Access switched off. They have been signed out everywhere.' : 'They had no account. Any invitation link has stopped working.');
    context.redirect(`/young-people/${id}#own-account`);
  });

  pages.post('/young-people/:id/qualifications/:index/check', { access: CASEWORKERS }, async (context) => {
    const id = idFrom(context.req.params.id);
    const index = Number(context.req.params.index);
    if (!Number.isInteger(index) || index < 0 || index > 49) throw new PageNotFound();
    await checkQualification(context, id, index);
    await context.confirm('Qualification checked. It now counts for ring-fenced places.');
    context.redirect(`/young-people/${id}#own-account`);
  });
}
