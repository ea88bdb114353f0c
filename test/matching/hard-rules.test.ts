import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/matching/evaluate.js';
import type { Evaluation, ExclusionCode, MatchableOpportunity, MatchableYoungPerson } from '../../src/matching/matching.types.js';
import { TODAY, buildOpportunity, buildYoungPerson, geography } from './matching-builders.js';

function outcomeOf(opportunity: Partial<MatchableOpportunity>, youngPerson: Partial<MatchableYoungPerson> = {}): Evaluation {
  return evaluate(buildYoungPerson(youngPerson), buildOpportunity(opportunity), geography, TODAY);
}

function exclusionsOf(opportunity: Partial<MatchableOpportunity>, youngPerson: Partial<MatchableYoungPerson> = {}): ExclusionCode[] {
  const result = outcomeOf(opportunity, youngPerson);
  return result.outcome === 'excluded' ? result.excludedBy : [];
}

describe('hard rules: each excludes exactly what it should and nothing else', () => {
  it('when nothing is wrong, then the default pair is a match', () => {
    expect(outcomeOf({}).outcome).toBe('match');
  });

  it.each(['draft', 'pending_approval', 'closed', 'filled', 'withdrawn'] as const)(
    'when the opportunity is %s, then it is excluded as not open, and only that',
    (status) => {
      expect(exclusionsOf({ status })).toEqual(['not_open']);
    },
  );

  it('when the closing date was yesterday, then it is excluded; closing today or with no closing date, it is not', () => {
    expect(exclusionsOf({ closingDate: '2025-06-01' })).toEqual(['closing_date_passed']);
    expect(outcomeOf({ closingDate: TODAY }).outcome).toBe('match');
    expect(outcomeOf({ closingDate: null }).outcome).toBe('match');
  });

  it('when every place is filled (or over-filled), then it is excluded; with one place left, it is not', () => {
    expect(exclusionsOf({ places: 3, placesFilled: 3 })).toEqual(['no_places_left']);
    expect(exclusionsOf({ places: 3, placesFilled: 4 })).toEqual(['no_places_left']);
    expect(outcomeOf({ places: 3, placesFilled: 2 }).outcome).toBe('match');
  });

  it('when the offer is for children in care only, then a care leaver is excluded and a child in care is not', () => {
    expect(exclusionsOf({ eligibleCareStatus: 'in_care' }, { careStatus: 'care_leaver' })).toEqual(['care_status_not_eligible']);
    expect(outcomeOf({ eligibleCareStatus: 'in_care' }, { careStatus: 'in_care' }).outcome).toBe('match');
  });

  it('when the offer is for care leavers only, then a child in care is excluded and a care leaver is not', () => {
    expect(exclusionsOf({ eligibleCareStatus: 'care_leaver' }, { careStatus: 'in_care' })).toEqual(['care_status_not_eligible']);
    expect(outcomeOf({ eligibleCareStatus: 'care_leaver' }, { careStatus: 'care_leaver' }).outcome).toBe('match');
  });

  it('when the opportunity is further than they will travel, then it is excluded; exactly at their limit, it is not', () => {
    expect(exclusionsOf({ districtId: 'B' }, { districtIds: ['A'], maxTravelKm: 11 })).toEqual(['too_far']);
    expect(outcomeOf({ districtId: 'B' }, { districtIds: ['A'], maxTravelKm: 12 }).outcome).toBe('match');
  });

  it('when one of their districts (not the home one) is close enough, then the opportunity reaches them', () => {
    expect(exclusionsOf({ districtId: 'C' }, { districtIds: ['A'], maxTravelKm: 30 })).toEqual(['too_far']);
    expect(outcomeOf({ districtId: 'C' }, { districtIds: ['A', 'B'], maxTravelKm: 30 }).outcome).toBe('match');
  });

  it('when the opportunity is remote, then distance does not matter, even with no district of their own', () => {
    expect(outcomeOf({ remote: true, districtId: 'C' }, { maxTravelKm: 1 }).outcome).toBe('match');
    expect(outcomeOf({ remote: true, districtId: null }, { districtIds: [] }).outcome).toBe('match');
  });

  it('when the opportunity has no district and is not remote, then it reaches nobody', () => {
    expect(exclusionsOf({ districtId: null, remote: false })).toEqual(['no_location']);
  });

  it('when a district is unknown to the geography, then it is out of reach, unless it is their own district', () => {
    expect(exclusionsOf({ districtId: 'Z' })).toEqual(['too_far']);
    expect(outcomeOf({ districtId: 'Z' }, { districtIds: ['Z'] }).outcome).toBe('match');
    expect(exclusionsOf({}, { districtIds: [] })).toEqual(['too_far']);
  });

  it.each([
    ['nothing', 'anonymous_profile', false],
    ['nothing', 'name_and_contact', false],
    ['anonymous_profile', 'name_and_contact', false],
    ['nothing', 'none', true],
    ['anonymous_profile', 'anonymous_profile', true],
    ['name_and_contact', 'anonymous_profile', true],
    ['name_and_contact', 'name_and_contact', true],
  ] as const)('when they agreed to share %s and the employer needs %s, then allowed is %s', (agreed, needed, allowed) => {
    const exclusions = exclusionsOf({ sharingNeeded: needed }, { employerSharing: agreed });
    expect(exclusions).toEqual(allowed ? [] : ['sharing_not_agreed']);
  });

  it('when several rules fail, then every failing rule is listed, in rule order', () => {
    const result = outcomeOf(
      { status: 'draft', placesFilled: 2, eligibleCareStatus: 'in_care', districtId: 'C', sharingNeeded: 'name_and_contact', maxAgeAtStart: 18 },
      { employerSharing: 'nothing' },
    );
    expect(result).toMatchObject({
      outcome: 'excluded',
      excludedBy: ['not_open', 'no_places_left', 'care_status_not_eligible', 'too_old_at_start', 'too_far', 'sharing_not_agreed'],
    });
  });
});
