import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpportunityModel } from '../../src/opportunities/opportunities.model.js';
import { closeExpiredOpportunities } from '../../src/opportunities/opportunities.service.js';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { givenOpenEmployerOffer, givenOrganisation, logIn, offerBody, type GivenOrganisation } from '../factories/employers.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

// The closing date is the last day referrals are accepted, in London. 31 July 2026 is in summer time (UTC+1),
// so London's 1 August starts at 2026-07-31T23:00Z.
const LAST_MINUTE_OF_CLOSING_DAY = '2026-07-31T22:59:59.000Z';
const FIRST_MOMENT_AFTER = '2026-07-31T23:00:00.000Z';

let app: TestApp;
let manager: GivenUser;
let adviser: GivenUser;
let organisation: GivenOrganisation;

beforeAll(async () => {
  app = await startTestApp({ now: '2026-06-15T09:00:00.000Z' });
  manager = await givenUser(app, 'manager');
  adviser = await givenUser(app, 'personal_adviser');
  organisation = await givenOrganisation(app, manager, (await givenDistrict()).id);
});
afterAll(async () => app.close());

const read = (user: GivenUser, id: string) => app.http().get(`/opportunities/${id}`).set('authorization', user.auth);
const openIds = async (user: GivenUser) => ((await app.http().get('/opportunities').set('authorization', user.auth)).body.items as { id: string }[]).map((item) => item.id);

describe('an open offer closes at the end of its closing date', () => {
  it('when it is the last minute of the closing day in London, then it is open; from midnight, then reads and lists treat it as closed before any job runs', async () => {
    app.clock.set('2026-06-15T09:00:00.000Z');
    const offer = await givenOpenEmployerOffer(app, organisation, manager, { closingDate: '2026-07-31', startDate: '2026-09-01' });
    try {
      app.clock.set(LAST_MINUTE_OF_CLOSING_DAY);
      // Sessions last hours, not weeks: sign in again at the new time.
      adviser = await logIn(app, adviser.email);
      manager = await logIn(app, manager.email);
      organisation.employer = await logIn(app, organisation.employer.email);
      expect((await read(adviser, offer.id)).body.status).toBe('open');
      expect(await openIds(adviser)).toContain(offer.id);

      app.clock.set(FIRST_MOMENT_AFTER);
      expect((await read(adviser, offer.id)).body).toMatchObject({ status: 'closed', closedReason: 'closing_date' });
      expect(await openIds(adviser)).not.toContain(offer.id);
      const closedList = await app.http().get('/opportunities?status=closed').set('authorization', manager.auth);
      expect(closedList.body.items.map((item: { id: string }) => item.id)).toContain(offer.id);
      const edit = await app.http().patch(`/opportunities/${offer.id}`).set('authorization', organisation.employer.auth).send({ description: 'late' });
      expect(edit.status).toBe(409);
    } finally {
      app.clock.set('2026-06-15T09:00:00.000Z');
      adviser = await logIn(app, adviser.email);
      manager = await logIn(app, manager.email);
      organisation.employer = await logIn(app, organisation.employer.email);
    }
  });

  it('when the scheduled job runs on the closing day, then it closes nothing; the day after, then it records the offer closed, once', async () => {
    app.clock.set('2026-06-15T09:00:00.000Z');
    const offer = await givenOpenEmployerOffer(app, organisation, manager, { closingDate: '2026-07-30', startDate: '2026-09-01' });
    await closeExpiredOpportunities(new Date('2026-07-30T22:59:59.000Z'));
    expect((await OpportunityModel.findById(offer.id).lean())?.status).toBe('open');

    const first = await closeExpiredOpportunities(new Date('2026-07-30T23:00:00.000Z'));
    expect(first.closed).toBeGreaterThanOrEqual(1);
    const stored = await OpportunityModel.findById(offer.id).lean();
    expect(stored).toMatchObject({ status: 'closed', closedReason: 'closing_date' });
    const again = await closeExpiredOpportunities(new Date('2026-07-30T23:00:00.000Z'));
    expect(again.closed).toBe(0);
  });
});

describe('an offer cannot go live after its closing date', () => {
  it('when a submitted offer is approved on its closing date, then it opens; the day after, then 400 names the closing date', async () => {
    app.clock.set('2026-06-15T09:00:00.000Z');
    const submit = async () => {
      // Submitted 7 days ahead: the least lead CLOSING_DATE_MIN_LEAD_DAYS allows.
      const created = await app.http().post('/opportunities').set('authorization', organisation.employer.auth).send(offerBody({ closingDate: '2026-06-22', startDate: '2026-09-01' }));
      await app.http().post(`/opportunities/${created.body.id}/submit`).set('authorization', organisation.employer.auth);
      return created.body.id as string;
    };
    const onTime = await submit();
    const late = await submit();
    try {
      app.clock.set('2026-06-22T16:00:00.000Z');
      manager = await logIn(app, manager.email);
      expect((await app.http().post(`/opportunities/${onTime}/approve`).set('authorization', manager.auth)).body.status).toBe('open');
      app.clock.set('2026-06-23T08:00:00.000Z');
      manager = await logIn(app, manager.email);
      const response = await app.http().post(`/opportunities/${late}/approve`).set('authorization', manager.auth);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].path).toBe('closingDate');
    } finally {
      app.clock.set('2026-06-15T09:00:00.000Z');
      manager = await logIn(app, manager.email);
    }
  });
});
