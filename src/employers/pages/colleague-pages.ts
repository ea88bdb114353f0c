import { AppError } from '../../lib/errors.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, idFrom, PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { refusalErrors } from '../../lib/pages/refusal-errors.js';
import { cancelInvitation, listPeopleWithAccess, removeColleague } from '../colleagues.service.js';
import { inviteColleague } from '../invitations.service.js';
import { inviteBody } from '../organisations.schemas.js';

const STATUS_TAGS = {
  active: { text: 'Can sign in', classes: 'govuk-tag--green' },
  email_not_confirmed: { text: 'Email not confirmed', classes: 'govuk-tag--yellow' },
  deactivated: { text: 'Deactivated', classes: 'govuk-tag--grey' },
} as const;

/** An employer's colleagues: who has access to their organisation, and inviting another (same services as the API). */
export function registerColleaguePages(pages: Pages): void {
  pages.get('/organisation/people', { access: ['employer'] }, async ({ actor, now, render }) => {
    if (!actor.organisationId) throw new PageNotFound();
    const { people, invitations } = await listPeopleWithAccess({ actor, now }, actor.organisationId);
    render('employers/people.njk', {
      pageTitle: 'People with access',
      people: people.map((person) => ({ ...person, isYou: person.id === actor.userId, tag: STATUS_TAGS[person.status] })),
      invitations,
    });
  });

  pages.get('/organisation/people/:id/remove', { access: ['employer'], form: true }, async ({ actor, now, req, takeFlash, render }) => {
    if (!actor.organisationId) throw new PageNotFound();
    const id = idFrom(req.params.id);
    const person = (await listPeopleWithAccess({ actor, now }, actor.organisationId)).people.find((each) => each.id === id);
    if (!person || person.id === actor.userId) throw new PageNotFound();
    const kept = await takeFlash('remove-colleague');
    render('employers/remove-colleague.njk', { pageTitle: `Remove ${person.name}'s access`, person, ...errorView(kept?.errors) });
  });

  // The same use case as the API would call: the account is deactivated and signed out at once.
  pages.post('/organisation/people/:id/remove', { access: ['employer'] }, async (context) => {
    const { actor, req, redirect, redirectWithErrors, confirm } = context;
    if (!actor.organisationId) throw new PageNotFound();
    const id = idFrom(req.params.id);
    if (id === actor.userId) throw new PageNotFound(); // there is no page to remove oneself
    try {
      const removed = await removeColleague(context, actor.organisationId, id);
      await confirm(`${removed.name} no longer has access to your organisation's offers and referrals.`);
    } catch (error) {
      return redirectWithErrors(`/organisation/people/${id}/remove`, 'remove-colleague', {}, refusalErrors(error, 'remove'));
    }
    redirect('/organisation/people');
  });

  pages.post('/organisation/people/invitations/:id/cancel', { access: ['employer'] }, async (context) => {
    const { actor, req, redirect, confirm } = context;
    if (!actor.organisationId) throw new PageNotFound();
    const cancelled = await cancelInvitation(context, actor.organisationId, idFrom(req.params.id));
    await confirm(`The invitation to ${cancelled.email} is cancelled: its link no longer works.`);
    redirect('/organisation/people');
  });

  pages.get('/organisation/people/invite', { access: ['employer'], form: true }, async ({ takeFlash, render }) => {
    const kept = await takeFlash<{ email: string }>('invite-colleague');
    render('employers/invite-colleague.njk', { pageTitle: 'Invite a colleague', values: kept?.values ?? {}, ...errorView(kept?.errors) });
  });

  pages.post('/organisation/people/invite', { access: ['employer'], form: true }, async (context) => {
    const { actor, req, redirect, redirectWithErrors, confirm } = context;
    if (!actor.organisationId) throw new PageNotFound();
    const email = textOf(formFields(req).email);
    const parsed = inviteBody.safeParse({ email });
    if (!parsed.success) {
      const message = email ? 'Enter an email address in the correct format, like name@example.com' : 'Enter your colleague\'s email address';
      return redirectWithErrors('/organisation/people/invite', 'invite-colleague', { email }, [{ field: 'email', message }]);
    }
    try {
      await inviteColleague(context, actor.organisationId, parsed.data.email);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      return redirectWithErrors('/organisation/people/invite', 'invite-colleague', { email }, [{ field: 'email', message: error.message }]);
    }
    // The same words whether or not the address already has an account, as the API answers.
    await confirm(`We have sent an invitation to ${parsed.data.email}. It works for 72 hours.`);
    redirect('/organisation/people');
  });
}
