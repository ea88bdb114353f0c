import * as cheerio from 'cheerio';
import supertest from 'supertest';
import { TEST_PASSWORD, type GivenUser } from '../factories/index.js';
import type { TestApp } from '../setup/test-app.js';

/** A supertest agent that keeps cookies like a browser, for the pages (not the JSON API). */
export type BrowserAgent = ReturnType<typeof supertest.agent>;

export const browser = (app: TestApp): BrowserAgent => supertest.agent(app.server.url);

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = cheerio.load(html)('input[name="_csrf"]').first().val();
  if (typeof token !== 'string' || !token) throw new Error('no CSRF token on the page');
  return token;
}

export const $of = (html: string) => cheerio.load(html);

/** The texts of a GOV.UK error summary's links, or [] when there is none. */
export function errorSummaryOf(html: string): string[] {
  const $ = cheerio.load(html);
  return $('.govuk-error-summary a').map((_i, el) => $(el).text().trim()).get();
}

/** Opens a page and posts its first form with these fields (plus its CSRF token), as a person would. */
export async function submitForm(agent: BrowserAgent, pagePath: string, postPath: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(pagePath);
  return agent.post(postPath).type('form').send({ _csrf: csrfOf(page.text), ...fields });
}

/** A browser signed in as this user through the sign-in page. */
export async function signedInBrowser(app: TestApp, user: Pick<GivenUser, 'email'>): Promise<BrowserAgent> {
  const agent = browser(app);
  const response = await submitForm(agent, '/sign-in', '/sign-in', { email: user.email, password: TEST_PASSWORD });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return agent;
}
