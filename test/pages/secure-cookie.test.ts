import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ config: { PUBLIC_BASE_URL: 'https://offers.council.example' } });
});
afterAll(async () => app.close());

it('when the service is served over https, then the session cookie is Secure and plain http is upgraded', async () => {
  const page = await app.root().get('/sign-in');
  expect(String(page.headers['set-cookie'])).toMatch(/clo_session=[^;]+;.*Secure/);
  expect(String(page.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
});
