import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../../src/audit/audit.model.js';
import { ReferralModel } from '../../src/referrals/referrals.model.js';
import { givenOpenEmployerOffer } from '../factories/employers.js';
import { givenDistrict, givenUser, givenYoungPerson, unique, type GivenUser } from '../factories/index.js';
import { givenReferral } from '../factories/referrals.js';
import { runJob } from '../factories/reminders.js';
import { notificationsOf, pendingEmailsTo } from '../notifications/activity-helpers.js';
import { startTestSmtpServer, type TestSmtpServer } from '../setup/smtp-server.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, csrfOf, errorSummaryOf, signedInBrowser, type BrowserAgent } from './browser-agent.js';
import { givenOrganisationBySmtp, givenThreeReferrals, mailTo } from './received-referrals-support.js';

let smtp: TestSmtpServer;
let app: TestApp;
let admin: GivenUser;
let district: { id: string; code: string; name: string };

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z', config: { SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'http://clo.example.test' } });
  admin = await givenUser(app, 'admin');
  district = await givenDistrict({ name: unique('Wyrmsbury Vale') });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

async function givenEmployerWithReferrals() {
  const organisation = await givenOrganisationBySmtp(app, smtp, admin, district.id);
  const given = await givenThreeReferrals(app, admin, organisation, district);
  const agent = await signedInBrowser(app, organisation.employer);
  return { organisation, agent, ...given };
}

/** A CSRF token for `agent`'s session, from a page of their own with a form (one of their own referrals). */
async function csrfOfOwnReferral(agent: BrowserAgent, organisation: Awaited<ReturnType<typeof givenOrganisationBySmtp>>): Promise<string> {
  const own = await givenThreeReferrals(app, admin, organisation, district);
  return csrfOf((await agent.get(`/received-referrals/${own.referrals.anonymous.id}`)).text);
}

/** Opens the referral's page and posts its outcome form with these fields (and the page's CSRF token). */
async function postOutcome(agent: BrowserAgent, referralId: string, fields: Record<string, string>) {
  const page = await agent.get(`/received-referrals/${referralId}`);
  return agent.post(`/received-referrals/${referralId}/outcome`).type('form').send({ _csrf: csrfOf(page.text), ...fields });
}

const stageOf = async (referralId: string) => (await ReferralModel.findById(referralId).lean())?.stage;

