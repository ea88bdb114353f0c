import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationModel } from '../../src/notifications/notification.model.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { givenReferral, moveStage } from '../factories/referrals.js';
import { runJob } from '../factories/reminders.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { deliveredTo, digestAndSend, notificationsOf, pendingEmailsTo, sendMail } from './activity-helpers.js';

let app: TestApp;
let admin: GivenUser;
let district: { id: string; code: string; name: string };

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { PUBLIC_BASE_URL: 'https://clo.example.test' } });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict();
});
afterAll(async () => app.close());

const DATE_OF_BIRTH = '2007-11-23';

/** An approved organisation with two users and an open offer of theirs. */
async function givenEmployerWithOffer(overrides: Record<string, unknown> = {}): Promise<{ organisation: GivenOrganisation; colleague: GivenUser; offer: { id: string; title: string } }> {
  const organisation = await givenOrganisation(app, admin, district.id);
  const colleague = await givenUser(app, 'employer', { organisationId: organisation.id });
  const offer = await givenOpenEmployerOffer(app, organisation, admin, { sharingNeeded: 'none', ...overrides });
  return { organisation, colleague, offer: { id: offer.id, title: offer.title as string } };
}

async function givenReferred(employerSharing: string) {
  const adviser = await givenUser(app, 'personal_adviser');
  const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, employerSharing, dateOfBirth: DATE_OF_BIRTH });
  const { organisation, colleague, offer } = await givenEmployerWithOffer();
  const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: offer.id });
  return { adviser, person, organisation, employer: organisation.employer, colleague, offer, referral };
}

/** The bytes that would identify the young person or say where they live. */
const identifying = (person: Record<string, unknown>) => [person.firstName as string, person.lastName as string, DATE_OF_BIRTH, '23 November 2007', district.name, district.code];

const outcome = (employer: GivenUser, referralId: string, body: object) => app.http().post(`/employer/referrals/${referralId}/outcome`).set('authorization', employer.auth).send(body);

describe('an employer hears when a young person is referred to their offer', () => {
  it('when the young person shares an anonymous profile, then every user of the organisation is told the referral code only, in the service and in the digest', async () => {
    const { person, employer, colleague, offer, referral } = await givenReferred('anonymous_profile');
    for (const user of [employer, colleague]) {
      const [notice] = await notificationsOf(app, user, 'referral_received');
      expect(notice).toMatchObject({ link: `/received-referrals/${referral.id}`, youngPersonId: null });
      expect(notice!.text).toBe(`A young person was referred to your offer ${offer.title} (referral ${referral.referralCode}).`);
      for (const bytes of identifying(person)) expect(JSON.stringify(notice)).not.toContain(bytes);
    }
    // Emailed at once by default (a new referral is acted on the day it arrives), the subject with the code only.
    // (The council's approval of the offer is emailed at once too, and is no referral.)
    expect((await pendingEmailsTo(app, admin, employer.email)).filter((message) => !message.subject.startsWith('Your offer')).map((email) => email.subject)).toEqual([`New referral ${referral.referralCode} to your offer`]);

    await digestAndSend(app, '2026-06-15');
    const [digest] = (await deliveredTo(app, employer.email)).filter((mail) => mail.subject.startsWith('Your reminders'));
    expect(digest!.text).toContain(`referral ${referral.referralCode}`);
    expect(digest!.text).toContain(`https://clo.example.test/received-referrals/${referral.id}`);
    for (const bytes of identifying(person)) expect(`${digest!.subject}\n${digest!.text}\n${digest!.html}`).not.toContain(bytes);
  });

  it('when the young person shares nothing with employers, then the employer is told nothing at all', async () => {
    const { employer, colleague } = await givenReferred('nothing');
    expect(await notificationsOf(app, employer)).toEqual(expect.not.arrayContaining([expect.objectContaining({ rule: 'referral_received' })]));
    expect(await notificationsOf(app, colleague, 'referral_received')).toEqual([]);
    await digestAndSend(app, '2026-06-16');
    expect((await deliveredTo(app, colleague.email)).filter((mail) => mail.text.includes('referred'))).toEqual([]);
  });

  it('when the young person shares their name, then the line and the email body name them but no email subject does', async () => {
    const { person, colleague, referral } = await givenReferred('name_and_contact');
    const [notice] = await notificationsOf(app, colleague, 'referral_received');
    expect(notice!.text).toContain(`${person.firstName as string} was referred`);
    const email = (await pendingEmailsTo(app, admin, colleague.email)).find((message) => message.subject.startsWith('New referral'));
    expect(email!.subject).toBe(`New referral ${referral.referralCode} to your offer`);
    await sendMail(app);
    const [mail] = (await deliveredTo(app, colleague.email)).filter((delivered) => delivered.subject.startsWith('New referral'));
    expect(mail!.text).toContain(`${person.firstName as string} was referred`);
    expect(mail!.text).toContain(`https://clo.example.test/received-referrals/${referral.id}`);
    expect(mail!.subject).not.toContain(person.firstName as string);
  });

  it('when the PA withdraws a referral, then the employer is told it ended, without the PA\'s reason', async () => {
    const { adviser, employer, offer, referral } = await givenReferred('anonymous_profile');
    expect((await moveStage(app, adviser, referral.id, { stage: 'withdrawn', reason: 'Moved out of the area after a placement breakdown' })).status).toBe(200);
    const [notice] = await notificationsOf(app, employer, 'referral_withdrawn');
    expect(notice!.text).toBe(`Referral ${referral.referralCode} to your offer ${offer.title} has ended: it was withdrawn.`);
    expect(notice!.text).not.toContain('placement');
  });
});

