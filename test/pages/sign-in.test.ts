import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSessionModel } from '../../src/users/browser-session.model.js';
import { SessionModel } from '../../src/users/users.model.js';
import { givenUser, TEST_PASSWORD } from '../factories/index.js';
import { startTestApp, type TestApp } from '../setup/test-app.js';
import { $of, browser, csrfOf, errorSummaryOf, signedInBrowser, submitForm } from './browser-agent.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe('signing in with a browser', () => {
  it('when a PA signs in with the right password, then they land on their caseload with an HttpOnly, SameSite=Lax session cookie', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    const response = await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: TEST_PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/caseload');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/clo_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const caseload = await agent.get('/caseload');
    expect(caseload.status).toBe(200);
    expect($of(caseload.text)('[data-qa="signed-in-user"]').text()).toContain(pa.name);
    expect($of(caseload.text)('h1').text()).toBe('My caseload');
  });

  it('when the password is wrong, then the sign-in page shows an error summary and nobody is signed in', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    const response = await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: 'not the password' });
    expect(response.headers.location).toBe('/sign-in');
    const page = await agent.get('/sign-in');
    expect(errorSummaryOf(page.text)).toEqual(['Email or password is incorrect, or the account is locked.']);
    expect($of(page.text)('#email').val()).toBe(pa.email);
    expect((await agent.get('/caseload')).headers.location).toBe('/sign-in');
  });

  it('when the fields are empty, then each gets its own message', async () => {
    const agent = browser(app);
    await submitForm(agent, '/sign-in', '/sign-in', { email: '', password: '' });
    const page = await agent.get('/sign-in');
    expect(errorSummaryOf(page.text)).toEqual(['Enter your email address', 'Enter your password']);
    expect($of(page.text)('#email-error').text()).toContain('Enter your email address');
  });

  it('when a page is opened before signing in, then after signing in the person lands on that page', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    const first = await agent.get('/reminders');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/sign-in');
    const response = await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: TEST_PASSWORD });
    expect(response.headers.location).toBe('/reminders');
  });

  it('when the page to return to is another site, then it is ignored', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    await agent.get('//evil.example/path');
    const response = await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: TEST_PASSWORD });
    expect(response.headers.location).toBe('/caseload');
  });

  it('when the sign-in form is posted without or with a wrong CSRF token, then it is refused and nobody is signed in', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    await agent.get('/sign-in');
    const sessionsBefore = await SessionModel.countDocuments({ userId: pa.id });
    const without = await agent.post('/sign-in').type('form').send({ email: pa.email, password: TEST_PASSWORD });
    const wrong = await agent.post('/sign-in').type('form').send({ email: pa.email, password: TEST_PASSWORD, _csrf: 'x'.repeat(64) });
    for (const response of [without, wrong]) {
      expect(response.status).toBe(403);
      expect($of(response.text)('[data-qa="form-expired"]').text()).toContain('The form could not be sent');
    }
    expect(await SessionModel.countDocuments({ userId: pa.id })).toBe(sessionsBefore);
  });

  it('when someone signs out, then the session ends on the server and pages ask to sign in again', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const out = await agent.get('/sign-out');
    expect($of(out.text)('[data-qa="signed-out"]').text()).toContain('You have been signed out');
    expect((await agent.get('/caseload')).headers.location).toBe('/sign-in');
  });

  it('when the sign-in expires, then the next page says "You have been signed out" and returns there after signing in', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    app.clock.advanceMs(13 * 3_600_000);
    try {
      const page = await agent.get('/reminders');
      expect(page.status).toBe(200);
      expect($of(page.text)('[data-qa="signed-out"]').text()).toContain('You have been signed out');
      const again = await submitForm(agent, '/sign-in', '/sign-in', { email: pa.email, password: TEST_PASSWORD });
      expect(again.headers.location).toBe('/reminders');
    } finally {
      app.clock.advanceMs(-13 * 3_600_000);
    }
  });

  it('when a signed-in page is served, then it must not be cached and only this site may supply scripts', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = await signedInBrowser(app, pa);
    const page = await agent.get('/caseload');
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect($of(page.text)(`script[nonce="${nonce}"]`).length).toBe(1);
  });

  it('when a password has been stolen and the browser session token is reused after sign-in, then the pre-sign-in token is worthless', async () => {
    const pa = await givenUser(app, 'personal_adviser');
    const agent = browser(app);
    const signInPage = await agent.get('/sign-in');
    const before = String(signInPage.headers['set-cookie']).match(/clo_session=([^;]+)/)![1];
    await agent.post('/sign-in').type('form').send({ _csrf: csrfOf(signInPage.text), email: pa.email, password: TEST_PASSWORD });
    const replay = await browser(app).get('/caseload').set('cookie', `clo_session=${before}`);
    expect(replay.headers.location).toBe('/sign-in');
    expect(await BrowserSessionModel.countDocuments({ userId: pa.id })).toBeGreaterThan(0);
  });
});

describe('pages and the API side by side', () => {
  it('when a page path does not exist, then a GOV.UK not-found page answers, while /api answers with a JSON problem', async () => {
    const page = await app.root().get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect($of(page.text)('h1').text()).toBe('Page not found');
    const api = await app.root().get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('when the stylesheet, script and fonts are asked for, then they come from this server', async () => {
    expect((await app.root().get('/assets/govuk-frontend.min.css')).status).toBe(200);
    expect((await app.root().get('/assets/govuk-frontend.min.js')).status).toBe(200);
    expect((await app.root().get('/assets/app/init.js')).status).toBe(200);
    expect((await app.root().get('/assets/images/favicon.svg')).status).toBe(200);
    const page = await app.root().get('/sign-in');
    expect(page.text).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.(css|js|woff2?)/);
  });
});
