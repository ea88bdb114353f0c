import type { FieldError } from '../../lib/pages/pages.js';
import { dateFromParts, dateParts } from '../../lib/pages/date-input.js';
import { listOf, textOf } from '../../lib/pages/form-body.js';
import { isApprenticeship } from '../apprenticeship-rules.js';
import type { OpportunityView } from '../opportunities.schemas.js';

/**
 * The question pages an employer answers to write an offer (GOV.UK Recruit an apprentice: one thing per page,
 * then check your answers). Each question turns its form into the same changes PATCH /api/opportunities/:id takes;
 * the API's zod schema and the service's rules then judge them (offer-question-pages.ts).
 */
export type FormValues = Record<string, unknown>;
type Fields = Record<string, string | string[]>;
export interface ReadForm {
  values: FormValues;
  changes: Record<string, unknown>;
  errors: FieldError[];
  /** The form was only to add or remove a row: save it and show the same question again. */
  stay?: boolean;
}

export interface OfferQuestion {
  name: string;
  heading: string;
  /** The part of the offer it asks for, as council staff name it when sending an offer back. */
  part: string;
  appliesTo(kind: string): boolean;
  valuesOf(offer: OpportunityView): FormValues;
  read(fields: Fields, offer: OpportunityView): ReadForm;
}

/** The kinds an employer may offer (ring-fenced apprenticeships are the council's own). */
export const EMPLOYER_KINDS = ['job', 'work_experience', 'apprenticeship', 'training', 'mentoring', 'benefit'] as const;
const paid = (kind: string) => isApprenticeship(kind) || kind === 'job';
const always = () => true;

const whole = (text: string) => (/^\d+$/.test(text) ? Number(text) : NaN);
const decimal = (text: string) => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN);
/** "£18,500" or "18500.50" as pence; NaN when it is not an amount. */
export function penceOf(text: string): number {
  const cleaned = text.replace(/[£,\s]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : NaN;
}
const poundsOf = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(pence % 100 === 0 ? 0 : 2));
const optional = (text: string) => (text === '' ? null : text);

function question(spec: Omit<OfferQuestion, 'appliesTo'> & { appliesTo?: OfferQuestion['appliesTo'] }): OfferQuestion {
  return { appliesTo: always, ...spec };
}

