/** The plain-English lines a personal adviser reads next to each match. Wording only: no rules here. */
import type { Sector } from '../opportunities/sectors.js';

export const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  agriculture_environmental_and_animal_care: 'agriculture, environmental and animal care',
  business_and_administration: 'business and administration',
  care_services: 'care services',
  catering_and_hospitality: 'catering and hospitality',
  construction_and_the_built_environment: 'construction and the built environment',
  creative_and_design: 'creative and design',
  digital: 'digital',
  education_and_early_years: 'education and early years',
  engineering_and_manufacturing: 'engineering and manufacturing',
  hair_and_beauty: 'hair and beauty',
  health_and_science: 'health and science',
  legal_finance_and_accounting: 'legal, finance and accounting',
  protective_services: 'protective services',
  sales_marketing_and_procurement: 'sales, marketing and procurement',
  transport_and_logistics: 'transport and logistics',
};

export function levelLabel(level: number): string {
  return level === 0 ? 'Entry Level' : `Level ${level}`;
}

export const explain = {
  sectorInterest: (sector: Sector) => `Interested in ${SECTOR_LABELS[sector]}`,
  sectorNotOfInterest: (sector: Sector) => `Not one of their stated interests (${SECTOR_LABELS[sector]})`,
  ringFenced: () => 'Ring-fenced for children in care and care leavers: offered to them before anyone else',
  qualificationMet: (subject: string, level: number) => `Has ${levelLabel(level)} ${subject}, as needed`,
  qualificationAbove: (subject: string, held: number, needed: number) =>
    `Has ${levelLabel(held)} ${subject}, above the ${levelLabel(needed)} needed`,
  noQualificationsNeeded: () => 'No qualifications needed',
  remote: () => 'Remote: no travel needed',
  distance: (nearestKm: number, maxTravelKm: number) =>
    nearestKm < 0.5
      ? `In one of their districts (they travel up to ${formatKm(maxTravelKm)})`
      : `About ${formatKm(nearestKm)} from their nearest district (they travel up to ${formatKm(maxTravelKm)})`,
  closingSoon: (daysLeft: number, closingDate: string) => `${closesIn(daysLeft)} (${closingDate}): refer soon`,
  qualificationMissing: (subject: string, level: number, held: number | undefined, awaitingCheck = false) =>
    `Needs ${levelLabel(level)} ${subject}: ` +
    (held === undefined ? (awaitingCheck ? 'holds no checked one' : `holds no ${subject} qualification`) : `holds ${levelLabel(held)}`) +
    (awaitingCheck ? '; they added one that would do, not yet checked: check it to count it' : ''),
  interestNotStated: (sector: Sector) =>
    `Has not said they are interested in ${SECTOR_LABELS[sector]}: ring-fenced places go to those who are, so ask them`,
};

function formatKm(km: number): string {
  return `${Math.round(km)} km`;
}

function closesIn(daysLeft: number): string {
  if (daysLeft <= 0) return 'Closes today';
  if (daysLeft === 1) return 'Closes tomorrow';
  return `Closes in ${daysLeft} days`;
}
