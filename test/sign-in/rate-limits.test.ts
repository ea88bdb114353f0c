import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/server.js';
import { givenUser, unique, type GivenUser } from '../factories/index.js';
import { postCsv, YOUNG_PEOPLE_HEADER } from '../factories/imports.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import supertest from 'supertest';

let app: TestApp;
let secondInstance: RunningServer;
let manager: GivenUser;

// The app trusts a proxy on loopback, so X-Forwarded-For stands in for distinct client addresses.
beforeAll(async () => {
  app = await startTestApp({
    config: {
      RATE_LIMIT_WINDOW_SECONDS: '900',
      RATE_LIMIT_SIGN_IN_PER_ADDRESS: '20',
      RATE_LIMIT_SIGN_IN_PER_EMAIL: '8',
      RATE_LIMIT_PUBLIC_PER_ADDRESS: '1000',
      RATE_LIMIT_EMAILS_PER_ADDRESSEE: '3',
      RATE_LIMIT_IMPORTS_PER_USER: '2',
    },
  });
  // A second instance of the service over the same database, as in production behind a load balancer.
  secondInstance = await startHttpServer(app.deps, 0, '127.0.0.1');
  manager = await givenUser(app, 'manager');
});
afterAll(async () => {
  await secondInstance.close(1_000);
  await app.close();
});

const resend = (email: string, instance = app.http()) => instance.post('/organisations/resend-verification').send({ email });
const signIn = (email: string, address: string) => app.http().post('/auth/login').set('x-forwarded-for', address).send({ email, password: 'a wrong password' });
const statuses = (responses: { status: number }[]) => responses.map((response) => response.status);
const count = (values: number[], wanted: number) => values.filter((value) => value === wanted).length;

describe('rate limits on public routes', () => {
  it('when one address asks for verification links over the limit, then 429 as a problem with Retry-After to the window\'s end, until the window ends', async () => {
    const email = `${unique('someone')}@example.test`;
    expect((await resend(email)).status).toBe(202);
    expect((await resend(email)).status).toBe(202);
    expect((await resend(email)).status).toBe(202);
    const refused = await resend(email);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    expect(refused.headers['retry-after']).toBe('900'); // the clock stands at 09:00:00, the start of a 15-minute window
    app.clock.advanceMs(300_000);
    expect((await resend(email)).headers['retry-after']).toBe('600');
    expect((await resend(`${unique('other')}@example.test`)).status).toBe(202);
    app.clock.advanceMs(600_000);
    expect((await resend(email)).status).toBe(202);
  });

  it('when 15 requests for one email arrive at once, then at most 3 get through and the rest are 429', async () => {
    const email = `${unique('burst')}@example.test`;
    const results = statuses(await Promise.all(Array.from({ length: 15 }, () => resend(email))));
    expect(count(results, 202)).toBeLessThanOrEqual(3);
    expect(count(results, 429) + count(results, 202)).toBe(15);
    expect((await resend(email)).status).toBe(429);
  });

  it('when requests alternate between two instances of the service, then the limit is shared', async () => {
    const email = `${unique('shared')}@example.test`;
    const other = supertest(`${secondInstance.url}/api`);
    expect((await resend(email)).status).toBe(202);
    expect((await resend(email, other as never)).status).toBe(202);
    expect((await resend(email)).status).toBe(202);
    expect((await resend(email, other as never)).status).toBe(429);
  });

  it('when 40 sign-ins come at once from one address, then at most 20 are processed and another address is unaffected', async () => {
    const results = statuses(await Promise.all(Array.from({ length: 40 }, () => signIn(`${unique('nobody')}@example.test`, '203.0.113.7'))));
    expect(count(results, 401)).toBeLessThanOrEqual(20);
    expect(count(results, 429)).toBeGreaterThanOrEqual(20);
    expect(count(results, 401) + count(results, 429)).toBe(40);
    expect((await signIn(`${unique('nobody')}@example.test`, '203.0.113.8')).status).toBe(401);
  }, 120_000);

  it('when 12 sign-ins for one email come at once from different addresses, then at most 8 are processed', async () => {
    const email = `${unique('target')}@example.test`;
    const results = statuses(await Promise.all(Array.from({ length: 12 }, (_, index) => signIn(email, `198.51.100.${index + 1}`))));
    expect(count(results, 401)).toBeLessThanOrEqual(8);
    expect(count(results, 401) + count(results, 429)).toBe(12);
    expect((await signIn(email, '198.51.100.200')).status).toBe(429);
  }, 120_000);

  it('when a user imports more often than the limit, then 429; another user can still import', async () => {
    const csv = `${YOUNG_PEOPLE_HEADER.join(',')}\n`;
    const importOnce = (as: GivenUser) => postCsv(app, '/imports/young-people?dryRun=true', as.auth, csv);
    expect((await importOnce(manager)).status).not.toBe(429);
    expect((await importOnce(manager)).status).not.toBe(429);
    expect((await importOnce(manager)).status).toBe(429);
    expect((await importOnce(await givenUser(app, 'manager'))).status).not.toBe(429);
  });
});

describe('rate limits on the pages\' public forms', () => {
  it('when one address posts the sign-in page over its budget, shared with the API\'s sign-in, then a 429 page with Retry-After; another address still gets the form\'s own answer', async () => {
    const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const throughApi = await Promise.all(Array.from({ length: 15 }, () => signIn(`${unique('nobody')}@example.test`, address)));
    expect(count(statuses(throughApi), 429)).toBe(0);
    const throughPage = [];
    for (let index = 0; index < 6; index += 1) {
      throughPage.push(await app.root().post('/sign-in').set('x-forwarded-for', address).type('form').send({ email: 'someone@example.test', password: 'wrong' }));
    }
    expect(statuses(throughPage).filter((status) => status !== 429)).toHaveLength(5);
    const refused = throughPage.at(-1)!;
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.text).toContain('Too many attempts');
    const elsewhere = await app.root().post('/sign-in').set('x-forwarded-for', '10.200.1.1').type('form').send({ email: 'someone@example.test', password: 'wrong' });
    expect(elsewhere.status).not.toBe(429);
  });
});
