import { objectId } from '../../lib/http/api.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, PageNotFound, type FieldError, type Pages } from '../../lib/pages/pages.js';
import { COUNCIL_STAFF } from '../../users/roles.js';
import { updateDistrictBody } from '../districts.schemas.js';
import { getDistrict, listDistricts, toDistrictView, updateDistrict } from '../districts.service.js';

const MESSAGES: Record<string, string> = {
  applicationAgeYears: 'Enter the years of the application age, a whole number from 16 to 21',
  applicationAgeMonths: 'Enter the months of the application age, a whole number from 0 to 11',
  alertLookaheadWeeks: 'Enter how many weeks ahead to look, a whole number from 1 to 52',
};
const FIELDS = Object.keys(MESSAGES);

/** A typed whole number, or the text itself (so zod refuses it with the field's path). */
const numberOf = (text: string) => (/^\d{1,3}$/.test(text) ? Number(text) : text);

/** Districts and their housing settings: the same service and schema as PATCH /api/districts/:id. */
export function registerDistrictSettingsPages(pages: Pages): void {
  pages.get('/districts', { access: COUNCIL_STAFF }, async (context) => {
    const districts = (await listDistricts()).map(toDistrictView);
    context.render('districts/districts.njk', { pageTitle: 'Districts', districts });
  });

  pages.get('/districts/:id/settings', { access: COUNCIL_STAFF, form: true }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    const district = toDistrictView(await getDistrict(id.data));
    const flash = await context.takeFlash<Record<string, string>>('district-settings');
    const values = flash?.values ?? { applicationAgeYears: String(district.applicationAge.years), applicationAgeMonths: String(district.applicationAge.months), alertLookaheadWeeks: String(district.alertLookaheadWeeks) };
    context.render('districts/settings.njk', { pageTitle: `Housing settings for ${district.name}`, district, values, ...errorView(flash?.errors) });
  });

  pages.post('/districts/:id/settings', { access: COUNCIL_STAFF }, async (context) => {
    const id = objectId.safeParse(context.req.params.id);
    if (!id.success) throw new PageNotFound();
    const district = await getDistrict(id.data); // not found before anything is checked
    const fields = formFields(context.req);
    const values = Object.fromEntries(FIELDS.map((field) => [field, textOf(fields[field])]));
    const back = `/districts/${id.data}/settings`;
    const parsed = updateDistrictBody.safeParse(Object.fromEntries(FIELDS.map((field) => [field, numberOf(values[field] ?? '')])));
    if (!parsed.success) {
      const errors: FieldError[] = FIELDS.filter((field) => parsed.error.issues.some((issue) => issue.path[0] === field)).map((field) => ({ field, message: MESSAGES[field]! }));
      return context.redirectWithErrors(back, 'district-settings', values, errors);
    }
    await updateDistrict(id.data, parsed.data);
    await context.confirm(`Housing settings for ${district.name} saved.`);
    context.redirect('/districts');
  });
}
