import { expect } from 'vitest';
import type { LocalDate } from '../../src/lib/dates.js';
import type { TestApp } from '../setup/test-app.js';
import { givenDistrict, givenUser, givenYoungPerson, TEST_PASSWORD, type GivenUser } from './index.js';

/** 09:00 UTC on a calendar date: the same date in London in winter and summer. */
export const morningOf = (date: LocalDate) => `${date}T09:00:00.000Z`;

/**
 * Moves the clock to 09:00 UTC on a date (or to an exact ISO instant) and signs the users in again (sessions last at most 30 days, and
 * these tests travel months), updating their `auth` in place.
 */
export async function travelTo(app: TestApp, dateOrInstant: LocalDate | string, ...users: GivenUser[]): Promise<void> {
  app.clock.set(dateOrInstant.length === 10 ? morningOf(dateOrInstant) : dateOrInstant);
  for (const user of users) {
    const login = await app.http().post('/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    user.token = login.body.token as string;
    user.auth = `Bearer ${user.token}`;
  }
}

/**
 * A district outside the council's area, so only those who want to live there are relevant to it
 * (inside the area, every consenting under-21 in the test database would have a local connection).
 */
export async function givenOutOfAreaDistrict(overrides: Parameters<typeof givenDistrict>[0] = {}) {
  return givenDistrict({ withinCouncilArea: false, ...overrides });
}

export async function givenHousingOfficer(app: TestApp, districtIds: string[]): Promise<GivenUser> {
  return givenUser(app, 'housing_officer', { districtIds });
}

export async function givenCareLeaver(app: TestApp, adviser: GivenUser, overrides: Record<string, unknown> & { homeDistrictId: string }) {
  return givenYoungPerson(app, adviser, overrides);
}

export async function startApplication(app: TestApp, as: GivenUser, youngPersonId: string, districtId: string): Promise<{ id: string; status: string }> {
  const response = await app.http().post(`/young-people/${youngPersonId}/housing-applications`).set('authorization', as.auth).send({ districtId });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export function changeStatus(app: TestApp, as: GivenUser, applicationId: string, body: Record<string, unknown>) {
  return app.http().post(`/housing-applications/${applicationId}/status`).set('authorization', as.auth).send(body);
}

/** A valid body for moving to each status, with dates on or before `today`. */
export function statusBody(status: string, today: LocalDate): Record<string, unknown> {
  switch (status) {
    case 'not_started':
      return { status, reason: 'Reopened: wants to live here again' };
    case 'eligible_to_apply':
      return { status, date: today };
    case 'application_submitted':
      return { status, submittedDate: today };
    case 'registered':
      return { status, reference: 'HR-1234', bandOrPriority: 'Band B', localConnection: true, priorityDate: today };
    case 'interim_or_supported_accommodation':
      return { status, kind: 'supported', arrangedDate: today };
    case 'offer_made':
      return { status, offerDate: today };
    case 'housed':
      return { status, tenancyStartDate: today };
    case 'refused':
      return { status, reason: 'Not eligible: no local connection', date: today };
    case 'closed':
      return { status, reason: 'Moved out of the area' };
    default:
      throw new Error(`no body for ${status}`);
  }
}

export async function earlyApplicationsOfDistrict(app: TestApp, as: GivenUser, districtId: string) {
  return app.http().get(`/districts/${districtId}/early-applications`).set('authorization', as.auth);
}

/** The item for one young person on an early-application list, or undefined when they are not on it. */
export function itemFor(body: { items: { youngPerson: { id: string }; district: { id: string } }[] }, youngPersonId: string, districtId?: string) {
  return body.items.find((item) => item.youngPerson.id === youngPersonId && (!districtId || item.district.id === districtId)) as Record<string, any> | undefined;
}
