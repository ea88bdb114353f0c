import { z } from 'zod';
import { AUDIENCES, URGENCIES } from './notification.model.js';
import { MAIL_KINDS, MAIL_STATUSES } from './mail-outbox.model.js';
import { JOB_RUN_STATUSES } from '../../jobs/job-runs.model.js';

const paging = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };

export const myNotificationsQuery = z.strictObject({ ...paging });

export const notificationView = z.object({
  id: z.string(),
  rule: z.string(),
  urgency: z.enum(URGENCIES),
  audience: z.enum(AUDIENCES),
  dueDate: z.string(),
  text: z.string(),
  link: z.string(),
  youngPersonId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const outboxQuery = z.strictObject({ status: z.enum(MAIL_STATUSES).default('failed'), ...paging });

export const outboxMessageView = z.object({
  id: z.string(),
  kind: z.enum(MAIL_KINDS),
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type OutboxMessageView = z.infer<typeof outboxMessageView>;

export const jobRunsQuery = z.strictObject({ jobName: z.string().max(60).optional(), status: z.enum(JOB_RUN_STATUSES).optional(), ...paging });

export const jobRunView = z.object({
  id: z.string(),
  jobName: z.string(),
  slot: z.string(),
  status: z.enum(JOB_RUN_STATUSES),
  owner: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** 1, or more when this attempt took the slot over from a failed or dead one. */
  attempt: z.number(),
  found: z.number(),
  stored: z.number(),
  queued: z.number(),
  sent: z.number(),
  errors: z.array(z.string()),
});
export type JobRunView = z.infer<typeof jobRunView>;
