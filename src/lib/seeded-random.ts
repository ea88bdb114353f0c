/**
 * mulberry32: a tiny seeded generator, the same sequence on every machine. For synthetic data (demo, benchmarks,
 * property tests), never for anything secret: tokens and codes use node:crypto.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
