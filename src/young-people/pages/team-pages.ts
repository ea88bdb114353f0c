import { idFrom } from '../../lib/pages/pages.js';
import { AppError } from '../../lib/errors.js';
import { objectId } from '../../lib/http/api.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { type Pages } from '../../lib/pages/pages.js';
import { auditTrailForYoungPerson } from '../../audit/audit.service.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { userNames } from '../../users/users.service.js';
import { teamCaseloads } from '../team-caseloads.service.js';
import { getYoungPersonInScope, updateYoungPerson } from '../young-people.service.js';

export function registerTeamPages(pages: Pages): void {
  pages.get('/team', { access: COUNCIL_STAFF }, async (context) => {
    const team = await teamCaseloads(context);
    context.render('team/team.njk', { pageTitle: 'Team caseloads', ...team });
  });

  // Reallocation: the same use case as PATCH /api/young-people/:id {personalAdviserId}, so referrals follow.
  pages.post('/young-people/:id/reallocate', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const personalAdviserId = textOf(formFields(context.req).personalAdviserId);
    const back = `/young-people/${id}`;
    if (!objectId.safeParse(personalAdviserId).success) return context.redirectWithErrors(`${back}#reallocate`, 'reallocate', {}, [{ field: 'personalAdviserId', message: 'Choose a personal adviser' }]);
    try {
      await updateYoungPerson(context, id, { personalAdviserId });
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      return context.redirectWithErrors(`${back}#reallocate`, 'reallocate', {}, [{ field: 'personalAdviserId', message: error.message }]);
    }
    const names = await userNames([personalAdviserId]);
    await context.confirm(`Reallocated to ${names.get(personalAdviserId) ?? 'the chosen personal adviser'}. Their referrals move with them, and reminders from now on go to their new adviser.`);
    context.redirect(back);
  });

  // The subject-access audit trail, for managers and admins (the same entries as GET /api/young-people/:id/audit).
  pages.get('/young-people/:id/audit', { access: COUNCIL_STAFF }, async (context) => {
    const id = idFrom(context.req.params.id);
    const youngPerson = await getYoungPersonInScope(context.actor, id);
    const entries = await auditTrailForYoungPerson(id, 500);
    const names = await userNames(entries.map((entry) => entry.actorUserId));
    context.render('team/audit.njk', { pageTitle: 'Who has seen or changed this record', youngPerson, entries: entries.map((entry) => ({ ...entry, who: names.get(entry.actorUserId) ?? entry.actorRole })) });
  });
}