describe('the referrals an employer receives, at the level each young person agreed to share', () => {
  it('when the employer opens the list, then the anonymous referral shows its code only, the named one its name, and the one sharing nothing is not there; no byte identifies the anonymous young person', async () => {
    const { agent, referrals, people, anonymousBytes } = await givenEmployerWithReferrals();
    const page = await agent.get('/received-referrals');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const $ = $of(page.text);
    const rows = $('[data-qa="referrals-table"] tbody tr').map((_i, row) => $(row).text().replace(/\s+/g, ' ')).get();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.includes(referrals.anonymous.referralCode))).toContain('Anonymous profile');
    expect(rows.find((row) => row.includes(referrals.named.referralCode))).toContain(`${people.named.firstName as string} ${people.named.lastName as string}`);
    for (const bytes of [...anonymousBytes, referrals.nothing.referralCode, referrals.nothing.id, people.nothing.firstName as string, people.nothing.lastName as string]) expect(page.text).not.toContain(bytes);
  });

  it('when the employer opens the anonymous referral, then it shows the code, the relevant interest and qualification, and nothing that identifies them', async () => {
    const { agent, referrals, anonymousBytes, people } = await givenEmployerWithReferrals();
    const page = await agent.get(`/received-referrals/${referrals.anonymous.id}`);
    expect(page.status).toBe(200);
    const $ = $of(page.text);
    const profile = $('[data-qa="shared-profile"]').text().replace(/\s+/g, ' ');
    expect($('[data-qa="referral-code"]').text()).toContain(referrals.anonymous.referralCode);
    expect(profile).toContain('Digital');
    expect(profile).toContain('Mathematics, level 2, grade 5');
    expect(profile).not.toMatch(/Name|Email|Phone/);
    for (const bytes of anonymousBytes) expect(page.text).not.toContain(bytes);
    // The read is audited against the young person, as the API's is.
    expect(await AuditEntryModel.countDocuments({ resourceId: referrals.anonymous.id, via: 'GET /received-referrals/:id', youngPersonIds: people.anonymous.id })).toBe(1);
  });

  it('when the young person has no interest or qualification the offer looks for, then the rows say why they are empty, not "none recorded"', async () => {
    const organisation = await givenOrganisationBySmtp(app, smtp, admin, district.id);
    const adviser = await givenUser(app, 'personal_adviser');
    const rows = async (offerOverrides: Record<string, unknown>) => {
      const offer = await givenOpenEmployerOffer(app, organisation, admin, { kind: 'job', level: null, sector: 'catering_and_hospitality', sharingNeeded: 'anonymous_profile', ...offerOverrides });
      const person = await givenYoungPerson(app, adviser, { homeDistrictId: district.id, employerSharing: 'anonymous_profile', interests: ['digital'], qualifications: [] });
      const referral = await givenReferral(app, adviser, { youngPersonId: person.id, opportunityId: offer.id });
      const $ = $of((await (await signedInBrowser(app, organisation.employer)).get(`/received-referrals/${referral.id}`)).text);
      return Object.fromEntries($('[data-qa="shared-profile"] .govuk-summary-list__row').map((_i, row) => [[$(row).find('dt').text().trim(), $(row).find('dd').text().trim()]]).get() as unknown as [string, string][]);
    };
    expect(await rows({ requiredQualifications: [] })).toMatchObject({ 'Interested in your area of work': 'Not among the areas of work they have chosen', 'Qualifications you asked for': 'Your offer does not ask for any' });
    expect((await rows({ requiredQualifications: [{ subject: 'Food Hygiene', level: 2, importance: 'desirable' }] }))['Qualifications you asked for']).toBe('None of those your offer asks for');
  });

  it('when the employer opens the named referral, then it shows the name and contact details', async () => {
    const { agent, referrals, people } = await givenEmployerWithReferrals();
    const profile = $of((await agent.get(`/received-referrals/${referrals.named.id}`)).text)('[data-qa="shared-profile"]').text();
    for (const value of [people.named.firstName as string, people.named.lastName as string, 'rosalind.named@example.test', '07700 900456']) expect(profile).toContain(value);
    expect(profile).not.toContain('2009-01-10');
  });

  it('when the employer opens a referral whose young person shares nothing, then it is the not-found page with nothing of them', async () => {
    const { agent, referrals, people } = await givenEmployerWithReferrals();
    const page = await agent.get(`/received-referrals/${referrals.nothing.id}`);
    expect(page.status).toBe(404);
    expect($of(page.text)('h1').text()).toBe('Page not found');
    for (const bytes of [referrals.nothing.referralCode, people.nothing.firstName as string]) expect(page.text).not.toContain(bytes);
  });

  it('when the employer filters by offer and by stage, then only those referrals are listed', async () => {
    const { agent, organisation, offer, referrals } = await givenEmployerWithReferrals();
    const other = await givenThreeReferrals(app, admin, organisation, district);
    expect((await postOutcome(agent, referrals.named.id, { outcome: 'informal_meeting_held' })).status).toBe(303);
    const codes = async (query: string) => {
      const $ = $of((await agent.get(`/received-referrals?${query}`)).text);
      return $('[data-qa="referral-link"]').map((_i, link) => $(link).text()).get().sort();
    };
    expect(await codes(`opportunityId=${offer.id}`)).toEqual([referrals.anonymous.referralCode, referrals.named.referralCode].sort());
    expect(await codes(`opportunityId=${other.offer.id}`)).toEqual([other.referrals.anonymous.referralCode, other.referrals.named.referralCode].sort());
    expect(await codes('stage=informal_meeting')).toEqual([referrals.named.referralCode]);
    expect(await codes(`opportunityId=${other.offer.id}&stage=informal_meeting`)).toEqual([]);
  });

  it('when two offers share a title (a copy), then the offer filter tells them apart by closing date', async () => {
    const organisation = await givenOrganisationBySmtp(app, smtp, admin, district.id);
    const title = unique('Kitchen porter');
    await givenOpenEmployerOffer(app, organisation, admin, { title, closingDate: '2026-07-31' });
    await givenOpenEmployerOffer(app, organisation, admin, { title, closingDate: '2026-08-14' });
    const $ = $of((await (await signedInBrowser(app, organisation.employer)).get('/received-referrals')).text);
    const choices = $('select option').map((_i, option) => $(option).text().trim()).get().filter((text) => text.startsWith(title));
    expect(choices.sort()).toEqual([`${title} (closes 14 August 2026)`, `${title} (closes 31 July 2026)`]);
  });

  it('when the page number in the link is absurd, then the first page is shown rather than an error', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    for (const page of ['99999999999999999999', '1e400', '-3', 'two']) {
      const response = await agent.get(`/received-referrals?page=${page}`);
      expect(response.status, page).toBe(200);
      expect(response.text, page).toContain(referrals.anonymous.referralCode);
    }
  });
});

