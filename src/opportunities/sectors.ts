/**
 * Areas of work, used both for a young person's interests and an opportunity's sector.
 * Source: the 15 occupational routes GOV.UK uses to group apprenticeship standards
 * (Institute for Apprenticeships and Technical Education), so councils' and employers'
 * vacancies map onto them without translation.
 */
export const SECTORS = [
  'agriculture_environmental_and_animal_care',
  'business_and_administration',
  'care_services',
  'catering_and_hospitality',
  'construction_and_the_built_environment',
  'creative_and_design',
  'digital',
  'education_and_early_years',
  'engineering_and_manufacturing',
  'hair_and_beauty',
  'health_and_science',
  'legal_finance_and_accounting',
  'protective_services',
  'sales_marketing_and_procurement',
  'transport_and_logistics',
] as const;

export type Sector = (typeof SECTORS)[number];

/** Qualification levels on the Regulated Qualifications Framework (1 = GCSE grades 3-1, 2 = GCSE 9-4, 3 = A level, 4-8 higher). Entry level is 0. */
export const QUALIFICATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** Apprenticeship levels as GOV.UK vacancies carry them: 2 intermediate, 3 advanced, 4 higher, 6 degree (5 and 7 exist too). */
export const APPRENTICESHIP_LEVELS = [2, 3, 4, 5, 6, 7] as const;

// Subjects are compared through one vocabulary: src/qualifications/subject-vocabulary.ts.
