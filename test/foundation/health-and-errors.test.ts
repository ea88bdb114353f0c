import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDistrict, givenUser, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
let adviser: GivenUser;
let districtId: string;

beforeAll(async () => {
  app = await startTestApp({ config: { JSON_BODY_LIMIT: '1mb' } });
  adviser = await givenUser(app, 'personal_adviser');
  districtId = (await givenDistrict()).id;
});
afterAll(async () => app.close());

describe('health and readiness', () => {
  it('when the process is up, then /healthz answers 200 without a session', async () => {
    const response = await app.root().get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('when the database is reachable, then /readyz answers 200', async () => {
    const response = await app.root().get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ready');
  });
});

describe('error responses are JSON problems and the service keeps serving', () => {
  it('when a body has an unknown field, then 400 names the field', async () => {
    const response = await app.http().post('/districts').set('authorization', adviser.auth).send({});
    expect(response.status).toBe(403); // role is checked before the body
    const asAdviser = await app.http().post('/young-people').set('authorization', adviser.auth).send({ firstName: 'A', lastName: 'B', dateOfBirth: '2008-01-01', careStatus: 'care_leaver', legalCategory: 'relevant', homeDistrictId: districtId, favouriteColour: 'blue' });
    expect(asAdviser.status).toBe(400);
    expect(asAdviser.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(asAdviser.body.code).toBe('validation_failed');
    expect(JSON.stringify(asAdviser.body.errors)).toContain('favouriteColour');
  });

  it('when the JSON is malformed, then 400 malformed_json with no stack trace', async () => {
    const response = await app.http().post('/auth/login').set('content-type', 'application/json').send('{"email": "a@b.c",');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('malformed_json');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('when the body is 2 MB, then 413', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) });
    const response = await app.http().post('/auth/login').set('content-type', 'application/json').send(big);
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('when there is no token, then 401', async () => {
    const response = await app.http().get('/young-people');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });

  it('when the token is unknown, then 401', async () => {
    const response = await app.http().get('/young-people').set('authorization', `Bearer ${'x'.repeat(43)}`);
    expect(response.status).toBe(401);
  });

  it('when the role is wrong, then 403', async () => {
    const employer = await givenUser(app, 'employer');
    const response = await app.http().get('/young-people').set('authorization', employer.auth);
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('forbidden');
  });

  it('when a route does not exist, then 404 problem', async () => {
    const response = await app.http().get('/no-such-thing').set('authorization', adviser.auth);
    expect(response.status).toBe(404);
    expect(response.body.status).toBe(404);
  });

  it('when a unique value is duplicated, then 409', async () => {
    const admin = await givenUser(app, 'admin');
    const body = { code: 'dup-district', name: 'Duplicate', latitude: 52.7, longitude: -1.2 };
    expect((await app.http().post('/districts').set('authorization', admin.auth).send(body)).status).toBe(201);
    const second = await app.http().post('/districts').set('authorization', admin.auth).send(body);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('duplicate');
  });

  it('after all those errors, then the service still serves', async () => {
    const response = await app.http().get('/districts').set('authorization', adviser.auth);
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});
