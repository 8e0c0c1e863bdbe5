/**
 * mulberry32: a small, fast seeded PRNG for the benchmarks' history generators (the same seed gives the
 * same history), where the generators' pure RNG of src/core would cost more than the history it draws.
 */

/** A function returning uniform floats in [0, 1), fixed by `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