describe('scoping', () => {
  it("when another organisation's employer opens or posts to a referral, then they get the not-found page and nothing changes", async () => {
    const { referrals } = await givenEmployerWithReferrals();
    const stranger = await givenOrganisationBySmtp(app, smtp, admin, district.id);
    const agent = await signedInBrowser(app, stranger.employer);
    const page = await agent.get(`/received-referrals/${referrals.anonymous.id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain(referrals.anonymous.referralCode);
    const list = await agent.get('/received-referrals');
    expect(list.text).not.toContain(referrals.anonymous.referralCode);
    const token = await csrfOfOwnReferral(agent, stranger);
    const posted = await agent.post(`/received-referrals/${referrals.anonymous.id}/outcome`).type('form').send({ _csrf: token, outcome: 'informal_meeting_held' });
    expect(posted.status).toBe(404);
    const emptyForm = await agent.post(`/received-referrals/${referrals.anonymous.id}/outcome`).type('form').send({ _csrf: token });
    expect(emptyForm.status).toBe(404);
    expect(await stageOf(referrals.anonymous.id)).toBe('referred');
  });

  it('when a personal adviser opens the employer pages, then they are the not-found page', async () => {
    const { adviser } = await givenEmployerWithReferrals();
    const agent = await signedInBrowser(app, adviser);
    for (const path of ['/received-referrals', '/incentives']) expect((await agent.get(path)).status).toBe(404);
  });

  it('when the organisation is still waiting for approval, then every page sends the employer to /organisation/pending', async () => {
    const pending = await givenOrganisationBySmtp(app, smtp, admin, district.id, { approved: false });
    const agent = await signedInBrowser(app, pending.employer);
    for (const path of ['/received-referrals', `/received-referrals/${'a'.repeat(24)}`, '/incentives']) {
      const response = await agent.get(path);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/organisation/pending');
    }
  });
});

describe('recording an outcome', () => {
  it('when the referral was just made, then the form offers only the moves allowed next', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    const $ = $of((await agent.get(`/received-referrals/${referrals.anonymous.id}`)).text);
    expect($('[data-qa="outcome-form"] input[name="outcome"]').map((_i, input) => $(input).val()).get()).toEqual(['informal_meeting_held', 'work_trial_arranged', 'offer_made', 'not_progressed']);
    expect($('#date-day').length + $('#date-month').length + $('#date-year').length).toBe(3);
  });

  it('when the employer records a meeting held on a date, then the stage and timeline show it, and the PA is told in the service and in the digest', async () => {
    const { agent, referrals, adviser } = await givenEmployerWithReferrals();
    const response = await postOutcome(agent, referrals.anonymous.id, { outcome: 'informal_meeting_held', 'date-day': '15', 'date-month': '6', 'date-year': '2026' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/received-referrals/${referrals.anonymous.id}`);
    const $ = $of((await agent.get(`/received-referrals/${referrals.anonymous.id}`)).text);
    expect($('[data-qa="confirmation"]').text()).toContain(`Informal meeting held: recorded for referral ${referrals.anonymous.referralCode}`);
    expect($('[data-qa="referral-stage"]').text()).toContain('Informal meeting');
    expect($('[data-qa="referral-timeline"]').text().replace(/\s+/g, ' ')).toContain('Informal meeting on 15 June 2026');
    expect($('[data-qa="outcome-form"] input[name="outcome"]').map((_i, input) => $(input).val()).get()).toEqual(['work_trial_arranged', 'offer_made', 'not_progressed']);
    const [notice] = await notificationsOf(app, adviser, 'employer_outcome_recorded');
    expect(notice!.text).toContain(`Referral ${referrals.anonymous.referralCode}`);
    expect(notice!.link).toBe(`/referrals/${referrals.anonymous.id}`);
    // Not urgent, so by email in the PA's daily digest, linking to the PA's referral page.
    await runJob(app, 'daily-digest', '2026-06-15');
    const [digest] = (await mailTo(app, smtp, adviser.email)).filter((mail) => mail.subject.startsWith('Your reminders'));
    expect(digest!.text).toContain(`Referral ${referrals.anonymous.referralCode}`);
    expect(digest!.text).toContain(`http://clo.example.test/referrals/${referrals.anonymous.id}`);
  });

  it('when the employer makes an offer, then the PA is emailed at once, linking to the referral, with no name in the subject', async () => {
    const { agent, referrals, adviser, people } = await givenEmployerWithReferrals();
    expect((await postOutcome(agent, referrals.named.id, { outcome: 'offer_made' })).status).toBe(303);
    expect(await stageOf(referrals.named.id)).toBe('offered');
    const [email] = (await mailTo(app, smtp, adviser.email)).filter((mail) => mail.subject.includes('made an offer'));
    expect(email!.subject).toBe(`Urgent: Referral ${referrals.named.referralCode}: the employer made an offer`);
    expect(email!.text).toContain(`http://clo.example.test/referrals/${referrals.named.id}`);
    expect(email!.subject).not.toContain(people.named.firstName as string);
  });

  it('when the form is sent without a choice, a work trial without its date, or "unsuccessful" without a reason, then a GOV.UK error summary says what to fix and nothing changes', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    const id = referrals.anonymous.id;
    const cases: [Record<string, string>, string, string][] = [
      [{}, 'Choose what has happened', '#outcome'],
      [{ outcome: 'work_trial_arranged' }, 'Enter the date the work trial starts', '#date-day'],
      [{ outcome: 'work_trial_arranged', 'date-day': '31', 'date-month': '2', 'date-year': '2026' }, 'The date must be a real date, like 27 3 2026', '#date-day'],
      [{ outcome: 'not_progressed' }, 'Enter why you are not taking them forward', '#reason'],
      [{ outcome: 'informal_meeting_held', 'date-day': '20', 'date-month': '6', 'date-year': '2026' }, 'The date must not be in the future: the meeting has been held', '#date-day'],
      [{ outcome: 'informal_meeting_held', 'date-day': '1', 'date-month': '6', 'date-year': '2026' }, 'The date, 1 June 2026, is before the referral was made (15 June 2026)', '#date-day'],
      [{ outcome: 'work_trial_arranged', 'date-day': '1', 'date-month': '7', 'date-year': '2027' }, 'The date must be no more than a year ahead (15 June 2027 at the latest)', '#date-day'],
    ];
    for (const [fields, message, href] of cases) {
      const response = await postOutcome(agent, id, fields);
      expect(response.status).toBe(303);
      const page = await agent.get(`/received-referrals/${id}`);
      expect(errorSummaryOf(page.text).join(' ')).toContain(message);
      expect($of(page.text)('.govuk-error-summary a').first().attr('href')).toBe(href);
      expect($of(page.text)('title').text()).toMatch(/^Error: /);
    }
    expect(await stageOf(id)).toBe('referred');
  });

  it('when "unsuccessful" is posted with a reason, then the referral ends with it and the form is gone', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    expect((await postOutcome(agent, referrals.anonymous.id, { outcome: 'not_progressed', reason: 'We filled the role internally.' })).status).toBe(303);
    const $ = $of((await agent.get(`/received-referrals/${referrals.anonymous.id}`)).text);
    expect($('[data-qa="not-progressed-reason"]').text()).toContain('We filled the role internally.');
    expect($('[data-qa="outcome-form"]').length).toBe(0);
    expect($('[data-qa="no-more-outcomes"]').length).toBe(1);
  });

  it('when the outcome is posted without a CSRF token, then it is refused and the referral does not move', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    const refused = await agent.post(`/received-referrals/${referrals.anonymous.id}/outcome`).type('form').send({ outcome: 'informal_meeting_held' });
    expect(refused.status).toBe(403);
    expect(await stageOf(referrals.anonymous.id)).toBe('referred');
  });
});