export const OFFER_QUESTIONS: readonly OfferQuestion[] = [
  question({
    name: 'kind', part: 'Kind of offer', heading: 'What kind of offer is it?',
    valuesOf: (offer) => ({ kind: offer.kind }),
    read: (fields) => {
      const kind = textOf(fields.kind);
      return { values: { kind }, changes: { kind }, errors: kind ? [] : [{ field: 'kind', message: 'Select what kind of offer it is' }] };
    },
  }),
  question({
    name: 'title', part: 'Title', heading: 'What is the offer called?',
    valuesOf: (offer) => ({ title: offer.title }),
    read: (fields) => {
      const title = textOf(fields.title);
      return { values: { title }, changes: { title }, errors: title ? [] : [{ field: 'title', message: 'Enter a title for the offer' }] };
    },
  }),
  question({
    name: 'description', part: 'Description, what they will do and skills', heading: 'Describe the offer',
    valuesOf: (offer) => ({ description: offer.description, whatYouWillDo: offer.whatYouWillDo ?? '', skills: offer.skills.join('\n'), benefitType: offer.benefitType ?? '' }),
    read: (fields, offer) => {
      const values = { description: textOf(fields.description), whatYouWillDo: textOf(fields.whatYouWillDo), skills: textOf(fields.skills), benefitType: textOf(fields.benefitType) };
      const skills = values.skills.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
      const changes: Record<string, unknown> = { description: values.description, whatYouWillDo: optional(values.whatYouWillDo), skills };
      if (offer.kind === 'benefit') changes.benefitType = optional(values.benefitType);
      return { values, changes, errors: values.description ? [] : [{ field: 'description', message: 'Enter a short description of the offer' }] };
    },
  }),
  question({
    name: 'sector', part: 'Area of work', heading: 'What area of work is it in?',
    valuesOf: (offer) => ({ sector: offer.sector ?? '' }),
    read: (fields) => {
      const sector = textOf(fields.sector);
      return { values: { sector }, changes: { sector }, errors: sector ? [] : [{ field: 'sector', message: 'Select the area of work' }] };
    },
  }),
  question({
    name: 'areas', part: 'Covenant areas', heading: 'Which Care Leaver Covenant areas is it in?',
    valuesOf: (offer) => ({ areas: offer.areas }),
    read: (fields) => {
      const areas = listOf(fields.areas);
      return { values: { areas }, changes: { areas }, errors: areas.length ? [] : [{ field: 'areas', message: 'Select at least one Covenant area' }] };
    },
  }),
  question({
    name: 'location', part: 'Where it is', heading: 'Where is it?',
    valuesOf: (offer) => ({ where: offer.national ? 'national' : offer.remote ? 'remote' : offer.districtId ? 'district' : '', districtId: offer.districtId ?? '', locationDescription: offer.locationDescription ?? '' }),
    read: (fields) => {
      const values = { where: textOf(fields.where), districtId: textOf(fields.districtId), locationDescription: textOf(fields.locationDescription) };
      const errors: FieldError[] = [];
      if (!['district', 'national', 'remote'].includes(values.where)) errors.push({ field: 'where', message: 'Select where the offer is' });
      if (values.where === 'district' && !values.districtId) errors.push({ field: 'districtId', message: 'Select the district' });
      const changes = {
        national: values.where === 'national',
        remote: values.where === 'remote',
        districtId: values.where === 'district' ? values.districtId : null,
        locationDescription: optional(values.locationDescription),
      };
      return { values, changes, errors };
    },
  }),
  question({
    name: 'dates', part: 'Closing and start dates', heading: 'Closing and start dates',
    valuesOf: (offer) => ({ closingDate: dateParts(offer.closingDate), startDate: dateParts(offer.startDate) }),
    read: (fields) => {
      const values = { closingDate: dateParts(null), startDate: dateParts(null) };
      for (const name of ['closingDate', 'startDate'] as const) values[name] = { day: textOf(fields[`${name}-day`]), month: textOf(fields[`${name}-month`]), year: textOf(fields[`${name}-year`]) };
      const closing = dateFromParts(fields, 'closingDate');
      const start = dateFromParts(fields, 'startDate');
      const errors: FieldError[] = [];
      if (closing === 'empty') errors.push({ field: 'closingDate', message: 'Enter the closing date' });
      if (closing === 'invalid') errors.push({ field: 'closingDate', message: 'Closing date must be a real date, like 31 7 2026' });
      if (start === 'invalid') errors.push({ field: 'startDate', message: 'Start date must be a real date, like 1 9 2026' });
      return { values, changes: { closingDate: closing, startDate: start === 'empty' ? null : start }, errors };
    },
  }),
  question({
    name: 'apprenticeship', part: 'Apprenticeship level', heading: 'What level is the apprenticeship?', appliesTo: isApprenticeship,
    valuesOf: (offer) => ({ level: offer.level === null ? '' : String(offer.level) }),
    read: (fields) => {
      const level = textOf(fields.level);
      return { values: { level }, changes: { level: Number(level) }, errors: level ? [] : [{ field: 'level', message: 'Select the apprenticeship level' }] };
    },
  }),
  question({
    name: 'hours-and-duration', part: 'Hours and how long it lasts', heading: 'Working hours and how long it lasts', appliesTo: paid,
    valuesOf: (offer) => ({ weeklyHours: offer.weeklyHours === null ? '' : String(offer.weeklyHours), durationMonths: offer.durationMonths === null ? '' : String(offer.durationMonths) }),
    read: (fields) => {
      const values = { weeklyHours: textOf(fields.weeklyHours), durationMonths: textOf(fields.durationMonths) };
      const hours = values.weeklyHours === '' ? null : decimal(values.weeklyHours);
      const months = values.durationMonths === '' ? null : whole(values.durationMonths);
      const errors: FieldError[] = [];
      if (Number.isNaN(hours)) errors.push({ field: 'weeklyHours', message: 'Weekly hours must be a number, like 37.5' });
      if (Number.isNaN(months)) errors.push({ field: 'durationMonths', message: 'Duration must be a whole number of months, like 18' });
      return { values, changes: { weeklyHours: hours, durationMonths: months }, errors };
    },
  }),
  question({
    name: 'wage', part: 'Wage', heading: 'What is the wage?', appliesTo: paid,
    valuesOf: (offer) => ({ wageType: offer.wageType ?? '', yearlyWage: poundsOf(offer.yearlyWagePence) }),
    read: (fields) => {
      const values = { wageType: textOf(fields.wageType), yearlyWage: textOf(fields.yearlyWage) };
      const pence = values.yearlyWage === '' ? null : penceOf(values.yearlyWage);
      const errors: FieldError[] = [];
      if (!values.wageType) errors.push({ field: 'wageType', message: 'Select the kind of wage' });
      if (Number.isNaN(pence)) errors.push({ field: 'yearlyWagePence', message: 'Yearly wage must be an amount in pounds, like 18,500' });
      return { values, changes: { wageType: values.wageType, yearlyWagePence: pence }, errors };
    },
  }),
  question({
    name: 'qualifications', part: 'Qualifications', heading: 'Qualifications',
    valuesOf: () => ({ qualificationSubject: '', qualificationLevel: '', qualificationGrade: '', importance: 'essential' }),
    read: (fields, offer) => {
      // Its own field names: 'level' alone is the apprenticeship's level, asked on another page.
      const values = { qualificationSubject: textOf(fields.qualificationSubject), qualificationLevel: textOf(fields.qualificationLevel), qualificationGrade: textOf(fields.qualificationGrade), importance: textOf(fields.importance) || 'essential' };
      const current = offer.requiredQualifications;
      const action = textOf(fields.action);
      const removing = /^remove-(\d+)$/.exec(action);
      if (removing) return { values, changes: { requiredQualifications: current.filter((_q, index) => index !== Number(removing[1])) }, errors: [], stay: true };
      if (action !== 'add') return { values, changes: {}, errors: [] };
      const errors: FieldError[] = [];
      if (!values.qualificationSubject) errors.push({ field: 'qualificationSubject', message: 'Enter the subject of the qualification' });
      if (!values.qualificationLevel) errors.push({ field: 'qualificationLevel', message: 'Select the level of the qualification' });
      const added = { subject: values.qualificationSubject, level: Number(values.qualificationLevel), grade: optional(values.qualificationGrade), importance: values.importance };
      return { values, changes: { requiredQualifications: [...current, added] }, errors, stay: true };
    },
  }),
  question({
    name: 'places', part: 'Places', heading: 'How many places are there?',
    valuesOf: (offer) => ({ places: String(offer.places) }),
    read: (fields) => {
      const values = { places: textOf(fields.places) };
      const places = whole(values.places);
      return { values, changes: { places }, errors: Number.isNaN(places) ? [{ field: 'places', message: 'Enter the number of places, like 2' }] : [] };
    },
  }),
  question({
    name: 'sharing', part: 'What you need to know about a young person', heading: 'How young people apply',
    valuesOf: (offer) => ({ sharingNeeded: offer.sharingNeeded }),
    read: (fields) => {
      const sharingNeeded = textOf(fields.sharingNeeded);
      return { values: { sharingNeeded }, changes: { sharingNeeded }, errors: sharingNeeded ? [] : [{ field: 'sharingNeeded', message: 'Select what you need to know about a young person' }] };
    },
  }),
];

