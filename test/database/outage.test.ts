import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/lib/embedded-database.js';
import { givenDistrict, givenUser, givenYoungPerson, type GivenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

/** The app on a database server this test starts itself, then stops, as an outage does. */
let database: EmbeddedDatabase;
let app: TestApp;
let adviser: GivenUser;
let personId: string;

beforeAll(async () => {
  database = await startEmbeddedDatabase();
  app = await startTestApp({ mongoUri: database.uri, config: { MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500', MONGODB_SOCKET_TIMEOUT_MS: '3000' } });
  adviser = await givenUser(app, 'personal_adviser');
  personId = (await givenYoungPerson(app, adviser, { homeDistrictId: (await givenDistrict()).id })).id;
});
afterAll(async () => {
  await app.close();
  await database.stop();
});

describe('when the database goes away', () => {
  it('when the database server is stopped, then requests answer 503 database_unavailable as a JSON problem within seconds, not 500', async () => {
    expect((await app.http().get(`/young-people/${personId}`).set('authorization', adviser.auth)).status).toBe(200);
    await database.stop();

    for (const request of [
      () => app.http().get(`/young-people/${personId}`).set('authorization', adviser.auth),
      () => app.http().patch(`/young-people/${personId}`).set('authorization', adviser.auth).send({ preferredName: 'Ree' }),
    ]) {
      const started = Date.now();
      const response = await request();
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(JSON.stringify(response.body)).not.toMatch(/Mongo|at \w+ \(/);
    }
    expect((await app.root().get('/readyz')).status).toBe(503);
  }, 60_000);
});
