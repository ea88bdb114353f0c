import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOrganisation } from '../factories/employers.js';
import { givenDistrict, givenUser, TEST_PASSWORD } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ config: { LOGIN_MAX_FAILED_ATTEMPTS: '3' } });
});
afterAll(async () => app.close());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

async function timedSignIn(email: string, password: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await app.http().post('/auth/login').send({ email, password });
  return { ms: performance.now() - started, status: response.status };
}

describe('sign-in takes the same time whatever the account', () => {
  it('when the email is unknown, the account locked, deactivated or its organisation suspended, then the median time is within a factor of 2 of a wrong password', async () => {
    const admin = await givenUser(app, 'admin');
    const wrongPassword = await givenUser(app, 'personal_adviser');
    const locked = await givenUser(app, 'personal_adviser');
    for (let attempt = 0; attempt < 3; attempt += 1) await timedSignIn(locked.email, 'not the password');
    const deactivated = await givenUser(app, 'personal_adviser');
    await app.http().patch(`/users/${deactivated.id}`).set('authorization', admin.auth).send({ active: false });
    const organisation = await givenOrganisation(app, admin, (await givenDistrict()).id);
    await app.http().post(`/organisations/${organisation.id}/suspend`).set('authorization', admin.auth).send({ reason: 'Under review' });

    // Each path with the password a guesser would try; the suspended user with the right one (refused after the check).
    const paths = {
      wrongPassword: [wrongPassword.email, 'not the password'],
      unknown: ['nobody-here@example.test', 'not the password'],
      locked: [locked.email, TEST_PASSWORD],
      deactivated: [deactivated.email, TEST_PASSWORD],
      suspended: [organisation.employer.email, TEST_PASSWORD],
    } as const;
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
    // Rounds interleave the paths, so a burst of load on the machine hits them all alike.
    for (let round = 0; round < 10; round += 1) {
      for (const [name, [email, password]] of Object.entries(paths)) {
        const { ms, status } = await timedSignIn(email, password);
        expect(status, name).toBe(name === 'suspended' ? 403 : 401);
        times[name]!.push(ms);
        // The wrong-password account must never lock itself during the measurement.
        if (name === 'wrongPassword') await timedSignIn(wrongPassword.email, TEST_PASSWORD);
      }
    }
    const reference = median(times.wrongPassword!);
    for (const name of ['unknown', 'locked', 'deactivated', 'suspended']) {
      const ratio = median(times[name]!) / reference;
      expect(ratio, `${name}: ${median(times[name]!).toFixed(1)} ms against ${reference.toFixed(1)} ms`).toBeGreaterThan(0.5);
      expect(ratio, name).toBeLessThan(2);
    }
  }, 300_000);
});
