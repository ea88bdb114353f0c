import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { sendDueMail } from '../../src/notifications/mail-sender.js';
import { TEST_PASSWORD, unique, type GivenUser } from './index.js';
import type { TestApp } from '../setup/test-app.js';

/** A valid body for POST /organisations/register; override the organisation or the user. */
export function registrationBody(districtId: string, overrides: { organisation?: Record<string, unknown>; user?: Record<string, unknown> } = {}) {
  const name = unique('Acme Ltd');
  return {
    organisation: {
      name,
      sector: 'digital',
      size: 'small',
      address: { line1: '1 High Street', town: 'Leicester', postcode: 'le1 1aa' },
      districtId,
      contact: { name: 'Pat Manager', email: `${unique('contact')}@example.test`, phone: '0116 000 0000' },
      covenant: { signedOn: '2025-01-15', pledgedOutcomeAreas: ['education_employment_training', 'finance'] },
      ...overrides.organisation,
    },
    user: { name: 'Sam Owner', email: `${unique('owner')}@example.test`, password: TEST_PASSWORD, ...overrides.user },
  };
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/** Every email the app wrote to its outbox folder (demo mode) for `to`, oldest first, after the sender has sent what is due. */
export async function mailsTo(app: TestApp, to: string): Promise<ReceivedMail[]> {
  await sendDueMail(app.deps);
  const dir = app.deps.config.MAIL_OUTBOX_DIR;
  const files = (await readdir(dir)).filter((file) => file.endsWith('.eml'));
  const mails: (ReceivedMail & { at: number })[] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    const parsed = await simpleParser(await readFile(full));
    const recipients = [parsed.to].flat().flatMap((address) => address?.value.map((value) => value.address?.toLowerCase()) ?? []);
    if (recipients.includes(to.toLowerCase())) mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', at: (await stat(full)).mtimeMs });
  }
  return mails.sort((a, b) => a.at - b.at);
}

/** The token in the last link emailed to `to` whose path is `linkPath` (e.g. /verify-email). */
export async function lastLinkToken(app: TestApp, to: string, linkPath: string): Promise<string> {
  const mails = await mailsTo(app, to);
  for (const mail of mails.reverse()) {
    const match = new RegExp(`${linkPath}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no ${linkPath} link emailed to ${to}`);
}

export async function logIn(app: TestApp, email: string): Promise<GivenUser> {
  const response = await app.http().post('/auth/login').send({ email, password: TEST_PASSWORD });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const user = response.body.user;
  return { id: user.id, email, name: user.name, role: user.role, token: response.body.token, team: null, auth: `Bearer ${response.body.token}` };
}

export interface GivenOrganisation {
  id: string;
  name: string;
  /** The first user, verified and signed in. */
  employer: GivenUser;
}

/** An organisation registered, verified and (unless told otherwise) approved, all through the API. */
export async function givenOrganisation(app: TestApp, councilStaff: GivenUser, districtId: string, options: { approved?: boolean; overrides?: Parameters<typeof registrationBody>[1] } = {}): Promise<GivenOrganisation> {
  const body = registrationBody(districtId, options.overrides);
  const registered = await app.http().post('/organisations/register').send(body);
  if (registered.status !== 201) throw new Error(`registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const token = await lastLinkToken(app, body.user.email, '/verify-email');
  const verified = await app.http().post('/organisations/verify-email').send({ token });
  if (verified.status !== 200) throw new Error(`verification failed: ${verified.status}`);
  const id = registered.body.organisation.id as string;
  if (options.approved !== false) {
    const approved = await app.http().post(`/organisations/${id}/approve`).set('authorization', councilStaff.auth);
    if (approved.status !== 200) throw new Error(`approval failed: ${approved.status}`);
    // The approval email goes out now, so tests that look at an employer's waiting emails start from none.
    await sendDueMail(app.deps);
  }
  return { id, name: body.organisation.name, employer: await logIn(app, body.user.email) };
}

/** A valid body for POST /opportunities (an employer's digital apprenticeship); override anything. */
export function offerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'apprenticeship',
    title: unique('Junior developer apprentice'),
    description: 'Learn to build and run web services with a friendly team, on the job and at college.',
    whatYouWillDo: 'Pair with a developer on small changes, write tests, and help run the service.',
    skills: ['Curiosity', 'Team work'],
    sector: 'digital',
    level: 3,
    remote: true,
    places: 2,
    closingDate: '2026-07-31',
    startDate: '2026-09-01',
    wageType: 'national_minimum_wage_for_apprentices',
    weeklyHours: 37.5,
    durationMonths: 18,
    minAgeAtStart: 16,
    maxAgeAtStart: 24,
    eligibleCareStatus: 'both',
    requiredQualifications: [{ subject: 'Maths', level: 2 }],
    sharingNeeded: 'anonymous_profile',
    ...overrides,
  };
}

/** An employer offer taken through submit and council approval, so it is open. */
export async function givenOpenEmployerOffer(app: TestApp, organisation: GivenOrganisation, councilStaff: GivenUser, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: string }> {
  const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody(overrides));
  if (created.status !== 201) throw new Error(`creating offer failed: ${created.status} ${JSON.stringify(created.body)}`);
  const submitted = await app.http().post(`/opportunities/${created.body.id}/submit`).set('authorization', organisation.employer.auth);
  if (submitted.status !== 200) throw new Error(`submitting offer failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const approved = await app.http().post(`/opportunities/${created.body.id}/approve`).set('authorization', councilStaff.auth);
  if (approved.status !== 200) throw new Error(`approving offer failed: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body;
}
