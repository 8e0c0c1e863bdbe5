/**
 * `fromArbitrary(arb, toOp)`: an endless stream of ops whose values are drawn from a fast-check
 * arbitrary, seeded by the run's seed (or `options.seed`). The RNG state travels inside the generator
 * value, so the same seed gives the same values, and a value is drawn only when a thread is free to
 * take the op. Bound it with `limit`, `timeLimit`, … as usual.
 */
import { Random, type Arbitrary } from 'fast-check';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { PENDING, type Generator } from '../generator.js';
import { someFreeProcess } from './context.js';
import { fillIn, type OpSpec } from './lift.js';
import { initialRng, type Rng } from './random.js';
import { isFunction } from './validate.js';

/** Options of `fromArbitrary`. */
export interface FromArbitraryOptions {
  /** Seed of the value RNG (default: derived from the run's seed). */
  seed?: number;
  /** fast-check bias factor (default: none, i.e. unbiased draws). */
  biasFactor?: number;
}

/**
 * Ops built from values of `arb`: `toOp` is the op's `f` (the value becomes the op's value) or a
 * function from the value to an op template.
 */
export function fromArbitrary<T>(arb: Arbitrary<T>, toOp: string | ((value: T) => OpSpec), options: FromArbitraryOptions = {}): Generator {
  if (typeof arb !== 'object' || arb === null || typeof (arb as Arbitrary<T>).generate !== 'function') {
    throw new TypeError(`fromArbitrary: arb must be a fast-check arbitrary, got ${String(arb)}`);
  }
  if (typeof toOp !== 'string') isFunction('fromArbitrary', 'toOp', toOp);
  const build = typeof toOp === 'string' ? (value: T): OpSpec => ({ f: toOp, value }) : toOp;
  return drawing(arb, build, options, null);
}

/** The value drawn from `arb` with `rng`, and the next RNG. */
export function drawValue<T>(arb: Arbitrary<T>, rng: Rng, biasFactor?: number): [T, Rng] {
  const random = new Random(xoroshiro128plusFromState(rng));
  const value = arb.generate(random, biasFactor).value;
  return [value, random.getState() ?? rng];
}

function drawing<T>(arb: Arbitrary<T>, build: (value: T) => OpSpec, o: FromArbitraryOptions, rng: Rng | null): Generator {
  const self: Generator = {
    op(test, ctx) {
      if (someFreeProcess(ctx) === undefined) return { op: PENDING, gen: self };
      const [value, next] = drawValue(arb, rng ?? initialRng(test, o.seed, 'fromArbitrary'), o.biasFactor);
      return { op: fillIn(build(value), ctx)!, gen: drawing(arb, build, o, next) };
    },
    update: () => self,
  };
  return self;
}
