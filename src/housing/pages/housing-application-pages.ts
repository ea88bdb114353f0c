import { findDistrict } from '../../districts/districts.service.js';
import { AppError } from '../../lib/errors.js';
import { dateParts } from '../../lib/pages/date-input.js';
import { longDate } from '../../lib/pages/nunjucks.js';
import { formFields } from '../../lib/pages/form-body.js';
import { errorView, type FieldError, type PageContext, type Pages } from '../../lib/pages/pages.js';
import { CASEWORKERS, type Role } from '../../users/roles.js';
import { findYoungPersonInScope } from '../../young-people/young-people.service.js';
import type { HousingApplicationStatus } from '../housing-application-statuses.js';
import { changeHousingApplicationStatus, readHousingApplication } from '../housing-applications.service.js';
import { readYoungPersonForHousingOfficer } from '../housing-officer-view.service.js';
import type { HousingApplicationView } from '../housing.schemas.js';
import { idFrom, STATUS_NAMES } from './housing-words.js';
import { fieldId, fieldOfPath, labelOfPath, readStatusChange, STEP_FIELDS } from './status-change-form.js';

/** PAs (their caseload), managers (their team), admins, and the district's housing officers: as the API. */
const APPLICATION_READERS: readonly Role[] = [...CASEWORKERS, 'housing_officer'];
const FORM = 'move-application';

/** Whose application it is, for the heading and the way back: the officer's allow-listed view, or the caseworker's own record. */
async function applicantOf(context: PageContext, application: HousingApplicationView): Promise<{ name: string; back: string }> {
  if (context.actor.role === 'housing_officer') {
    const person = await readYoungPersonForHousingOfficer(context, application.youngPersonId);
    return { name: `${person.preferredName ?? person.firstName} ${person.lastName}`, back: `/housing/young-people/${person.id}` };
  }
  const person = await findYoungPersonInScope(context.actor, application.youngPersonId);
  return { name: person ? `${person.preferredName ?? person.firstName} ${person.lastName}` : 'Young person', back: `/young-people/${application.youngPersonId}#housing` };
}

/** What each recorded step says, beside its status: the facts the application holds for it. */
function recordedFacts(application: HousingApplicationView): { key: string; value: string }[] {
  const rows: { key: string; value: string }[] = [];
  if (application.submittedDate) rows.push({ key: 'Submitted', value: longDate(application.submittedDate) });
  if (application.guarantorPlan) rows.push({ key: application.guarantorPlan.kind === 'guarantor' ? 'Guarantor' : 'Trustee', value: application.guarantorPlan.details });
  if (application.registration) {
    rows.push({ key: 'Register reference', value: application.registration.reference }, { key: 'Band or priority', value: application.registration.bandOrPriority });
    rows.push({ key: 'Local connection accepted', value: application.registration.localConnection ? 'Yes' : 'No' }, { key: 'Priority date', value: longDate(application.registration.priorityDate) });
  }
  if (application.accommodation) rows.push({ key: application.accommodation.kind === 'interim' ? 'Interim accommodation' : 'Supported accommodation', value: longDate(application.accommodation.arrangedDate) });
  if (application.offerDate) rows.push({ key: 'Offer of a home', value: longDate(application.offerDate) });
  if (application.tenancyStartDate) rows.push({ key: 'Tenancy start', value: longDate(application.tenancyStartDate) });
  if (application.refusalReason) rows.push({ key: 'Refused because', value: application.refusalReason });
  if (application.closedReason) rows.push({ key: 'Closed because', value: application.closedReason });
  return rows;
}

/** The radios and the fields each reveals, refilled from a failed post. */
function moveForm(allowed: readonly HousingApplicationStatus[], kept: { values: Record<string, string>; errors: FieldError[] } | undefined) {
  const values = kept?.values ?? {};
  const { fieldErrors, errorList } = errorView(kept?.errors);
  return {
    errorList,
    chosen: values.status ?? '',
    statusError: (fieldErrors as Record<string, { text: string }>).status,
    options: allowed.map((status) => ({
      status,
      name: STATUS_NAMES[status],
      fields: STEP_FIELDS[status].map((field) => {
        const id = fieldId(status, field.name);
        const kind = field.kind;
        const date = kind === 'date' || kind === 'optional-date';
        return {
          ...field, id, date,
          value: values[id] ?? '',
          dateValue: date ? { day: values[`${id}-day`] ?? '', month: values[`${id}-month`] ?? '', year: values[`${id}-year`] ?? '' } : dateParts(null),
          error: (fieldErrors as Record<string, { text: string }>)[date ? `${id}-day` : id],
        };
      }),
    })),
  };
}

/** A service refusal (a rule about dates, a guarantor, the order of steps) as messages beside the fields it names. */
function refusalErrors(error: AppError, status: HousingApplicationStatus): FieldError[] {
  const details = error.details as { errors?: { path: string; message: string }[]; path?: string } | undefined;
  if (details?.errors?.length) return details.errors.map((issue) => ({ field: fieldOfPath(status, issue.path.split('.')), message: `${labelOfPath(status, issue.path.split('.'))} ${issue.message}` }));
  // The API's message names its fields in brackets ("(guarantorPlan)"); the page points at the field instead.
  return [{ field: details?.path ? fieldOfPath(status, [details.path]) : 'status', message: error.message.replace(/ \([a-z][A-Za-z]*\)/g, '') }];
}

/** A housing application's page: where it stands, its dated history, and a form to move it on. */
export function registerHousingApplicationPages(pages: Pages): void {
  pages.get('/housing-applications/:id', { access: APPLICATION_READERS }, async (context) => {
    const application = await readHousingApplication(context, idFrom(context.req.params.id));
    const [applicant, district] = await Promise.all([applicantOf(context, application), findDistrict(application.districtId)]);
    const kept = await context.takeFlash<Record<string, string>>(FORM);
    const form = moveForm(application.allowedNextStatuses, kept);
    context.render('housing/application.njk', {
      pageTitle: `Housing application with ${district?.name ?? 'the district'}`,
      application, applicant, districtName: district?.name ?? 'Unknown',
      statusName: STATUS_NAMES[application.status],
      facts: recordedFacts(application),
      history: [...application.history].reverse().map((step) => ({ ...step, statusName: STATUS_NAMES[step.status], who: step.byRole.replaceAll('_', ' ') })),
      form,
      errorList: form.errorList,
    });
  });

  pages.post('/housing-applications/:id/status', { access: APPLICATION_READERS }, async (context) => {
    const id = idFrom(context.req.params.id);
    const application = await readHousingApplication(context, id);
    const back = `/housing-applications/${id}`;
    const read = readStatusChange(formFields(context.req), application.allowedNextStatuses);
    if (!read.change) return context.redirectWithErrors(`${back}#move-on`, FORM, read.values, read.errors);
    try {
      const moved = await changeHousingApplicationStatus(context, id, read.change);
      await context.confirm(`Application updated: ${STATUS_NAMES[moved.status].toLowerCase()}.`);
      context.redirect(back);
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 404 || error.status >= 500) throw error;
      await context.redirectWithErrors(`${back}#move-on`, FORM, read.values, refusalErrors(error, read.change.status));
    }
  });
}
