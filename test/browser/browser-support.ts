import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../factories/index.js';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFound = existsSync(CHROMIUM_PATH);

const MISSING = `\n\n  *** BROWSER TESTS NOT RUN: no Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH). ***\n`;

/**
 * Whether to run the browser journeys. Without Chromium they are skipped with a loud message, except in CI
 * (CI=true), where a missing browser fails the run: the journeys are part of what "passing" means there.
 */
export function browserTestsEnabled(): boolean {
  if (chromiumFound) return true;
  if (process.env.CI === 'true') throw new Error(MISSING);
  console.warn(MISSING);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  if (options.javaScriptEnabled === false) Object.assign(page, { __noJs: true });
  return page;
}

/**
 * govuk-frontend's script marks a radio or checkbox that reveals more questions with aria-expanded, which ARIA does
 * not allow on a radio; the Design System keeps it on purpose (screen readers announce it) and lists axe's finding as
 * a known issue (alphagov/govuk-frontend#979, #1280). Only that exact finding is set aside; any other ARIA attribute
 * on any element still fails.
 */
function isGovukConditionalRevealState(rule: string, node: { html: string; failureSummary?: string }): boolean {
  if (rule !== 'aria-allowed-attr') return false;
  const onGovukChoice = /class="govuk-(radios|checkboxes)__input"/.test(node.html) && /aria-controls="/.test(node.html);
  const onlyExpanded = [...(node.failureSummary ?? '').matchAll(/aria-[a-z]+(?==)/g)].every((match) => match[0] === 'aria-expanded');
  return onGovukChoice && onlyExpanded && /aria-expanded/.test(node.failureSummary ?? '');
}

/** axe-core on the page as it is now: no serious or critical violations allowed. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .map((violation) => ({ ...violation, nodes: violation.nodes.filter((node) => !isGovukConditionalRevealState(violation.id, node)) }))
    .filter((violation) => violation.nodes.length > 0 && (violation.impact === 'serious' || violation.impact === 'critical'));
  expect(bad.map((violation) => `${name}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

const SCREENSHOTS = path.resolve('var/screenshots');

/** The page at desktop (1280 px) and phone (375 px) width, full length, into var/screenshots (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** At phone width (375 px) the page fits: nothing makes it scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 375, height: 800 });
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  await page.setViewportSize(original);
  expect(width, `${name} is ${width} px wide at 375 px`).toBeLessThanOrEqual(375);
}

/** Checks the page for accessibility and keeps its screenshots: done on every page a journey visits. */
export async function visited(page: Page, name: string): Promise<void> {
  // With JavaScript off, axe cannot run in the page; the same pages are checked in the journeys with it on.
  if ((page as Page & { __noJs?: boolean }).__noJs) return;
  await expectAccessible(page, name);
  await screenshot(page, name);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await visited(page, 'sign-in');
  await page.fill('[data-qa="email"]', email);
  await page.fill('[data-qa="password"]', TEST_PASSWORD);
  await page.click('[data-qa="sign-in"]');
}

/** Presses Tab until the element matching `selector` has focus (as a keyboard user would), then returns. */
export async function tabTo(page: Page, selector: string, maxPresses = 200): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    await page.keyboard.press('Tab');
    if (await focusedMatches(page, selector)) return;
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

/** Whether the focused element matches `selector` (a string expression: the tests are compiled without DOM types). */
export async function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);
}

/** Whether the focused element's text contains `text`. */
export async function focusedTextContains(page: Page, text: string): Promise<boolean> {
  return page.evaluate<boolean>(`document.activeElement?.textContent?.includes(${JSON.stringify(text)}) ?? false`);
}
