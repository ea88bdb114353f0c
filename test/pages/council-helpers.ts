import type { BrowserAgent } from './browser-agent.js';
import { $of, csrfOf } from './browser-agent.js';

/**
 * The CSRF token of a signed-in browser's session, from a page every role can open (the forgotten-password form),
 * so a test can post as a person who was never shown the form it posts to.
 */
export async function csrfTokenOf(agent: BrowserAgent): Promise<string> {
  return csrfOf((await agent.get('/forgot-password')).text);
}

/** The cells of each row of the table marked data-qa=`table`, keyed by the cells' data-qa (or their position). */
export function tableRows(html: string, table: string): Record<string, string>[] {
  const $ = $of(html);
  return $(`[data-qa="${table}"] tbody tr`).toArray().map((row) => {
    const cells: Record<string, string> = {};
    $(row).find('td, th').each((index, cell) => {
      cells[String(index)] = $(cell).text().replace(/\s+/g, ' ').trim();
    });
    $(row).find('[data-qa]').each((_j, element) => {
      cells[String($(element).attr('data-qa'))] = $(element).text().replace(/\s+/g, ' ').trim();
    });
    return cells;
  });
}
