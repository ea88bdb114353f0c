import { DistrictModel, type DistrictRecord } from '../../districts/districts.model.js';
import { AppError } from '../../lib/errors.js';
import { formFields, textOf } from '../../lib/pages/form-body.js';
import { errorView, type Pages } from '../../lib/pages/pages.js';
import { ACCOMMODATION_TYPES } from '../../young-people/ssda903.js';
import { earlyApplicationsForDistrict } from '../early-applications.service.js';
import { listHousingApplicationsOfYoungPerson, startHousingApplication } from '../housing-applications.service.js';
import { readYoungPersonForHousingOfficer } from '../housing-officer-view.service.js';
import { idFrom, STATUS_NAMES, STATUS_TAG_CLASSES } from './housing-words.js';

/** An SSDA903 accommodation code ("U1") in words: the type, then suitable (1) or not (2). */
export function accommodationInWords(code: string | null): string | null {
  if (!code) return null;
  const type = ACCOMMODATION_TYPES[code[0] as keyof typeof ACCOMMODATION_TYPES] ?? 'Other';
  return `${type} (${code.endsWith('1') ? 'suitable' : 'not suitable'})`;
}

const START_FORM = 'start-application';

/** A housing officer's home, their young people's housing view, and starting to track an application. */
export function registerHousingOfficerPages(pages: Pages): void {
  // Each of the officer's districts with how many can apply soon and how many are urgent.
  pages.get('/housing', { access: ['housing_officer'] }, async (context) => {
    const districts = await DistrictModel.find({ _id: { $in: context.actor.districtIds } }).sort({ name: 1 }).lean<DistrictRecord[]>();
    const rows = [];
    for (const district of districts) {
      const list = await earlyApplicationsForDistrict(context, String(district._id));
      rows.push({ id: String(district._id), name: district.name, total: list.items.length, urgent: list.items.filter((item) => item.urgent).length });
    }
    context.render('housing/home.njk', { pageTitle: 'Early housing applications', districts: rows });
  });

  // Only the allow-listed fields (toHousingOfficerView), and only the officer's districts' applications.
  pages.get('/housing/young-people/:id', { access: ['housing_officer'], form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    const person = await readYoungPersonForHousingOfficer(context, id);
    const applications = await listHousingApplicationsOfYoungPerson(context, id);
    const kept = await context.takeFlash(START_FORM);
    const byDistrict = new Map(applications.map((application) => [application.districtId, application]));
    context.render('housing/young-person.njk', {
      pageTitle: `${person.preferredName ?? person.firstName} ${person.lastName}: housing`,
      person,
      name: `${person.preferredName ?? person.firstName} ${person.lastName}`,
      accommodation: accommodationInWords(person.accommodationCode),
      districts: person.districts.map((district) => {
        const application = byDistrict.get(district.districtId);
        return { ...district, application: application ? { href: `/housing-applications/${application.id}`, statusName: STATUS_NAMES[application.status], tagClass: STATUS_TAG_CLASSES[application.status] } : null };
      }),
      ...errorView(kept?.errors),
    });
  });

  pages.post('/housing/young-people/:id/applications', { access: ['housing_officer'] }, async (context) => {
    const id = idFrom(context.req.params.id);
    const districtId = textOf(formFields(context.req).districtId);
    try {
      const application = await startHousingApplication(context, id, { districtId: idFrom(districtId) });
      await context.confirm('Application tracking started. Record each step as it happens.');
      context.redirect(`/housing-applications/${application.id}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      await context.redirectWithErrors(`/housing/young-people/${id}`, START_FORM, {}, [{ field: 'districts', message: error.message }]);
    }
  });
}
