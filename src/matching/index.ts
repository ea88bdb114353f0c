/** The matching engine's public surface: pure functions, no I/O, `today` always a parameter. */
export type * from './matching.types.js';
export { evaluate } from './evaluate.js';
export { matchOpportunitiesForYoungPerson, rankCandidatesForOpportunity } from './matching.js';
export { buildOpportunityIndex, matchWithIndex, type OpportunityIndex } from './opportunity-index.js';
export { buildYoungPersonIndex, candidatesWithIndex, type YoungPersonIndex } from './young-person-index.js';
export { createDistrictGeography, haversineKm, type DistrictCentroid } from './geography.js';
export { compareRanked } from './ordering.js';
export { EXCLUSION_RULES } from './matching.rules.js';
