import { z } from 'zod';
import { idParams, type Api } from '../lib/http/api.js';
import { COUNCIL_STAFF, ROLES } from '../users/roles.js';
import { jobRunsQuery, jobRunView, myNotificationsQuery, notificationView, outboxMessageView, outboxQuery } from './notifications.schemas.js';
import { preferencesView, updatePreferencesBody } from './notification-preferences.schemas.js';
import { readMyPreferences, updateMyPreferences } from './notification-preferences.service.js';
import { listJobRuns, listMyUnreadNotifications, listOutbox, markNotificationRead, retryAllFailedMessages, retryFailedMessage } from './notifications.service.js';

export function registerNotificationRoutes(api: Api): void {
  api.get('/notifications/mine', { summary: 'My unread reminders, most urgent first', tag: 'Notifications', access: ROLES, query: myNotificationsQuery, response: z.object({ items: z.array(notificationView), total: z.number() }) }, async ({ query }, context) =>
    listMyUnreadNotifications(context, query),
  );
  api.get('/notifications/preferences', { summary: 'How I hear of each kind of notification: at once by email, in the daily digest, or never', tag: 'Notifications', access: ROLES, response: preferencesView }, async (_input, context) =>
    readMyPreferences(context.actor),
  );
  api.put('/notifications/preferences', { summary: 'Choose at_once, digest or never per kind (null: the default); urgent safeguarding and housing alerts cannot be turned off', tag: 'Notifications', access: ROLES, body: updatePreferencesBody, response: preferencesView }, async ({ body }, context) =>
    updateMyPreferences(context.actor, body, context.now),
  );
  api.post('/notifications/:id/read', { summary: 'Mark one of my reminders read', tag: 'Notifications', access: ROLES, params: idParams, response: notificationView }, async ({ params }, context) =>
    markNotificationRead(context, params.id),
  );
  api.get('/notifications', { summary: 'Emails by delivery status (default: failed), for staff', tag: 'Notifications', access: COUNCIL_STAFF, query: outboxQuery, response: z.object({ items: z.array(outboxMessageView), total: z.number() }) }, async ({ query }, { actor }) =>
    listOutbox(actor, query),
  );
  api.post('/notifications/:id/retry', { summary: 'Send a failed email again', tag: 'Notifications', access: COUNCIL_STAFF, params: idParams, response: outboxMessageView }, async ({ params }, context) =>
    retryFailedMessage(context, params.id),
  );
  api.post('/notifications/retry-failed', { summary: 'Send every failed email again (after fixing the cause)', tag: 'Notifications', access: COUNCIL_STAFF, response: z.object({ retried: z.number() }) }, async (_input, context) =>
    retryAllFailedMessages(context),
  );
  api.get('/job-runs', { summary: 'Scheduled job runs, newest first: started, ended, found, sent, errors', tag: 'Notifications', access: COUNCIL_STAFF, query: jobRunsQuery, response: z.object({ items: z.array(jobRunView), total: z.number() }) }, async ({ query }) =>
    listJobRuns(query),
  );
}
