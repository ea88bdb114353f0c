import { longDate } from '../../lib/pages/nunjucks.js';
import type { OpportunityView } from '../../opportunities/opportunities.schemas.js';
import { CARE_STATUS_WORDS, sectorName, SHARING_WORDS, WAGE_WORDS } from '../../opportunities/pages/offer-summary.js';

/** Every field an author fills in, in the order the offer reads, with the words a reviewer sees. */
const LABELS: [field: string, label: string][] = [
  ['title', 'Title'],
  ['kind', 'Kind of offer'],
  ['providerName', 'Provided by'],
  ['description', 'Short description'],
  ['whatYouWillDo', 'What you will do'],
  ['skills', 'Skills and qualities'],
  ['areas', 'Covenant areas'],
  ['sector', 'Area of work'],
  ['level', 'Apprenticeship level'],
  ['national', 'Available across England'],
  ['districtId', 'District'],
  ['remote', 'Remote'],
  ['locationDescription', 'Where'],
  ['places', 'Places'],
  ['closingDate', 'Closing date'],
  ['startDate', 'Start date'],
  ['durationMonths', 'Duration'],
  ['weeklyHours', 'Hours a week'],
  ['wageType', 'Wage'],
  ['yearlyWagePence', 'Yearly wage'],
  ['minAgeAtStart', 'Youngest age at start'],
  ['maxAgeAtStart', 'Oldest age at start'],
  ['eligibleCareStatus', 'Who can apply'],
  ['requiredQualifications', 'Qualifications'],
  ['sharingNeeded', 'What the young person must agree to share'],
  ['benefitType', 'Benefit'],
];

const AREA_NAMES: Record<string, string> = {
  independent_living: 'Independent living',
  education_employment_training: 'Education, employment and training',
  safety_security: 'Safety and security',
  mental_physical_health: 'Mental and physical health',
  finance: 'Finance',
};

const humanise = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replaceAll('_', ' ');
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

type Qualification = { subject: string; level: number; grade?: string | null; importance?: string };

/** One field's value as words; "Not given" for an empty one. */
export function fieldText(field: string, value: unknown, districtNames: Map<string, string>): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return 'Not given';
  switch (field) {
    case 'closingDate':
    case 'startDate':
      return longDate(value);
    case 'yearlyWagePence':
      return pounds.format(Number(value) / 100);
    case 'durationMonths':
      return `${String(value)} months`;
    case 'level':
      return `Level ${String(value)}`;
    case 'districtId':
      return districtNames.get(String(value)) ?? 'Unknown district';
    case 'national':
    case 'remote':
      return value ? 'Yes' : 'No';
    case 'requiredQualifications':
      return (value as Qualification[]).map((q) => `${q.subject} at level ${q.level}${q.grade ? ` (grade ${q.grade})` : ''}, ${q.importance ?? 'essential'}`).join('; ');
    case 'sector':
      return sectorName(String(value));
    case 'eligibleCareStatus':
      return CARE_STATUS_WORDS[String(value)] ?? humanise(String(value));
    case 'wageType':
      return WAGE_WORDS[String(value)] ?? humanise(String(value));
    case 'sharingNeeded':
      return SHARING_WORDS[String(value)] ?? humanise(String(value));
    case 'kind':
      return humanise(String(value));
    case 'areas':
      return (value as string[]).map((area) => AREA_NAMES[area] ?? humanise(area)).join('; ');
    case 'skills':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

export interface OfferRow {
  field: string;
  label: string;
  text: string;
  changed: boolean;
  /** Its value when the offer was sent back, for a changed field. */
  before: string | null;
}

/** The whole offer as summary-list rows, marking what changed since a send-back and what it was. */
export function offerRows(offer: OpportunityView, before: Record<string, unknown>, districtNames: Map<string, string>): OfferRow[] {
  const changed = new Set(offer.changedSinceSendBack ?? []);
  const values = offer as unknown as Record<string, unknown>;
  return LABELS.map(([field, label]) => ({
    field,
    label,
    text: fieldText(field, values[field], districtNames),
    changed: changed.has(field),
    before: changed.has(field) ? fieldText(field, before[field], districtNames) : null,
  }));
}

/** The labels of the changed fields, for the "what changed" summary. */
export const labelOf = (field: string) => LABELS.find(([name]) => name === field)?.[1] ?? humanise(field);
