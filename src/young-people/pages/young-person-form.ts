import type { Request } from 'express';
import type { ZodError } from 'zod';
import { dateFromParts, dateParts } from '../../lib/pages/date-input.js';
import { formFields, listOf, textOf } from '../../lib/pages/form-body.js';
import type { FieldError } from '../../lib/pages/pages.js';
import type { YoungPersonView } from '../young-people.schemas.js';

/** The form as typed: strings, so that whatever was entered can be shown again beside its error. */
export interface YoungPersonFormValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  email: string;
  phone: string;
  dateOfBirth: { day: string; month: string; year: string };
  careStatus: string;
  legalCategory: string;
  homeDistrictId: string;
  preferredDistrictIds: string[];
  maxTravelKm: string;
  interests: string[];
  qualifications: { subject: string; level: string; grade: string }[];
  activityCode: string;
  accommodationCode: string;
  inCustody: string;
  expectedReleaseDate: { day: string; month: string; year: string };
  pathwayPlanReviewDate: { day: string; month: string; year: string };
  lastContactDate: { day: string; month: string; year: string };
  employerSharing: string;
  employerMayKnowCareLeaver: string;
  shareWithHousing: string;
}

export const DATE_FIELDS = ['dateOfBirth', 'expectedReleaseDate', 'pathwayPlanReviewDate', 'lastContactDate'] as const;

/** Field names in words, for messages such as "Date of birth must not be in the future". */
export const FIELD_LABELS: Record<string, string> = {
  firstName: 'First name', lastName: 'Last name', preferredName: 'Preferred name', email: 'Email address', phone: 'Phone number', dateOfBirth: 'Date of birth',
  careStatus: 'Care status', legalCategory: 'Legal category', homeDistrictId: 'Home district', preferredDistrictIds: 'Other districts', maxTravelKm: 'Distance they will travel',
  interests: 'Interests', qualifications: 'Qualifications', activityCode: 'Education, employment or training', accommodationCode: 'Accommodation', inCustody: 'In custody',
  expectedReleaseDate: 'Expected release date', pathwayPlanReviewDate: 'Pathway plan review date', lastContactDate: 'Last contact date', employerSharing: 'What employers may see',
  employerMayKnowCareLeaver: 'Whether employers may know', shareWithHousing: 'Sharing with housing', personalAdviserId: 'Personal adviser',
};

/** Where the error summary sends the reader for a field: the first box of a date, the first radio or checkbox. */
export function fieldAnchor(field: string): string {
  if ((DATE_FIELDS as readonly string[]).includes(field)) return `${field}-day`;
  if (field.startsWith('qualifications-')) return field;
  return field;
}

export function emptyYoungPersonForm(): YoungPersonFormValues {
  const blank = { day: '', month: '', year: '' };
  return {
    firstName: '', lastName: '', preferredName: '', email: '', phone: '', dateOfBirth: blank, careStatus: '', legalCategory: '', homeDistrictId: '', preferredDistrictIds: [], maxTravelKm: '25',
    interests: [], qualifications: [{ subject: '', level: '', grade: '' }], activityCode: '', accommodationCode: '', inCustody: 'no', expectedReleaseDate: blank, pathwayPlanReviewDate: blank,
    lastContactDate: blank, employerSharing: '', employerMayKnowCareLeaver: '', shareWithHousing: '',
  };
}

export function formFromYoungPerson(view: YoungPersonView): YoungPersonFormValues {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  return {
    firstName: view.firstName, lastName: view.lastName, preferredName: view.preferredName ?? '', email: view.email ?? '', phone: view.phone ?? '', dateOfBirth: dateParts(view.dateOfBirth),
    careStatus: view.careStatus, legalCategory: view.legalCategory, homeDistrictId: view.homeDistrictId, preferredDistrictIds: view.preferredDistrictIds, maxTravelKm: String(view.maxTravelKm),
    interests: view.interests, qualifications: view.qualifications.length ? view.qualifications.map((q) => ({ subject: q.subject, level: String(q.level), grade: q.grade ?? '' })) : [{ subject: '', level: '', grade: '' }],
    activityCode: view.activityCode ?? '', accommodationCode: view.accommodationCode ?? '', inCustody: yesNo(view.inCustody), expectedReleaseDate: dateParts(view.expectedReleaseDate),
    pathwayPlanReviewDate: dateParts(view.pathwayPlanReviewDate), lastContactDate: dateParts(view.lastContactDate), employerSharing: view.employerSharing,
    employerMayKnowCareLeaver: yesNo(view.employerMayKnowCareLeaver), shareWithHousing: yesNo(view.shareWithHousing),
  };
}