describe('a suggestion, and steps whose telling failed', () => {
  it('when a PA only suggests a young person, then the employer hears nothing; when the PA puts them forward, then the employer is told; a suggestion withdrawn tells nobody', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const { organisation, offer } = await givenEmployerWithOffer({ places: 3 });
    const [first, second] = [await givenYoungPerson(app, adviser, { homeDistrictId: district.id }), await givenYoungPerson(app, adviser, { homeDistrictId: district.id })];
    const suggested = await givenReferral(app, adviser, { youngPersonId: first.id, opportunityId: offer.id, stage: 'suggested' });
    const dropped = await givenReferral(app, adviser, { youngPersonId: second.id, opportunityId: offer.id, stage: 'suggested' });
    expect((await moveStage(app, adviser, dropped.id, { stage: 'withdrawn', reason: 'Changed their mind' })).status).toBe(200);
    expect(await notificationsOf(app, organisation.employer, 'referral_received')).toEqual([]);
    expect(await notificationsOf(app, organisation.employer, 'referral_withdrawn')).toEqual([]);
    expect((await moveStage(app, adviser, suggested.id, { stage: 'referred' })).status).toBe(200);
    const [notice] = await notificationsOf(app, organisation.employer, 'referral_received');
    expect(notice!.text).toContain(suggested.referralCode);
  });

  it('when telling a step failed at the time, then the next reminder scan tells it from referral_events, once', async () => {
    const { adviser, employer, referral } = await givenReferred('anonymous_profile');
    expect((await outcome(employer, referral.id, { outcome: 'informal_meeting_held' })).status).toBe(200);
    // As if the database had refused the notification when the step was recorded.
    await NotificationModel.deleteMany({ subjectKey: { $regex: `^referral:${referral.id}/` } });
    expect(await notificationsOf(app, adviser, 'employer_outcome_recorded')).toEqual([]);
    await runJob(app, 'reminder-scan', { at: '2026-06-15T10:00:00.000Z' });
    await runJob(app, 'reminder-scan', { at: '2026-06-15T10:05:00.000Z' });
    expect(await notificationsOf(app, adviser, 'employer_outcome_recorded')).toHaveLength(1);
    expect(await notificationsOf(app, employer, 'referral_received')).toHaveLength(1);
  });
});

