import { describe, expect, it } from 'vitest';
import { createDistrictGeography, haversineKm } from '../../src/matching/geography.js';

const LEICESTER = { id: 'E06000016', lat: 52.6369, lng: -1.1398 };
const NOTTINGHAM = { id: 'E06000018', lat: 52.9548, lng: -1.1581 };
const LONDON = { id: 'E09000001', lat: 51.5155, lng: -0.0922 };

describe('district geography', () => {
  it('when two centroids are given, then the distance is the great-circle distance in km', () => {
    expect(haversineKm(LEICESTER, NOTTINGHAM)).toBeCloseTo(35.4, 0);
    expect(haversineKm(LEICESTER, LONDON)).toBeCloseTo(144, 0);
  });

  it('when looked up either way, then the distance is the same, and 0 from a district to itself', () => {
    const geography = createDistrictGeography([LEICESTER, NOTTINGHAM, LONDON]);
    expect(geography.distanceKm(LEICESTER.id, NOTTINGHAM.id)).toBe(geography.distanceKm(NOTTINGHAM.id, LEICESTER.id));
    expect(geography.distanceKm(LEICESTER.id, NOTTINGHAM.id)).toBe(haversineKm(LEICESTER, NOTTINGHAM));
    expect(geography.distanceKm(LONDON.id, LONDON.id)).toBe(0);
  });

  it('when a district has no centroid, then it is infinitely far from others (but 0 from itself)', () => {
    const geography = createDistrictGeography([LEICESTER]);
    expect(geography.distanceKm(LEICESTER.id, 'E99999999')).toBe(Number.POSITIVE_INFINITY);
    expect(geography.distanceKm('E99999999', 'E99999999')).toBe(0);
  });

  it('when a district is given twice, then it is refused', () => {
    expect(() => createDistrictGeography([LEICESTER, LEICESTER])).toThrow(RangeError);
  });
});
