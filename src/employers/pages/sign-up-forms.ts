import { z } from 'zod';
import type { FieldError } from '../../lib/pages/pages.js';
import { listOf, textOf } from '../../lib/pages/form-body.js';
import { COVENANT_OUTCOME_AREAS, ORGANISATION_SIZES } from '../organisations.model.js';
import { addressInput, charityNumber, companiesHouseNumber, covenantInput, organisationInput, registerOrganisationBody } from '../organisations.schemas.js';
import { ORGANISATION_KINDS, type SignUpQuestion } from './sign-up-answers.js';

/**
 * Each question page checks its part of the API's own registration schema (registerOrganisationBody), so the
 * pages ask for exactly what POST /api/organisations/register needs and accept exactly what it accepts.
 */
const organisation = organisationInput.shape;
const contact = organisation.contact.shape;
const user = registerOrganisationBody.shape.user.shape;

export const SIGN_UP_FORMS = {
  organisation: z.object({
    name: organisation.name,
    kind: z.enum(ORGANISATION_KINDS),
    companiesHouseNumber: companiesHouseNumber.nullable(),
    charityNumber: charityNumber.nullable(),
    size: organisation.size,
    sector: organisation.sector,
  }),
  address: addressInput.extend({ line2: addressInput.shape.line2.transform((value) => value || null), districtId: organisation.districtId }),
  contact: z.object({ name: contact.name, email: contact.email, phone: contact.phone.transform((value) => value ?? null) }),
  pledges: z.object({ pledgedOutcomeAreas: covenantInput.shape.pledgedOutcomeAreas }),
  account: z.object({ name: user.name, email: user.email, password: user.password }),
} satisfies Record<SignUpQuestion, z.ZodType>;

const optional = (value: string) => (value === '' ? null : value);

/** The posted fields of one question page, shaped for its schema (blank optional fields are null). */
export function readSignUpForm(question: SignUpQuestion, fields: Record<string, string | string[]>): Record<string, unknown> {
  switch (question) {
    case 'organisation': {
      // Either number may be given whatever the kind (a charity may also be a company limited by guarantee).
      return {
        name: textOf(fields.name), kind: textOf(fields.kind),
        companiesHouseNumber: optional(textOf(fields.companiesHouseNumber)),
        charityNumber: optional(textOf(fields.charityNumber)),
        size: textOf(fields.size), sector: textOf(fields.sector),
      };
    }
    case 'address':
      return { line1: textOf(fields.line1), line2: optional(textOf(fields.line2)), town: textOf(fields.town), postcode: textOf(fields.postcode), districtId: textOf(fields.districtId) };
    case 'contact':
      return { name: textOf(fields.name), email: textOf(fields.email), phone: optional(textOf(fields.phone)) };
    case 'pledges':
      return { pledgedOutcomeAreas: listOf(fields.pledgedOutcomeAreas) };
    case 'account':
      // A password is taken as typed: spaces are allowed in it.
      return { name: textOf(fields.name), email: textOf(fields.email), password: (Array.isArray(fields.password) ? fields.password.at(-1) : fields.password) ?? '' };
  }
}

/** For each field: what to say when it is left empty, and the words before a rule's message ("Postcode must be ..."). */
const MESSAGES: Record<string, { empty: string; label: string }> = {
  'organisation.name': { empty: 'Enter the name of your organisation', label: 'Organisation name' },
  'organisation.kind': { empty: 'Select what kind of organisation it is', label: 'Kind of organisation' },
  'organisation.companiesHouseNumber': { empty: 'Enter the Companies House number', label: 'Companies House number' },
  'organisation.charityNumber': { empty: 'Enter the charity number', label: 'Charity number' },
  'organisation.size': { empty: 'Select how many people work for your organisation', label: 'Size' },
  'organisation.sector': { empty: 'Select the main area of work of your organisation', label: 'Area of work' },
  'address.line1': { empty: 'Enter the first line of the address', label: 'Address line 1' },
  'address.line2': { empty: '', label: 'Address line 2' },
  'address.town': { empty: 'Enter the town or city', label: 'Town or city' },
  'address.postcode': { empty: 'Enter the postcode', label: 'Postcode' },
  'address.districtId': { empty: 'Select the district where you will offer opportunities', label: 'District' },
  'contact.name': { empty: 'Enter the contact\'s full name', label: 'Contact name' },
  'contact.email': { empty: 'Enter the contact\'s email address', label: 'Contact email address' },
  'contact.phone': { empty: '', label: 'Contact phone number' },
  'pledges.pledgedOutcomeAreas': { empty: 'Select at least one area your organisation pledges to support', label: 'Pledges' },
  'account.name': { empty: 'Enter your full name', label: 'Your name' },
  'account.email': { empty: 'Enter your email address', label: 'Email address' },
  'account.password': { empty: 'Enter a password', label: 'Your password' },
};

const WRONG_EMAIL = 'Enter an email address in the correct format, like name@example.com';
const isEmailFormat = (issue: z.core.$ZodIssue) => issue.code === 'invalid_format' && issue.format === 'email';

/** zod's own messages in GOV.UK words; the schemas' custom ones ("must be a UK postcode") are already sentences. */
function ruleWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be ${String(issue.maximum)} characters or fewer`;
  if (issue.code === 'too_small' && issue.origin === 'string' && !issue.message.startsWith('must')) return `must be at least ${String(issue.minimum)} characters`;
  return issue.message;
}

const isEmpty = (value: unknown) => value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** One GOV.UK error per field, in the order of the form. */
export function signUpErrors(question: SignUpQuestion, error: z.ZodError, values: Record<string, unknown>): FieldError[] {
  const errors = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors.has(field)) continue;
    const words = MESSAGES[`${question}.${field}`] ?? { empty: 'Answer this question', label: 'This answer' };
    const message = isEmpty(values[field]) && words.empty ? words.empty : issue.code === 'invalid_value' ? words.empty : isEmailFormat(issue) ? WRONG_EMAIL : `${words.label} ${ruleWords(issue)}`;
    errors.set(field, message);
  }
  return [...errors].map(([field, message]) => ({ field, message }));
}


export const KIND_LABELS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  company: 'A business registered with Companies House',
  charity: 'A registered charity',
  public_sector: 'A public sector body (for example a council, NHS trust or school)',
  other: 'Another kind of organisation (for example a sole trader or community group)',
};

export const SIZE_LABELS: Record<(typeof ORGANISATION_SIZES)[number], string> = {
  micro: 'Fewer than 10 people',
  small: '10 to 49 people',
  medium: '50 to 249 people',
  large: '250 people or more',
};

/** The Covenant's five areas, as the Covenant words them, with what an offer in each might be. */
export const PLEDGE_LABELS: Record<(typeof COVENANT_OUTCOME_AREAS)[number], { text: string; hint: string }> = {
  independent_living: { text: 'Independent living', hint: 'For example travel cards, household goods, help finding a home' },
  education_employment_training: { text: 'Education, employment and training', hint: 'For example jobs, apprenticeships, work experience, mentoring' },
  safety_security: { text: 'Safety and security', hint: 'For example advice on staying safe online or at home' },
  health: { text: 'Mental and physical health', hint: 'For example gym membership, counselling, wellbeing support' },
  finance: { text: 'Finance', hint: 'For example budgeting advice, bank accounts, discounts' },
};

export { sectorName as sectorWords } from '../../opportunities/pages/offer-summary.js';
