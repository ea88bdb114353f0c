import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginFailureModel } from '../../src/users/login-failures.model.js';
import { givenUser, TEST_PASSWORD } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';

let app: TestApp;
const LIMIT = 10;

beforeAll(async () => {
  app = await startTestApp({ config: { LOGIN_MAX_FAILED_ATTEMPTS: String(LIMIT), LOGIN_LOCKOUT_MINUTES: '15' } });
});
afterAll(async () => app.close());

const signIn = (email: string, password: string) => app.http().post('/auth/login').send({ email, password });

describe('sign-in lockout under concurrent guesses', () => {
  it('when 50 wrong passwords arrive at once, then all are refused, at most the limit are checked, and the right one is then refused', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const guesses = await Promise.all(Array.from({ length: 50 }, (_, index) => signIn(adviser.email, `wrong guess number ${index}`)));
    expect(guesses.map((guess) => guess.status)).toEqual(Array(50).fill(401));
    // Guesses refused while locked are marked; the others were checked against the password.
    const checked = await LoginFailureModel.countDocuments({ userId: adviser.id, refused: false });
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(LIMIT);
    expect((await signIn(adviser.email, TEST_PASSWORD)).status).toBe(401);
  }, 180_000);

  it('when the right password is among 50 concurrent guesses sent after the limit was reached, then it is refused too', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    for (let attempt = 0; attempt < LIMIT; attempt += 1) expect((await signIn(adviser.email, 'a wrong password')).status).toBe(401);
    const batch = Array.from({ length: 50 }, (_, index) => signIn(adviser.email, index === 25 ? TEST_PASSWORD : `guess ${index}`));
    expect((await Promise.all(batch)).map((response) => response.status)).toEqual(Array(50).fill(401));
  }, 180_000);

  it('when the lockout time has passed, then the right password works again and the failures are cleared', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    const guesses = await Promise.all(Array.from({ length: 20 }, () => signIn(adviser.email, 'not it at all')));
    expect(guesses.map((guess) => guess.status)).toEqual(Array(20).fill(401));
    const locked = await signIn(adviser.email, TEST_PASSWORD);
    expect(locked.status, JSON.stringify(locked.body)).toBe(401);
    app.clock.advanceMs(15 * 60_000 + 1_000);
    expect((await signIn(adviser.email, TEST_PASSWORD)).status).toBe(200);
    expect(await LoginFailureModel.countDocuments({ userId: adviser.id })).toBe(0);
  }, 120_000);

  it('when fewer wrong passwords than the limit precede the right one, then it signs in', async () => {
    const adviser = await givenUser(app, 'personal_adviser');
    await Promise.all(Array.from({ length: LIMIT - 1 }, () => signIn(adviser.email, 'not it either')));
    expect((await signIn(adviser.email, TEST_PASSWORD)).status).toBe(200);
  }, 60_000);
});
