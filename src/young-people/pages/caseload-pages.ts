import { z } from 'zod';
import { objectId } from '../../lib/http/api.js';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { CASEWORKERS } from '../../users/roles.js';
import { findUser } from '../../users/users.service.js';
import { CASELOAD_FLAG_NAMES, CASELOAD_FLAGS, caseloadOverview } from '../caseload-overview.service.js';

const caseloadQuery = z.object({
  flag: z.enum(CASELOAD_FLAGS).or(z.literal('')).optional(),
  search: z.string().max(80).optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  personalAdviserId: objectId.optional(),
});

/** The link to another page of the same list, keeping the filter and the search. */
function pageLink(query: z.output<typeof caseloadQuery>, page: number): string {
  const params = new URLSearchParams();
  if (query.flag) params.set('flag', query.flag);
  if (query.search) params.set('search', query.search);
  if (query.personalAdviserId) params.set('personalAdviserId', query.personalAdviserId);
  params.set('page', String(page));
  return `/caseload?${params.toString()}`;
}

export function registerCaseloadPages(pages: Pages): void {
  pages.get('/caseload', { access: CASEWORKERS }, async (context) => {
    const parsed = caseloadQuery.safeParse(context.req.query);
    const query = parsed.success ? parsed.data : { page: 1 };
    const flag = query.flag || undefined;
    const overview = await caseloadOverview(context, { flag, search: query.search, page: query.page, personalAdviserId: query.personalAdviserId });
    const adviser = query.personalAdviserId ? await findUser(query.personalAdviserId) : null;
    if (query.personalAdviserId && !adviser) throw new PageNotFound();
    const heading = context.actor.role === 'personal_adviser' ? 'My caseload' : adviser ? `${adviser.name}'s caseload` : 'Young people';
    context.render('young-people/caseload.njk', {
      pageTitle: heading,
      heading,
      overview,
      query,
      flagItems: [{ value: '', text: 'Any' }, ...CASELOAD_FLAGS.map((value) => ({ value, text: `${CASELOAD_FLAG_NAMES[value]} (${overview.flagCounts[value]})`, selected: value === flag }))],
      pagination: {
        previous: overview.page > 1 ? { href: pageLink(query, overview.page - 1) } : undefined,
        next: overview.page < overview.pageCount ? { href: pageLink(query, overview.page + 1) } : undefined,
        items: Array.from({ length: overview.pageCount }, (_, index) => ({ number: index + 1, href: pageLink(query, index + 1), current: index + 1 === overview.page })),
      },
    });
  });
}
