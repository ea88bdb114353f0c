import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenUser } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the old reports summary', () => {
  it('when a manager asks for /api/reports/summary, then 410 says where the suppressed figures are; without signing in, 401', async () => {
    const manager = await givenUser(app, 'manager');
    const response = await app.http().get('/reports/summary').set('authorization', manager.auth);
    expect(response.status).toBe(410);
    expect(response.body).toMatchObject({ code: 'gone' });
    expect(JSON.stringify(response.body)).toContain('/api/reports/board');
    expect((await app.http().get('/reports/summary')).status).toBe(401);
  });
});