describe('a PA hears of every outcome an employer records', () => {
  it('when the employer arranges a work trial, then the PA has it in the service and in the digest, not at once', async () => {
    const { adviser, employer, offer, referral } = await givenReferred('anonymous_profile');
    expect((await outcome(employer, referral.id, { outcome: 'work_trial_arranged', date: '2026-06-29' })).status).toBe(200);
    const [notice] = await notificationsOf(app, adviser, 'employer_outcome_recorded');
    expect(notice).toMatchObject({ link: `/referrals/${referral.id}`, urgency: 'for_information' });
    expect(notice!.text).toBe(`Referral ${referral.referralCode} (${offer.title}): the employer arranged a work trial for Monday 29 June 2026.`);
    expect(await pendingEmailsTo(app, admin, adviser.email)).toEqual([]);
    await digestAndSend(app, '2026-06-17');
    const [digest] = (await deliveredTo(app, adviser.email)).filter((mail) => mail.subject.startsWith('Your reminders'));
    expect(digest!.text).toContain(notice!.text);
  });

  it('when the employer makes an offer, then the PA is emailed at once (urgent), with no name in the subject', async () => {
    const { adviser, person, employer, referral } = await givenReferred('name_and_contact');
    expect((await outcome(employer, referral.id, { outcome: 'offer_made' })).status).toBe(200);
    const [notice] = await notificationsOf(app, adviser, 'employer_offer_made');
    expect(notice!.urgency).toBe('urgent');
    const [email] = await pendingEmailsTo(app, admin, adviser.email);
    expect(email!.subject).toBe(`Urgent: Referral ${referral.referralCode}: the employer made an offer`);
    expect(email!.subject).not.toContain(person.firstName as string);
  });

  it('when the employer records "not progressed", then the PA is told without the employer\'s reason in the line', async () => {
    const { adviser, employer, referral } = await givenReferred('anonymous_profile');
    expect((await outcome(employer, referral.id, { outcome: 'not_progressed', reason: 'Did not attend the interview' })).status).toBe(200);
    const [notice] = await notificationsOf(app, adviser, 'employer_outcome_recorded');
    expect(notice!.text).toContain('the employer is not progressing it');
    expect(notice!.text).not.toContain('interview');
  });
});

describe('an employer hears what the council does with their offers', () => {
  it('when council staff send an offer back with a reason, approve it and close it, then each user of the organisation is told each step', async () => {
    const organisation = await givenOrganisation(app, admin, district.id);
    const colleague = await givenUser(app, 'employer', { organisationId: organisation.id });
    const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody());
    const id = created.body.id as string;
    const staff = (path: string, body?: object) => app.http().post(`/opportunities/${id}/${path}`).set('authorization', admin.auth).send(body);
    const employerDoes = (path: string) => app.http().post(`/opportunities/${id}/${path}`).set('authorization', organisation.employer.auth);

    expect((await employerDoes('submit')).status).toBe(200);
    expect((await staff('send-back', { reason: 'Please give the weekly hours.' })).status).toBe(200);
    for (const user of [organisation.employer, colleague]) {
      const [notice] = await notificationsOf(app, user, 'offer_sent_back');
      expect(notice).toMatchObject({ link: `/opportunities/${id}`, text: `Your offer ${created.body.title as string} was sent back by the council: Please give the weekly hours.` });
    }
    expect((await employerDoes('submit')).status).toBe(200);
    expect((await staff('approve')).status).toBe(200);
    expect(await notificationsOf(app, colleague, 'offer_approved')).toHaveLength(1);
    expect((await staff('close')).status).toBe(200);
    const [closed] = await notificationsOf(app, colleague, 'offer_closed');
    expect(closed!.text).toBe(`Your offer ${created.body.title as string} was closed by the council on Monday 15 June 2026.`);
  });

  it('when the employer closes their own offer, then nobody is notified of it (it is their own step)', async () => {
    const { organisation, colleague, offer } = await givenEmployerWithOffer();
    expect((await app.http().post(`/opportunities/${offer.id}/close`).set('authorization', organisation.employer.auth)).status).toBe(200);
    expect(await notificationsOf(app, colleague, 'offer_closed')).toEqual([]);
  });

  it('when an offer passes its closing date, then the closing-date job tells the organisation once, however often it runs', async () => {
    const { colleague, offer } = await givenEmployerWithOffer({ closingDate: '2026-06-30', startDate: '2026-09-01' });
    await runJob(app, 'close-expired-opportunities', '2026-07-01');
    await runJob(app, 'close-expired-opportunities', '2026-07-02');
    const closed = await notificationsOf(app, colleague, 'offer_closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ link: `/opportunities/${offer.id}`, text: `Your offer ${offer.title} closed on its closing date, Tuesday 30 June 2026.` });
  });
});
