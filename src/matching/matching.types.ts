import type { LocalDate } from '../lib/dates.js';
import type { Sector } from '../opportunities/sectors.js';
import type { CareStatus } from '../young-people/ssda903.js';

/** What a young person agreed an employer may see, least first. */
export type EmployerSharing = 'nothing' | 'anonymous_profile' | 'name_and_contact';

/** A young person as the matching engine sees them; the data layer maps its records onto this. */
export interface MatchableYoungPerson {
  id: string;
  dateOfBirth: LocalDate;
  careStatus: CareStatus;
  /** Home district plus the districts where they would live or work. */
  districtIds: string[];
  maxTravelKm: number;
  interests: Sector[];
  /** `confirmed: false`: added by the young person and not yet checked by their PA (absent means checked). */
  qualifications: { subject: string; level: number; grade?: string; confirmed?: boolean }[];
  employerSharing: EmployerSharing;
}

export type OpportunityKind =
  | 'ring_fenced_apprenticeship'
  | 'apprenticeship'
  | 'job'
  | 'work_experience'
  | 'training'
  | 'mentoring'
  | 'benefit';

export type OpportunityStatus = 'draft' | 'pending_approval' | 'open' | 'closed' | 'filled' | 'withdrawn';

/** An opening (ring-fenced apprenticeship or covenant offer) as the matching engine sees it. */
export interface MatchableOpportunity {
  id: string;
  kind: OpportunityKind;
  title: string;
  sector: Sector | null;
  ringFenced: boolean;
  status: OpportunityStatus;
  /** Where the young person would travel to; null with remote: false reaches nobody (see matching.rules.ts). */
  districtId: string | null;
  /** Needs no travel (online, posted out): reaches every district. */
  remote: boolean;
  places: number;
  placesFilled: number;
  /** The last day a referral is accepted (inclusive). */
  closingDate: LocalDate | null;
  startDate: LocalDate | null;
  /** Whole years on the start date, inclusive. */
  minAgeAtStart: number | null;
  /** Whole years on the start date, inclusive: 24 means not yet 25. */
  maxAgeAtStart: number | null;
  eligibleCareStatus: CareStatus | 'both';
  /** Essential unless marked desirable: a desirable one only scores, it never excludes or makes a near miss. */
  requiredQualifications: { subject: string; level: number; importance?: 'essential' | 'desirable' }[];
  /** The least a young person must agree to share with the employer for a referral. */
  sharingNeeded: 'none' | 'anonymous_profile' | 'name_and_contact';
}

/** Road-free distances between district centroids; see createDistrictGeography. */
export interface DistrictGeography {
  distanceKm(fromDistrictId: string, toDistrictId: string): number;
}

/** Why a pair cannot be matched at all. */
export type ExclusionCode =
  | 'too_young_at_start'
  | 'too_old_at_start'
  | 'care_status_not_eligible'
  | 'not_open'
  | 'closing_date_passed'
  | 'no_places_left'
  | 'no_location'
  | 'too_far'
  | 'sharing_not_agreed'
  | 'qualifications_missing'
  | 'interest_not_stated';

export type ReasonCode =
  | 'sector_interest'
  | 'sector_not_of_interest'
  | 'ring_fenced'
  | 'qualification_met'
  | 'qualification_above'
  | 'no_qualifications_needed'
  | 'remote'
  | 'distance'
  | 'closing_within_7_days'
  | 'closing_within_14_days'
  | 'qualification_missing'
  | 'interest_not_stated';

/** One line of the explanation a personal adviser reads; the points add up to the score. */
export interface Reason {
  code: ReasonCode;
  points: number;
  text: string;
}

/** A required qualification the young person does not hold at the level needed. */
export interface MissingQualification {
  /** The subject's key in the vocabulary (subjectKey), e.g. 'maths'. */
  subject: string;
  level: number;
  /** Their best level in that subject, absent when they hold none. */
  heldLevel?: number;
  /**
   * True when a qualification they added themselves, not yet checked by their PA, would meet it: a place that
   * counts only checked qualifications (ring-fenced) waits for the PA's check, not for a new qualification.
   */
  awaitingCheck?: boolean;
}

/** A match, or a near miss (exactly one requirement unmet, a qualification or a ring-fenced place's interest; every hard rule passed). */
export interface MatchResult {
  outcome: 'match' | 'near_miss';
  youngPersonId: string;
  opportunityId: string;
  score: number;
  closingDate: LocalDate | null;
  /** Highest points first; for a near miss the missing item comes last with 0 points. */
  reasons: Reason[];
  /** Required qualifications not held: empty for a match; at most one for a near miss. */
  missing: MissingQualification[];
  /** A ring-fenced place's area of work they have not said they are interested in (a near miss), else null. */
  missingInterest: Sector | null;
}

export interface Exclusion {
  outcome: 'excluded';
  youngPersonId: string;
  opportunityId: string;
  /** Every rule that failed, in rule order. */
  excludedBy: ExclusionCode[];
  /** Required qualifications not held, whether or not they caused the exclusion. */
  missing: MissingQualification[];
}

export type Evaluation = MatchResult | Exclusion;

export interface MatchOptions {
  /** How many matches and, separately, how many near misses to return; all when absent. */
  limit?: number;
}

export interface MatchList {
  matches: MatchResult[];
  nearMisses: MatchResult[];
}