/** Reads the posted form, and what the add-another buttons asked for (add a qualification row, remove one). */
export function readYoungPersonForm(req: Request): { values: YoungPersonFormValues; action: 'save' | 'add-qualification' | { remove: number } } {
  const fields = formFields(req);
  const date = (name: string) => ({ day: textOf(fields[`${name}-day`]), month: textOf(fields[`${name}-month`]), year: textOf(fields[`${name}-year`]) });
  const subjects = listOf(fields['qualifications-subject']);
  const levels = listOf(fields['qualifications-level']);
  const grades = listOf(fields['qualifications-grade']);
  const values: YoungPersonFormValues = {
    firstName: textOf(fields.firstName), lastName: textOf(fields.lastName), preferredName: textOf(fields.preferredName), email: textOf(fields.email), phone: textOf(fields.phone),
    dateOfBirth: date('dateOfBirth'), careStatus: textOf(fields.careStatus), legalCategory: textOf(fields.legalCategory), homeDistrictId: textOf(fields.homeDistrictId),
    preferredDistrictIds: listOf(fields.preferredDistrictIds), maxTravelKm: textOf(fields.maxTravelKm), interests: listOf(fields.interests),
    qualifications: subjects.map((subject, index) => ({ subject: subject.trim(), level: (levels[index] ?? '').trim(), grade: (grades[index] ?? '').trim() })),
    activityCode: textOf(fields.activityCode), accommodationCode: textOf(fields.accommodationCode), inCustody: textOf(fields.inCustody), expectedReleaseDate: date('expectedReleaseDate'),
    pathwayPlanReviewDate: date('pathwayPlanReviewDate'), lastContactDate: date('lastContactDate'), employerSharing: textOf(fields.employerSharing),
    employerMayKnowCareLeaver: textOf(fields.employerMayKnowCareLeaver), shareWithHousing: textOf(fields.shareWithHousing),
  };
  const action = textOf(fields.action);
  if (action === 'add-qualification') return { values, action };
  const remove = /^remove-qualification-(\d+)$/.exec(action);
  return { values, action: remove ? { remove: Number(remove[1]) } : 'save' };
}

/**
 * Turns the typed form into the API's input shape (the same zod schema then validates it), with the messages a
 * GOV.UK form gives for what is missing or not a real date. Blank optional fields become null (left out on create).
 */
export function toYoungPersonInput(values: YoungPersonFormValues, mode: 'create' | 'edit'): { input: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const input: Record<string, unknown> = {};
  const blank = (key: string) => {
    if (mode === 'edit') input[key] = null;
  };
  const required: [keyof YoungPersonFormValues, string][] = [['firstName', 'Enter their first name'], ['lastName', 'Enter their last name'], ['careStatus', 'Select their care status'], ['legalCategory', 'Select their legal category'], ['homeDistrictId', 'Select the district they live in']];
  for (const [key, message] of required) {
    if (!values[key]) errors.push({ field: key, message });
    else input[key] = values[key];
  }
  for (const key of ['preferredName', 'email', 'phone', 'activityCode', 'accommodationCode'] as const) {
    if (values[key]) input[key] = values[key];
    else blank(key);
  }
  for (const key of DATE_FIELDS) {
    const date = dateFromParts({ [`${key}-day`]: values[key].day, [`${key}-month`]: values[key].month, [`${key}-year`]: values[key].year }, key);
    if (date === 'invalid') errors.push({ field: key, message: `${FIELD_LABELS[key]} must be a real date, like 27 3 2007` });
    else if (date === 'empty') {
      if (key === 'dateOfBirth') errors.push({ field: key, message: 'Enter their date of birth' });
      else blank(key);
    } else input[key] = date;
  }
  input.preferredDistrictIds = values.preferredDistrictIds.filter((id) => id !== values.homeDistrictId);
  input.interests = values.interests;
  input.maxTravelKm = values.maxTravelKm === '' ? 25 : Number(values.maxTravelKm);
  if (Number.isNaN(input.maxTravelKm)) errors.push({ field: 'maxTravelKm', message: 'Distance they will travel must be a number of kilometres, like 25' });
  input.qualifications = values.qualifications
    .map((q, index) => ({ ...q, index }))
    .filter((q) => q.subject || q.level || q.grade)
    .map((q) => {
      if (!q.subject) errors.push({ field: `qualifications-${q.index}-subject`, message: `Enter the subject of qualification ${q.index + 1}` });
      if (!/^[0-8]$/.test(q.level)) errors.push({ field: `qualifications-${q.index}-level`, message: `Select the level of qualification ${q.index + 1}` });
      return { subject: q.subject, level: Number(q.level), grade: q.grade || null };
    });
  input.inCustody = values.inCustody === 'yes';
  for (const key of ['employerMayKnowCareLeaver', 'shareWithHousing'] as const) {
    if (values[key] !== 'yes' && values[key] !== 'no') errors.push({ field: key, message: key === 'shareWithHousing' ? 'Select whether housing officers may see their details' : 'Select whether employers may know they are a care leaver' });
    else input[key] = values[key] === 'yes';
  }
  if (!values.employerSharing) errors.push({ field: 'employerSharing', message: 'Select what employers may see' });
  else input.employerSharing = values.employerSharing;
  return { input, errors };
}

/** The schema's own messages, each beside its field and named in words. */
export function schemaErrors(error: ZodError): FieldError[] {
  const seen = new Set<string>();
  return error.issues.flatMap((issue) => {
    const [first, index, part] = issue.path.map(String);
    const field = first === 'qualifications' && index !== undefined ? `qualifications-${index}-${part ?? 'subject'}` : (first ?? 'form');
    if (seen.has(field)) return [];
    seen.add(field);
    const message = issue.code === 'unrecognized_keys' ? 'The form had fields it should not have' : issue.message;
    return [{ field, message: `${FIELD_LABELS[first ?? ''] ?? 'This'} ${message}` }];
  });
}
