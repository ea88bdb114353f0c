import { expect } from 'vitest';
import { sendDueMail } from '../../src/notifications/mail-sender.js';
import { registrationBody, logIn, givenOpenEmployerOffer, type GivenOrganisation } from '../factories/employers.js';
import { givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { givenReferral } from '../factories/referrals.js';
import type { CapturedMail, TestSmtpServer } from '../setup/smtp-server.js';
import type { TestApp } from '../setup/test-app.js';

/** Every message the loopback SMTP server received for `to`, after the sender has sent what is due. */
export async function mailTo(app: TestApp, smtp: TestSmtpServer, to: string): Promise<CapturedMail[]> {
  await sendDueMail(app.deps);
  return smtp.messages.filter((message) => message.envelopeTo.map((address) => address.toLowerCase()).includes(to.toLowerCase()));
}

/**
 * An organisation registered, verified by the link the loopback SMTP server received, and (unless told otherwise)
 * approved, all through the API (the factory's givenOrganisation reads the file outbox, which SMTP replaces here).
 */
export async function givenOrganisationBySmtp(app: TestApp, smtp: TestSmtpServer, councilStaff: GivenUser, districtId: string, options: { approved?: boolean } = {}): Promise<GivenOrganisation> {
  const body = registrationBody(districtId);
  const registered = await app.http().post('/organisations/register').send(body);
  expect(registered.status).toBe(201);
  const [verification] = await mailTo(app, smtp, body.user.email);
  const token = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(verification!.text)?.[1];
  expect((await app.http().post('/organisations/verify-email').send({ token })).status).toBe(200);
  const id = registered.body.organisation.id as string;
  if (options.approved !== false) expect((await app.http().post(`/organisations/${id}/approve`).set('authorization', councilStaff.auth)).status).toBe(200);
  return { id, name: body.organisation.name, employer: await logIn(app, body.user.email) };
}

/**
 * Three young people of one PA referred to one open offer of `organisation`, one at each level of sharing with
 * employers. Everything that would identify them is distinctive, so a test can search for every byte of it.
 */
export async function givenThreeReferrals(app: TestApp, admin: GivenUser, organisation: GivenOrganisation, district: { id: string; code: string; name: string }) {
  const adviser = await givenUser(app, 'personal_adviser', { name: unique('Ottoline Marchbanks') });
  const offer = await givenOpenEmployerOffer(app, organisation, admin, { sharingNeeded: 'none', places: 3 });
  const anonymous = await givenYoungPerson(app, adviser, {
    homeDistrictId: district.id, firstName: unique('Zephyrine'), lastName: unique('Quillfeather'), dateOfBirth: '2009-02-14', careStatus: 'in_care', legalCategory: 'eligible',
    employerSharing: 'anonymous_profile', employerMayKnowCareLeaver: false, email: 'zephyrine.private@example.test', phone: '07700 900123',
  });
  const named = await givenYoungPerson(app, adviser, {
    homeDistrictId: district.id, firstName: unique('Rosalind'), lastName: unique('Ashdown'), dateOfBirth: '2009-01-10', employerSharing: 'name_and_contact', employerMayKnowCareLeaver: true,
    email: 'rosalind.named@example.test', phone: '07700 900456',
  });
  const nothing = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, firstName: unique('Perpetua'), lastName: unique('Hollowell'), employerSharing: 'nothing' });
  const referrals = {
    anonymous: await givenReferral(app, adviser, { youngPersonId: anonymous.id, opportunityId: offer.id }),
    named: await givenReferral(app, adviser, { youngPersonId: named.id, opportunityId: offer.id }),
    nothing: await givenReferral(app, adviser, { youngPersonId: nothing.id, opportunityId: offer.id }),
  };
  /** Every value that would identify the anonymous young person, in the forms a page or an email might print it. */
  const anonymousBytes = [
    anonymous.firstName as string, anonymous.lastName as string, '2009-02-14', '14 February 2009', '14/02/2009', district.name, district.code,
    adviser.name, adviser.email, 'in_care', 'In care', 'in care', 'zephyrine.private@example.test', '07700 900123', anonymous.id,
  ];
  return { adviser, offer, people: { anonymous, named, nothing }, referrals, anonymousBytes };
}
