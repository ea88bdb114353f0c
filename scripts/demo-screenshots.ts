/**
 * Screenshots of a running demo for the README: `npm run demo`, then `npx tsx scripts/demo-screenshots.ts [url]`.
 * Signs in as the demo PA, and saves her caseload and one young person's matches into scripts/screenshots/.
 */
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://localhost:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 900 } });
await page.goto('/sign-in');
await page.fill('[data-qa="email"]', 'pa.amira@demo.test');
await page.fill('[data-qa="password"]', 'care-leavers-demo');
await page.click('[data-qa="sign-in"]');
await page.waitForURL('**/caseload');
await page.screenshot({ path: 'scripts/screenshots/caseload.png', fullPage: true });
await page.click('[data-qa="young-person-link"]:has-text("Kacey Nowak")');
// From the Matches heading down to the Referrals heading: ranked openings with reasons, then the near misses.
const top = (await page.locator('#matches').boundingBox())!.y - 20;
const bottom = (await page.locator('#referrals').boundingBox())!.y;
await page.screenshot({ path: 'scripts/screenshots/matches.png', fullPage: true, clip: { x: 0, y: top, width: 1280, height: Math.min(bottom - top, 2400) } });
await browser.close();
console.log('saved scripts/screenshots/caseload.png and scripts/screenshots/matches.png');