describe('incentives', () => {
  it('when a 17-year-old who lets the employer know they are a care leaver starts, then the incentive is due; marking it claimed shows it claimed; an anonymous apprentice without that consent is not listed', async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    for (const id of [referrals.named.id, referrals.anonymous.id]) {
      expect((await postOutcome(agent, id, { outcome: 'offer_made' })).status).toBe(303);
      expect((await postOutcome(agent, id, { outcome: 'started' })).status).toBe(303);
      expect(await stageOf(id)).toBe('started');
    }
    await agent.get(`/received-referrals/${referrals.anonymous.id}`); // shows (and so clears) the last confirmation, which names that referral
    let page = await agent.get('/incentives');
    let $ = $of(page.text);
    expect($('[data-qa="incentives-summary"]').text()).toContain('1 incentive is due to be claimed, £1,000 in all.');
    expect($('[data-qa="incentive-referral-link"]').map((_i, link) => $(link).text()).get()).toEqual([referrals.named.referralCode]);
    expect($('[data-qa="incentive-status"]').text()).toContain('Due');
    expect(page.text).not.toContain(referrals.anonymous.referralCode);

    const withoutToken = await agent.post(`/incentives/${referrals.named.id}/claimed`).type('form').send({});
    expect(withoutToken.status).toBe(403);
    expect((await ReferralModel.findById(referrals.named.id).lean())?.employerIncentiveStatus).toBe('due');
    const token = csrfOf(page.text); // one token per session: it still works once the page has no form left
    const claimed = await agent.post(`/incentives/${referrals.named.id}/claimed`).type('form').send({ _csrf: token });
    expect(claimed.status).toBe(303);
    page = await agent.get('/incentives');
    $ = $of(page.text);
    expect($('[data-qa="confirmation"]').text()).toContain(`Incentive for referral ${referrals.named.referralCode} marked as claimed.`);
    expect($('[data-qa="incentive-status"]').text()).toContain('Claimed');
    expect($('[data-qa="mark-claimed"]').length).toBe(0);

    const again = await agent.post(`/incentives/${referrals.named.id}/claimed`).type('form').send({ _csrf: token });
    expect(again.status).toBe(303);
    expect(errorSummaryOf((await agent.get('/incentives')).text).join(' ')).toContain('No incentive is due on this referral (it is claimed)');
    // The anonymous apprentice's incentive (if any) is not the employer's to see, so not theirs to mark.
    expect((await agent.post(`/incentives/${referrals.anonymous.id}/claimed`).type('form').send({ _csrf: token })).status).toBe(404);
  });

  it("when another organisation's employer marks an incentive claimed, then it is the not-found page and it stays due", async () => {
    const { agent, referrals } = await givenEmployerWithReferrals();
    await postOutcome(agent, referrals.named.id, { outcome: 'offer_made' });
    await postOutcome(agent, referrals.named.id, { outcome: 'started' });
    const stranger = await givenOrganisationBySmtp(app, smtp, admin, district.id);
    const strangerAgent = await signedInBrowser(app, stranger.employer);
    const page = await strangerAgent.get('/incentives');
    expect(page.text).not.toContain(referrals.named.referralCode);
    const token = await csrfOfOwnReferral(strangerAgent, stranger);
    expect((await strangerAgent.post(`/incentives/${referrals.named.id}/claimed`).type('form').send({ _csrf: token })).status).toBe(404);
    expect((await ReferralModel.findById(referrals.named.id).lean())?.employerIncentiveStatus).toBe('due');
  });
});

