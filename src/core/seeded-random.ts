/**
 * A tiny seeded uniform [0, 1) generator (mulberry32) for mutable, imperative code that needs
 * repeatable randomness from the run's seed (link proxies, simulations). Generators use the pure RNG
 * in src/core/generators/random.ts instead.
 */

/** Returns a function drawing uniform numbers in [0, 1), determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