export const questionNamed = (name: string) => OFFER_QUESTIONS.find((candidate) => candidate.name === name);

/** The questions a new offer of this kind goes through after /offers/new (which asks its kind and title). */
export function questionsFor(kind: string): OfferQuestion[] {
  return OFFER_QUESTIONS.filter((candidate) => candidate.name !== 'kind' && candidate.name !== 'title' && candidate.appliesTo(kind));
}

/** The question pages of an offer of this kind, its kind and title first: the parts council staff may name. */
export function questionPagesFor(kind: string): OfferQuestion[] {
  return OFFER_QUESTIONS.filter((candidate) => candidate.appliesTo(kind));
}

/** The fields a question page asks for, as named in a send-back (its `sentBackFields`). */
export function fieldsAskedBy(question: string): string[] {
  return Object.entries(QUESTION_OF_FIELD).filter(([, asker]) => asker === question).map(([field]) => field);
}

/**
 * Fields named in a send-back, as the parts of the offer they belong to (one per question page, in the order the
 * pages ask), each with the fields named in it. A field no page asks for stands as a part of its own.
 */
export function partsNamed(fields: readonly string[]): { question: string | null; part: string; fields: string[] }[] {
  const parts = OFFER_QUESTIONS.map((question) => ({ question: question.name as string | null, part: question.part, fields: fields.filter((field) => QUESTION_OF_FIELD[field] === question.name) }));
  const unasked = fields.filter((field) => !QUESTION_OF_FIELD[field]).map((field) => ({ question: null, part: FIELD_LABELS[field] ?? field, fields: [field] }));
  return [...parts.filter((part) => part.fields.length > 0), ...unasked];
}