describe('the email an employer gets when a referral arrives', () => {
  it('when an anonymous referral arrives, then the whole raw message carries the referral code and the link, and no byte of the name, date of birth, district, PA or care status', async () => {
    const { organisation, referrals, anonymousBytes, people } = await givenEmployerWithReferrals();
    const mails = (await mailTo(app, smtp, organisation.employer.email)).filter((mail) => mail.subject.startsWith('New referral'));
    const anonymousMail = mails.find((mail) => mail.subject.includes(referrals.anonymous.referralCode));
    expect(anonymousMail!.subject).toBe(`New referral ${referrals.anonymous.referralCode} to your offer`);
    expect(anonymousMail!.text).toContain(`http://clo.example.test/received-referrals/${referrals.anonymous.id}`);
    expect(anonymousMail!.text).toContain('A young person was referred');
    for (const bytes of anonymousBytes) {
      for (const part of [anonymousMail!.raw, anonymousMail!.text, anonymousMail!.html, anonymousMail!.subject]) expect(part).not.toContain(bytes);
    }
    // Named: the body may name them (first name only), never the subject; sharing nothing: no email at all.
    const namedMail = mails.find((mail) => mail.subject.includes(referrals.named.referralCode));
    expect(namedMail!.text).toContain(`${people.named.firstName as string} was referred`);
    expect(namedMail!.text).toContain(`http://clo.example.test/received-referrals/${referrals.named.id}`);
    expect(namedMail!.subject).not.toContain(people.named.firstName as string);
    expect(mails).toHaveLength(2);
    for (const mail of mails) expect(mail.raw).not.toContain(people.nothing.firstName as string);
    expect(await pendingEmailsTo(app, admin, organisation.employer.email)).toEqual([]);
  });
});
