/**
 * Pure randomness for generators.
 *
 * An `Rng` is the frozen state of a xoroshiro128+ generator (pure-rand). Drawing from it never
 * mutates it: every draw returns the value and the next `Rng`, which the generator stores inside its
 * own (immutable) value. So re-asking a generator that was not advanced gives the same answer, and
 * the same seed always gives the same op sequence. There is no module-level state and no Math.random.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import type { GenTest } from '../generator.js';

/** Immutable RNG state. */
export type Rng = readonly number[];

/** The RNG for `seed` (any finite number; non-integers are truncated). */
export function rngFromSeed(seed: number): Rng {
  return xoroshiro128plus(seed | 0).getState();
}

/** Runs `draw` on a mutable copy of `rng`; returns the result and the advanced state. */
export function withRng<T>(rng: Rng, draw: (g: JumpableRandomGenerator) => T): [T, Rng] {
  const g = xoroshiro128plusFromState(rng);
  const value = draw(g);
  return [value, g.getState()];
}

/** A uniform integer in [lo, hi] and the next RNG. */
export function randInt(rng: Rng, lo: number, hi: number): [number, Rng] {
  return withRng(rng, (g) => uniformInt(g, lo, hi));
}

/** A uniform float in [0, 1) and the next RNG. */
export function randFloat(rng: Rng): [number, Rng] {
  return withRng(rng, (g) => uniformFloat64(g));
}

/**
 * Mixes a salt into a seed (a 32-bit integer hash), so that sibling generators seeded from the same
 * run seed draw independent streams.
 */
export function deriveSeed(seed: number, salt: number | string): number {
  let h = (seed | 0) ^ 0x9e3779b9;
  const s = typeof salt === 'number' ? String(salt) : salt;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A copy of `test` whose seed is derived from its own and `salt` (for child generators). */
export function childTest(test: GenTest, salt: number | string): GenTest {
  return { ...test, seed: deriveSeed(test.seed ?? 0, salt) };
}

/**
 * The RNG a random combinator starts from: its explicit `seed` option if given, else the run's seed
 * (`test.seed`, default 0) mixed with the combinator's name.
 */
export function initialRng(test: GenTest, explicitSeed: number | undefined, name: string): Rng {
  return rngFromSeed(explicitSeed ?? deriveSeed(test.seed ?? 0, name));
}
