import { z } from 'zod';
import { objectId } from '../../lib/http/api.js';
import { formFields } from '../../lib/pages/form-body.js';
import { PageNotFound, type Pages } from '../../lib/pages/pages.js';
import { CASEWORKERS } from '../../users/roles.js';
import { findUser } from '../../users/users.service.js';
import { CASELOAD_FLAG_NAMES, CASELOAD_FLAGS, caseloadOverview } from '../caseload-overview.service.js';

const caseloadQuery = z.object({
  flag: z.enum(CASELOAD_FLAGS).or(z.literal('')).optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  personalAdviserId: objectId.optional(),
});

/** The filter form as posted: a name searched for travels in the body and the session, never in a URL. */
const caseloadFilterForm = z.object({
  flag: z.enum(CASELOAD_FLAGS).or(z.literal('')).optional().catch(undefined),
  search: z.string().trim().max(80).optional().catch(undefined),
  personalAdviserId: objectId.optional().catch(undefined),
});

/** The link to another page of the same list, keeping the filter (the search is kept in the session). */
function pageLink(query: Omit<z.output<typeof caseloadQuery>, 'page'>, page?: number): string {
  const params = new URLSearchParams();
  if (query.flag) params.set('flag', query.flag);
  if (query.personalAdviserId) params.set('personalAdviserId', query.personalAdviserId);
  if (page) params.set('page', String(page));
  const text = params.toString();
  return text ? `/caseload?${text}` : '/caseload';
}

const SEARCH_FORM = 'caseload-search';

export function registerCaseloadPages(pages: Pages): void {
  pages.get('/caseload', { access: CASEWORKERS }, async (context) => {
    const parsed = caseloadQuery.safeParse(context.req.query);
    const query = parsed.success ? parsed.data : { page: 1 };
    const flag = query.flag || undefined;
    // Kept for one view (and the pages of it) after the form was posted; a name never goes into the URL.
    const kept = await context.takeFlash<{ search?: string }>(SEARCH_FORM);
    const search = kept?.values.search || undefined;
    const overview = await caseloadOverview(context, { flag, search, page: query.page, personalAdviserId: query.personalAdviserId });
    const adviser = query.personalAdviserId ? await findUser(query.personalAdviserId) : null;
    if (query.personalAdviserId && !adviser) throw new PageNotFound();
    const heading = context.actor.role === 'personal_adviser' ? 'My caseload' : adviser ? `${adviser.name}'s caseload` : 'Young people';
    context.render('young-people/caseload.njk', {
      pageTitle: heading,
      heading,
      overview,
      query: { ...query, search },
      flagItems: [{ value: '', text: 'Any' }, ...CASELOAD_FLAGS.map((value) => ({ value, text: `${CASELOAD_FLAG_NAMES[value]} (${overview.flagCounts[value]})`, selected: value === flag }))],
      // A search's results are one view (the name is not carried into page links); a name matches few.
      pagination: search ? undefined : {
        previous: overview.page > 1 ? { href: pageLink(query, overview.page - 1) } : undefined,
        next: overview.page < overview.pageCount ? { href: pageLink(query, overview.page + 1) } : undefined,
        items: Array.from({ length: overview.pageCount }, (_, index) => ({ number: index + 1, href: pageLink(query, index + 1), current: index + 1 === overview.page })),
      },
    });
  });

  pages.post('/caseload', { access: CASEWORKERS, form: true }, async (context) => {
    const form = caseloadFilterForm.parse(formFields(context.req));
    await context.redirectWithErrors(pageLink({ flag: form.flag, personalAdviserId: form.personalAdviserId }), SEARCH_FORM, { search: form.search ?? '' }, []);
  });
}
