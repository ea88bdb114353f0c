import { londonDateOf } from '../../lib/dates.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type FieldError, type Pages } from '../../lib/pages/pages.js';
import { listCouncilTargets, setCouncilTarget } from '../council-targets.js';
import { councilTargetBody, councilTargetParams } from '../figures.routes.js';
import { councilYearLabel, councilYearOf } from '../figures-period.js';

const FORM = 'council-target';
const MESSAGES = {
  councilYear: 'Choose the council year the target is for',
  ringFencedApprenticeshipPlaces: 'Enter the number of ring-fenced apprenticeship places, a whole number from 0 to 10,000',
} as const;

/**
 * Each council year's target of ring-fenced apprenticeship places (seed 002: "six in post by April"), which the
 * board's table measures places filled against: set by admins here, or with PUT /api/council-targets/:year.
 */
export function registerCouncilTargetPages(pages: Pages): void {
  pages.get('/figures/targets', { access: ['admin'], form: true }, async (context) => {
    const thisYear = councilYearOf(londonDateOf(context.now));
    const targets = await listCouncilTargets();
    const flash = await context.takeFlash<Record<string, string>>(FORM);
    const chosen = flash?.values.councilYear ?? String(thisYear);
    const years = [thisYear - 1, thisYear, thisYear + 1].map((year) => ({ value: String(year), text: councilYearLabel(year), checked: String(year) === chosen, attributes: { 'data-qa': `year-${year}` } }));
    context.render('figures/targets.njk', {
      pageTitle: 'Ring-fenced apprenticeship targets',
      years,
      places: flash?.values.ringFencedApprenticeshipPlaces ?? String(targets.find((target) => target.councilYear === thisYear)?.ringFencedApprenticeshipPlaces ?? ''),
      targets: targets.map((target) => ({ ...target, label: councilYearLabel(target.councilYear) })),
      ...errorView(flash?.errors),
    });
  });

  pages.post('/figures/targets', { access: ['admin'] }, async (context) => {
    const fields = formFields(context.req);
    const values = { councilYear: textOf(fields.councilYear), ringFencedApprenticeshipPlaces: textOf(fields.ringFencedApprenticeshipPlaces).trim() };
    const year = councilTargetParams.safeParse({ councilYear: values.councilYear || undefined });
    const body = councilTargetBody.safeParse({ ringFencedApprenticeshipPlaces: /^\d{1,6}$/.test(values.ringFencedApprenticeshipPlaces) ? Number(values.ringFencedApprenticeshipPlaces) : values.ringFencedApprenticeshipPlaces });
    const errors: FieldError[] = [];
    if (!year.success) errors.push({ field: 'councilYear', message: MESSAGES.councilYear });
    if (!body.success) errors.push({ field: 'ringFencedApprenticeshipPlaces', message: MESSAGES.ringFencedApprenticeshipPlaces });
    if (!year.success || !body.success) return context.redirectWithErrors('/figures/targets', FORM, values, errors);
    const saved = await setCouncilTarget(context, year.data.councilYear, body.data.ringFencedApprenticeshipPlaces);
    await context.confirm(`Target for ${councilYearLabel(saved.councilYear)} saved: ${saved.ringFencedApprenticeshipPlaces} ring-fenced apprenticeship places.`);
    context.redirect('/figures/targets');
  });
}