/** The question that asks for an API field, so a rule's error can link to the page where it is put right. */
export const QUESTION_OF_FIELD: Record<string, string> = {
  kind: 'kind', title: 'title', description: 'description', whatYouWillDo: 'description', skills: 'description', benefitType: 'description',
  sector: 'sector', areas: 'areas', districtId: 'location', national: 'location', remote: 'location', locationDescription: 'location',
  level: 'apprenticeship', weeklyHours: 'hours-and-duration', durationMonths: 'hours-and-duration', wageType: 'wage', yearlyWagePence: 'wage',
  requiredQualifications: 'qualifications', places: 'places', closingDate: 'dates', startDate: 'dates', sharingNeeded: 'sharing',
};

/** Field names as a sentence starts them: "Weekly hours must be 16 to 48 for an apprenticeship". */
export const FIELD_LABELS: Record<string, string> = {
  kind: 'Kind of offer', title: 'Title', description: 'Short description', whatYouWillDo: 'What they will do', skills: 'Skills', benefitType: 'What the benefit is',
  sector: 'Area of work', areas: 'Covenant areas', districtId: 'District', national: 'Where', remote: 'Where', locationDescription: 'Where exactly',
  level: 'Apprenticeship level', weeklyHours: 'Weekly hours', durationMonths: 'Duration in months', wageType: 'Wage', yearlyWagePence: 'Yearly wage',
  requiredQualifications: 'Qualifications', places: 'Places', closingDate: 'Closing date', startDate: 'Start date', sharingNeeded: 'What you need to know',
  minAgeAtStart: 'Youngest age at start', maxAgeAtStart: 'Oldest age at start', eligibleCareStatus: 'Who it is for',
};

/** The element on the question page an error links to (a date input's day box, a group's first option). */
export function anchorOf(field: string): string {
  if (field === 'closingDate' || field === 'startDate') return `${field}-day`;
  if (field === 'yearlyWagePence') return 'yearlyWage';
  if (field === 'requiredQualifications') return 'qualificationSubject';
  if (field === 'national' || field === 'remote') return 'where';
  return field;
}
