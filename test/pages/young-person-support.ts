/** Helpers for the young person's own pages: a PA invites through the pages, the young person joins through /join. */
import type { GivenUser } from '../factories/index.js';
import { lastLinkToken } from '../factories/employers.js';
import type { TestApp } from '../setup/test-app.js';
import { browser, signedInBrowser, submitForm, type BrowserAgent } from './browser-agent.js';

export const YOUNG_PERSON_PASSWORD = 'my dog likes long walks';

/** The PA invites through /young-people/:id/invite; returns the token in the emailed link. */
export async function inviteThroughPages(app: TestApp, adviser: GivenUser | BrowserAgent, youngPersonId: string, email: string): Promise<string> {
  const agent = 'auth' in adviser ? await signedInBrowser(app, adviser as GivenUser) : (adviser as BrowserAgent);
  const response = await submitForm(agent, `/young-people/${youngPersonId}/invite`, `/young-people/${youngPersonId}/invite`, { email });
  if (response.status !== 303) throw new Error(`invitation failed: ${response.status}`);
  return lastLinkToken(app, email, '/join');
}

/** A fresh browser that opens the link and sets a password; it is signed in on /me afterwards. */
export async function joinWith(app: TestApp, token: string, agent: BrowserAgent = browser(app)) {
  const response = await submitForm(agent, `/join?token=${token}`, '/join', { token, password: YOUNG_PERSON_PASSWORD, confirmPassword: YOUNG_PERSON_PASSWORD });
  return { agent, response };
}
