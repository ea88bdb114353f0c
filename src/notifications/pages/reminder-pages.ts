import { objectId } from '../../lib/http/api.js';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { ROLES } from '../../users/roles.js';
import { listMyReminders, markNotificationRead } from '../notifications.service.js';

const READ_SHOWN = 20;

export function registerReminderPages(pages: Pages): void {
  pages.get('/reminders', { access: ROLES }, async (context) => {
    const reminders = await listMyReminders(context, { readShown: READ_SHOWN });
    context.render('reminders/reminders.njk', { pageTitle: 'My reminders', ...reminders });
  });

  // Marking read is a form (POST + CSRF): a link that changed something could be triggered from another site.
  pages.post('/reminders/:id/read', { access: ROLES }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    await markNotificationRead(context, id.data);
    await context.confirm('Reminder marked as read.');
    context.redirect('/reminders');
  });

  // Emails sent before the reminders page existed link here.
  pages.get('/notifications/mine', { access: ROLES }, async ({ redirect }) => redirect('/reminders'));
}
