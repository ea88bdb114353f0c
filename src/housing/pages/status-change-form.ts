import { dateFromParts } from '../../lib/pages/date-input.js';
import { textOf } from '../../lib/pages/form-body.js';
import type { FieldError } from '../../lib/pages/pages.js';
import type { HousingApplicationStatus } from '../housing-application-statuses.js';
import { statusChangeBody, type StatusChangeInput } from '../housing.schemas.js';

/**
 * The "move this application on" form: one radio per allowed next status, each revealing the facts that step
 * records (the same facts as POST /api/housing-applications/:id/status asks for). Field names carry the status
 * (`registered-priorityDate`) so that, with JavaScript off and every reveal open, each field is still unique.
 */
type FieldKind = 'date' | 'optional-date' | 'text' | 'optional-text' | 'textarea' | 'optional-textarea' | 'yes-no' | 'accommodation-kind' | 'guarantor-kind';

interface StepField {
  /** The API's name for the fact. */
  name: string;
  label: string;
  hint?: string;
  kind: FieldKind;
}

/** What each status records, with labels in the words a housing officer uses. */
export const STEP_FIELDS: Readonly<Record<HousingApplicationStatus, readonly StepField[]>> = {
  not_started: [{ name: 'reason', label: 'Why it is reopened (optional)', kind: 'optional-textarea' }],
  eligible_to_apply: [{ name: 'date', label: 'Date they became eligible (optional)', hint: 'For example, 27 3 2027', kind: 'optional-date' }],
  application_submitted: [
    { name: 'submittedDate', label: 'Date the application was submitted', hint: 'For example, 27 3 2027', kind: 'date' },
    { name: 'guarantorKind', label: 'Guarantor or trustee (needed if they are under 18 on that date)', kind: 'guarantor-kind' },
    { name: 'guarantorDetails', label: 'Who the guarantor or trustee is', kind: 'optional-textarea' },
  ],
  registered: [
    { name: 'reference', label: 'Housing register reference', kind: 'text' },
    { name: 'bandOrPriority', label: 'Band or priority', hint: 'For example, Band B', kind: 'text' },
    { name: 'localConnection', label: 'Does the district accept a local connection?', kind: 'yes-no' },
    { name: 'priorityDate', label: 'Priority date', hint: 'For example, 27 3 2027', kind: 'date' },
  ],
  interim_or_supported_accommodation: [
    { name: 'kind', label: 'What was arranged', kind: 'accommodation-kind' },
    { name: 'arrangedDate', label: 'Date it was arranged', hint: 'For example, 27 3 2027', kind: 'date' },
  ],
  offer_made: [{ name: 'offerDate', label: 'Date of the offer', hint: 'For example, 27 3 2027', kind: 'date' }],
  housed: [{ name: 'tenancyStartDate', label: 'Tenancy start date', hint: 'For example, 27 3 2027', kind: 'date' }],
  refused: [
    { name: 'reason', label: 'Why it was refused', kind: 'textarea' },
    { name: 'date', label: 'Date of the decision (optional)', hint: 'For example, 27 3 2027', kind: 'optional-date' },
  ],
  closed: [{ name: 'reason', label: 'Why it is closed', hint: 'For example, moved out of the area or housed elsewhere', kind: 'textarea' }],
};

/** The id (and name prefix) of one step's field on the page. */
export const fieldId = (status: string, name: string) => `${status}-${name}`;

const isDate = (kind: FieldKind) => kind === 'date' || kind === 'optional-date';
const isOptional = (kind: FieldKind) => kind.startsWith('optional-') || kind === 'guarantor-kind';

function missingMessage(field: StepField): string {
  if (isDate(field.kind)) return `Enter the ${field.label.toLowerCase().replace(/^date /, 'date ')}`;
  if (field.kind === 'yes-no' || field.kind === 'accommodation-kind') return `Choose: ${field.label.toLowerCase()}`;
  return `Enter ${field.label.charAt(0).toLowerCase()}${field.label.slice(1)}`;
}

export interface ReadStatusChange {
  values: Record<string, string>;
  errors: FieldError[];
  change?: StatusChangeInput;
}

/** Reads the posted form into the API's status change, or GOV.UK messages naming the fields to fix. */
export function readStatusChange(fields: Record<string, string | string[]>, allowed: readonly HousingApplicationStatus[]): ReadStatusChange {
  const values = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, textOf(value)]));
  const status = allowed.find((candidate) => candidate === values.status);
  if (!status) return { values, errors: [{ field: 'status', message: 'Choose what has happened' }] };
  const errors: FieldError[] = [];
  const facts: Record<string, unknown> = { status };
  for (const field of STEP_FIELDS[status]) {
    const id = fieldId(status, field.name);
    if (isDate(field.kind)) {
      const date = dateFromParts(fields, id);
      if (date === 'invalid') errors.push({ field: `${id}-day`, message: `${field.label.replace(' (optional)', '')} must be a real date` });
      else if (date === 'empty') { if (!isOptional(field.kind)) errors.push({ field: `${id}-day`, message: missingMessage(field) }); }
      else facts[field.name] = date;
      continue;
    }
    const value = values[id] ?? '';
    if (!value) {
      if (!isOptional(field.kind)) errors.push({ field: id, message: missingMessage(field) });
      continue;
    }
    facts[field.name] = field.kind === 'yes-no' ? value === 'yes' : value;
  }
  if (status === 'application_submitted') {
    // Two page fields make one fact: a plan needs both who it is and whether they are a guarantor or a trustee.
    const { guarantorKind: kind, guarantorDetails: details } = facts;
    delete facts.guarantorKind;
    delete facts.guarantorDetails;
    if (kind && details) facts.guarantorPlan = { kind, details };
    else if (kind) errors.push({ field: fieldId(status, 'guarantorDetails'), message: 'Enter who the guarantor or trustee is' });
    else if (details) errors.push({ field: fieldId(status, 'guarantorKind'), message: 'Choose guarantor or trustee' });
  }
  if (errors.length) return { values, errors };
  const parsed = statusChangeBody.safeParse(facts);
  if (!parsed.success) {
    return { values, errors: parsed.error.issues.map((issue) => ({ field: fieldOfPath(status, issue.path.map(String)), message: `${labelOfPath(status, issue.path.map(String))} ${issue.message}` })) };
  }
  return { values, errors: [], change: parsed.data };
}

/** The page field for an API path (a rule's refusal names the API's field: submittedDate, guarantorPlan...). */
export function fieldOfPath(status: HousingApplicationStatus, path: readonly string[]): string {
  const [name] = path;
  if (!name) return 'status';
  if (name === 'guarantorPlan') return fieldId(status, path[1] === 'details' ? 'guarantorDetails' : 'guarantorKind');
  const field = STEP_FIELDS[status].find((candidate) => candidate.name === name);
  if (!field) return 'status';
  return isDate(field.kind) ? `${fieldId(status, name)}-day` : fieldId(status, name);
}

export function labelOfPath(status: HousingApplicationStatus, path: readonly string[]): string {
  const field = STEP_FIELDS[status].find((candidate) => candidate.name === path[0]);
  return field ? field.label.replace(' (optional)', '') : 'This';
}
