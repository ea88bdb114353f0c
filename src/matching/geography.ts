import type { DistrictGeography } from './matching.types.js';

/** A district's centre (WGS84 degrees), e.g. from the ONS local authority district centroids. */
export interface DistrictCentroid {
  id: string;
  lat: number;
  lng: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;

/** Great-circle distance in km: straight-line, so a little under real travel distance. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLng = (b.lng - a.lng) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distances between district centroids, all computed once into a matrix (300 districts: 90,000
 * numbers, under a megabyte), so a lookup is two map reads and an array read.
 * A district is 0 km from itself (even one with no centroid); any other unknown district is
 * infinitely far, so it reaches nothing rather than everything.
 */
export function createDistrictGeography(centroids: readonly DistrictCentroid[]): DistrictGeography {
  const count = centroids.length;
  const indexById = new Map<string, number>();
  centroids.forEach((centroid, index) => {
    if (indexById.has(centroid.id)) throw new RangeError(`Duplicate district centroid: ${centroid.id}`);
    indexById.set(centroid.id, index);
  });
  const matrix = new Float64Array(count * count);
  for (let i = 0; i < count; i += 1) {
    for (let j = i + 1; j < count; j += 1) {
      const km = haversineKm(centroids[i]!, centroids[j]!);
      matrix[i * count + j] = km;
      matrix[j * count + i] = km;
    }
  }
  return {
    distanceKm(fromDistrictId: string, toDistrictId: string): number {
      if (fromDistrictId === toDistrictId) return 0;
      const from = indexById.get(fromDistrictId);
      const to = indexById.get(toDistrictId);
      if (from === undefined || to === undefined) return Number.POSITIVE_INFINITY;
      return matrix[from * count + to]!;
    },
  };
}
