import { listDistricts } from '../../districts/districts.service.js';
import { longDate } from '../../lib/pages/nunjucks.js';
import { SECTOR_LABELS } from '../../matching/matching.explanations.js';
import type { Sector } from '../sectors.js';
import type { OpportunityView } from '../opportunities.schemas.js';
import { OFFER_QUESTIONS } from './offer-questions.js';

/** Words for the codes an employer sees on their offer's pages. */
export const words = (code: string | null | undefined) => (code ? (code.charAt(0).toUpperCase() + code.slice(1)).replaceAll('_', ' ') : '');

/** An area of work as GOV.UK names its route ("Legal, finance and accounting"), not its code with the commas lost. */
export const sectorName = (sector: string | null | undefined) => {
  if (!sector) return '';
  const label = SECTOR_LABELS[sector as Sector];
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : words(sector);
};

/** Who may apply, in words. */
export const CARE_STATUS_WORDS: Record<string, string> = { both: 'Children in care and care leavers', in_care: 'Children in care', care_leaver: 'Care leavers' };

export const AREA_WORDS: Record<string, string> = {
  independent_living: 'Independent living',
  education_employment_training: 'Education, employment and training',
  safety_security: 'Safety and security',
  mental_physical_health: 'Mental and physical health',
  finance: 'Finance',
};
export const SHARING_WORDS: Record<string, string> = {
  anonymous_profile: 'An anonymous profile: a referral code, their interests and qualifications',
  name_and_contact: 'Their name and how to contact them',
  none: 'Nothing: their personal adviser contacts you',
};
export const WAGE_WORDS: Record<string, string> = {
  national_minimum_wage_for_apprentices: 'National Minimum Wage for apprentices',
  national_minimum_wage: 'National Minimum Wage',
  national_living_wage: 'National Living Wage',
  fixed: 'A fixed wage',
  unpaid: 'Unpaid',
  not_applicable: 'Not applicable',
};
export const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  sent_back: { text: 'Sent back: needs changes', classes: 'govuk-tag--red' },
  pending_approval: { text: 'Waiting for approval', classes: 'govuk-tag--yellow' },
  open: { text: 'Open', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
  filled: { text: 'Filled', classes: 'govuk-tag--blue' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};

const slug = (key: string) => key.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
const money = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0 })}`;
const orNot = (text: string | null | undefined, none = 'Not given') => (text ? text : none);

async function whereOf(offer: OpportunityView): Promise<string> {
  const place = offer.national ? 'National: available to all, wherever they live' : offer.remote ? 'Remote' : offer.districtId ? ((await listDistricts()).find((district) => String(district._id) === offer.districtId)?.name ?? 'A district') : 'Not given';
  return offer.locationDescription ? `${place}. ${offer.locationDescription}` : place;
}

function qualificationsOf(offer: OpportunityView): string {
  if (!offer.requiredQualifications.length) return 'None';
  return offer.requiredQualifications.map((q) => `${q.subject}, level ${q.level}${q.grade ? ` grade ${q.grade}` : ''} (${q.importance})`).join('\n');
}

/**
 * The whole offer as GOV.UK summary-list rows, each under the question that asks it; with `changeBase` each row
 * has a Change link to that question page (check your answers), otherwise it is read-only.
 */
export async function offerSummaryRows(offer: OpportunityView, options: { changeBase?: string } = {}) {
  const values: Record<string, [string, string][]> = {
    kind: [['Kind of offer', words(offer.kind)]],
    title: [['Title', offer.title]],
    description: [
      ['Short description', orNot(offer.description)],
      ['What they will do', orNot(offer.whatYouWillDo)],
      ['Skills and qualities', offer.skills.length ? offer.skills.join('\n') : 'None given'],
      ...(offer.kind === 'benefit' ? [['What the benefit is', orNot(offer.benefitType)] as [string, string]] : []),
    ],
    sector: [['Area of work', orNot(sectorName(offer.sector))]],
    areas: [['Covenant areas', offer.areas.map((area) => AREA_WORDS[area] ?? words(area)).join('\n') || 'Not given']],
    location: [['Where', await whereOf(offer)]],
    apprenticeship: [['Apprenticeship level', offer.level === null ? 'Not given' : `Level ${offer.level}`]],
    'hours-and-duration': [
      ['Weekly hours', offer.weeklyHours === null ? 'Not given' : `${offer.weeklyHours} hours a week`],
      ['Duration', offer.durationMonths === null ? 'Not given' : `${offer.durationMonths} months`],
    ],
    wage: [['Wage', offer.wageType ? `${WAGE_WORDS[offer.wageType] ?? words(offer.wageType)}${offer.yearlyWagePence !== null ? `: ${money(offer.yearlyWagePence)} a year` : ''}` : 'Not given']],
    qualifications: [['Qualifications', qualificationsOf(offer)]],
    places: [['Places', `${offer.places}${offer.placesFilled ? ` (${offer.placesFilled} filled)` : ''}`]],
    dates: [
      ['Closing date', offer.closingDate ? longDate(offer.closingDate) : 'Not given'],
      ['Start date', offer.startDate ? longDate(offer.startDate) : 'Not given'],
    ],
    sharing: [['What you need to know about a young person', SHARING_WORDS[offer.sharingNeeded] ?? words(offer.sharingNeeded)]],
  };
  return OFFER_QUESTIONS.filter((question) => question.appliesTo(offer.kind)).flatMap((question) =>
    (values[question.name] ?? []).map(([key, value]) => ({
      key: { text: key },
      value: { text: value, classes: 'app-pre-line' },
      ...(options.changeBase
        ? { actions: { items: [{ href: `${options.changeBase}/edit/${question.name}?check=1`, text: 'Change', visuallyHiddenText: key.toLowerCase(), attributes: { 'data-qa': `change-${slug(key)}` } }] } }
        : {}),
    })),
  );
}
