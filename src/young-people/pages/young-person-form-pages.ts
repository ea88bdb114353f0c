import { idFrom } from '../../lib/pages/pages.js';
import { listDistricts } from '../../districts/districts.service.js';
import { AppError } from '../../lib/errors.js';

import { errorView, type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { SECTORS } from '../../opportunities/sectors.js';
import { CASEWORKERS } from '../../users/roles.js';
import { ACCOMMODATION_CODE_VALUES, ACCOMMODATION_TYPES, ACTIVITY_CODES } from '../ssda903.js';
import { createYoungPersonBody, updateYoungPersonBody } from '../young-people.schemas.js';
import { createYoungPerson, readYoungPerson, updateYoungPerson } from '../young-people.service.js';
import { emptyYoungPersonForm, fieldAnchor, FIELD_LABELS, formFromYoungPerson, readYoungPersonForm, schemaErrors, toYoungPersonInput, type YoungPersonFormValues } from './young-person-form.js';

const words = (code: string) => (code.charAt(0).toUpperCase() + code.slice(1)).replaceAll('_', ' ');

async function renderForm(context: PageContext, mode: 'create' | 'edit', values: YoungPersonFormValues, errors: FieldError[] | undefined, id?: string) {
  const districts = await listDistricts();
  const view = errorView(errors?.map((error) => ({ ...error, field: fieldAnchor(error.field) })));
  // Messages sit beside the field (a date input, radios) rather than beside its first box.
  const fieldErrors = Object.fromEntries((errors ?? []).map((error) => [error.field, { text: error.message }]));
  context.render('young-people/young-person-form.njk', {
    pageTitle: mode === 'create' ? 'Add a young person' : 'Change their details',
    mode,
    action: mode === 'create' ? '/young-people/new' : `/young-people/${id}/edit`,
    cancel: mode === 'create' ? '/caseload' : `/young-people/${id}`,
    values,
    errorList: view.errorList,
    fieldErrors,
    districtItems: districts.map((district) => ({ value: String(district._id), text: district.name })),
    sectorItems: SECTORS.map((sector) => ({ value: sector, text: words(sector), checked: values.interests.includes(sector) })),
    activityItems: [{ value: '', text: 'Not recorded' }, ...Object.entries(ACTIVITY_CODES).map(([code, text]) => ({ value: code, text: `${code}: ${text}`, selected: values.activityCode === code }))],
    accommodationItems: [{ value: '', text: 'Not recorded' }, ...ACCOMMODATION_CODE_VALUES.map((code) => ({ value: code, text: `${code}: ${ACCOMMODATION_TYPES[code[0] as keyof typeof ACCOMMODATION_TYPES]}, ${code.endsWith('1') ? 'suitable' : 'unsuitable'}`, selected: values.accommodationCode === code }))],
    levelItems: [{ value: '', text: 'Choose a level' }, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({ value: String(level), text: level === 0 ? 'Entry level' : `Level ${level}${level === 1 ? ' (GCSE grades 3 to 1)' : level === 2 ? ' (GCSE grades 9 to 4)' : level === 3 ? ' (A level)' : ''}` }))],
  });
}

/**
 * Add and change: post/redirect/get. The posted form is turned into the API's input and checked by the API's own
 * zod schema and service rules; any problem goes back to the form with what was typed and a GOV.UK error summary.
 */
async function saveForm(context: PageContext, mode: 'create' | 'edit', id?: string) {
  const self = mode === 'create' ? '/young-people/new' : `/young-people/${id}/edit`;
  const { values, action } = readYoungPersonForm(context.req);
  if (action === 'add-qualification') {
    values.qualifications.push({ subject: '', level: '', grade: '' });
    return context.redirectWithErrors(`${self}#qualifications`, 'young-person', values, []);
  }
  if (typeof action === 'object') {
    values.qualifications.splice(action.remove, 1);
    if (!values.qualifications.length) values.qualifications.push({ subject: '', level: '', grade: '' });
    return context.redirectWithErrors(`${self}#qualifications`, 'young-person', values, []);
  }
  const { input, errors } = toYoungPersonInput(values, mode);
  if (errors.length) return context.redirectWithErrors(self, 'young-person', values, errors);
  const parsed = mode === 'create' ? createYoungPersonBody.safeParse(input) : updateYoungPersonBody.safeParse(input);
  if (!parsed.success) return context.redirectWithErrors(self, 'young-person', values, schemaErrors(parsed.error));
  try {
    const saved = mode === 'create' ? await createYoungPerson(context, parsed.data as never) : await updateYoungPerson(context, id!, parsed.data);
    await context.confirm(mode === 'create' ? `${saved.preferredName ?? saved.firstName} ${saved.lastName} has been added to your caseload.` : 'Their details have been saved.');
    context.redirect(`/young-people/${saved.id}`);
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
    const details = error.details as { errors?: { path: string; message: string }[] } | undefined;
    const ruleErrors = details?.errors?.length ? details.errors.map((issue) => ({ field: issue.path, message: `${FIELD_LABELS[issue.path] ?? 'This'} ${issue.message}` })) : [{ field: 'firstName', message: error.message }];
    await context.redirectWithErrors(self, 'young-person', values, ruleErrors);
  }
}

export function registerYoungPersonFormPages(pages: Pages): void {
  pages.get('/young-people/new', { access: ['personal_adviser'], form: true }, async (context) => {
    const kept = await context.takeFlash<YoungPersonFormValues>('young-person');
    await renderForm(context, 'create', kept?.values ?? emptyYoungPersonForm(), kept?.errors);
  });
  pages.post('/young-people/new', { access: ['personal_adviser'], form: true }, (context) => saveForm(context, 'create'));

  pages.get('/young-people/:id/edit', { access: CASEWORKERS, form: true }, async (context) => {
    const id = idFrom(context.req.params.id);
    const kept = await context.takeFlash<YoungPersonFormValues>('young-person');
    const values = kept?.values ?? formFromYoungPerson(await readYoungPerson(context, id));
    if (kept) await readYoungPerson(context, id); // still in scope (and audited) when showing kept values
    await renderForm(context, 'edit', values, kept?.errors, id);
  });
  pages.post('/young-people/:id/edit', { access: CASEWORKERS, form: true }, (context) => saveForm(context, 'edit', idFrom(context.req.params.id)));
}
