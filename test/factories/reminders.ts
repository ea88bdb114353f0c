import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { findJob } from '../../jobs/jobs.js';
import { runJobForSlot, type RunResult } from '../../jobs/job-runner.js';
import { addDays, startOfLondonDay, type LocalDate } from '../../src/lib/dates.js';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { ReferralModel } from '../../src/referrals/referrals.model.js';
import type { GivenUser } from './index.js';
import type { TestApp } from '../setup/test-app.js';

/** An opening, stored directly (the opportunities API belongs to another capability). Open, closing in July 2026 by default. */
export async function givenOpportunity(overrides: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
  const title = `Opening ${randomBytes(3).toString('hex')}`;
  const record = await OpportunityModel.create({
    kind: 'apprenticeship', title, providerName: 'Test Provider', sector: 'digital', status: 'open', closingDate: '2026-07-10', places: 2, sharingNeeded: 'anonymous_profile', ...overrides,
  });
  return { id: String(record._id), title: record.title };
}

/** A referral, stored directly (the referrals API belongs to another capability). */
export async function givenReferral(input: { youngPersonId: string; opportunityId: string; adviser: GivenUser; stage?: string } & Record<string, unknown>): Promise<{ id: string; referralCode: string }> {
  const { youngPersonId, opportunityId, adviser, stage = 'referred', ...rest } = input;
  const referralCode = `R-${randomBytes(4).toString('hex').toUpperCase()}`;
  const record = await ReferralModel.create({
    youngPersonId, opportunityId, personalAdviserId: adviser.id, team: adviser.team ?? 'north-team', referralCode, stage, history: [], lastMovedAt: new Date('2026-06-14T10:00:00Z'), ...rest,
  } as Record<string, unknown>);
  return { id: String(record._id), referralCode };
}

let minute = 0;

/**
 * Runs a job in-process through the same runner as the scheduler and the CLI, as at 06:00 London on `date`
 * (each call a new minute, so each is its own slot), or exactly at `at` when given as an ISO instant.
 */
export async function runJob(app: TestApp, name: string, date: LocalDate | { at: string }): Promise<RunResult> {
  const job = findJob(name);
  if (!job) throw new Error(`no job ${name}`);
  const slot = typeof date === 'string' ? new Date(startOfLondonDay(date).getTime() + 6 * 3_600_000 + (minute++ % 600) * 60_000) : new Date(date.at);
  return runJobForSlot(job, app.deps, { slot });
}

/** Runs the reminder scan for each London date from `from` to `to`, in order (as the daily schedule would). */
export async function scanDays(app: TestApp, from: LocalDate, to: LocalDate): Promise<void> {
  for (let day = from; day <= to; day = addDays(day, 1)) await runJob(app, 'reminder-scan', day);
}

export interface ReminderItem {
  id: string;
  rule: string;
  urgency: string;
  dueDate: string;
  text: string;
  link: string;
  youngPersonId: string | null;
}

export async function remindersOf(app: TestApp, user: GivenUser): Promise<ReminderItem[]> {
  const response = await app.http().get('/notifications/mine').query({ limit: 500 }).set('authorization', user.auth);
  if (response.status !== 200) throw new Error(`GET /notifications/mine: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.items as ReminderItem[];
}

export const rulesOf = (items: ReminderItem[]) => items.map((item) => item.rule).sort();

/** Runs scripts/run-job.ts in a child process against the test database, as an operator would. */
export function runJobCli(app: TestApp, args: string[], env: Record<string, string> = {}): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; kill: () => void; pid: number | undefined } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/run-job.ts'), ...args], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB_NAME: app.dbName, MAIL_OUTBOX_DIR: app.deps.config.MAIL_OUTBOX_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL'), pid: child.pid };
}

export const objectIdOf = (id: string) => new mongoose.Types.ObjectId(id);
