/** The Care Leaver Covenant's five outcome areas, as the Covenant names them. */
export const PLEDGE_NAMES: Record<string, string> = {
  independent_living: 'Independent living',
  education_employment_training: 'Education, employment and training',
  safety_security: 'Safety and security',
  health: 'Mental and physical health',
  finance: 'Finance',
};
