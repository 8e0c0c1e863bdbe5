/**
 * `mix(gens)`: each op comes from one of `gens` chosen at random (uniformly, or by `weights`), as in
 * Jepsen. The choice is made after every emitted op, so a chosen generator that is pending keeps the
 * turn; an exhausted one is dropped and another chosen; the mix ends when all are exhausted. Updates
 * are not forwarded (as in Jepsen), so mix plain op sources, not barriers. Each child sees a run seed
 * of its own, so two random children never draw the same stream.
 */
import { PENDING, type GenContext, type GenStep, type GenTest, type Generator } from '../generator.js';
import { gen, exhausted, type GenLike } from './lift.js';
import { childTest, initialRng, randFloat, randInt, type Rng } from './random.js';
import { positive } from './validate.js';

/** Options of `mix`. */
export interface MixOptions {
  /** Relative weight of each generator (default: all 1). */
  weights?: readonly number[];
  /** Seed of the choice RNG (default: derived from the run's seed). */
  seed?: number;
}

interface Child {
  g: Generator;
  salt: number;
  weight: number;
}

/** A random choice among `gens` for every op. */
export function mix(gens: readonly GenLike[], options: MixOptions = {}): Generator {
  if (!Array.isArray(gens)) throw new TypeError(`mix: expected an array of generators, got ${String(gens)}`);
  const { weights } = options;
  if (weights !== undefined && weights.length !== gens.length) {
    throw new RangeError(`mix: weights must have one entry per generator (${gens.length}), got ${weights.length}`);
  }
  weights?.forEach((w) => positive('mix', 'weight', w));
  if (gens.length === 0) return exhausted;
  const children = gens.map((g, i) => ({ g: gen(g), salt: i, weight: weights?.[i] ?? 1 }));
  return mixing(children, -1, null, options.seed);
}

/** Picks an index by weight; returns it and the next RNG. */
function pick(children: readonly Child[], rng: Rng): [number, Rng] {
  const total = children.reduce((s, c) => s + c.weight, 0);
  if (children.every((c) => c.weight === 1)) return randInt(rng, 0, children.length - 1);
  const [u, next] = randFloat(rng);
  let x = u * total;
  for (let i = 0; i < children.length; i++) {
    x -= children[i]!.weight;
    if (x < 0) return [i, next];
  }
  return [children.length - 1, next];
}

/** `i` is the chosen child (-1: choose now); `rng` null until first asked. */
function mixing(children: readonly Child[], i: number, rng: Rng | null, seed: number | undefined): Generator {
  const self: Generator = {
    op(test: GenTest, ctx: GenContext): GenStep {
      let cs = children;
      let r = rng ?? initialRng(test, seed, 'mix');
      let at = i;
      while (cs.length > 0) {
        if (at < 0) [at, r] = pick(cs, r);
        const c = cs[at]!;
        const step = c.g.op(childTest(test, c.salt), ctx);
        if (step === null) {
          cs = cs.filter((_, j) => j !== at);
          at = -1;
          continue;
        }
        const next = cs.map((x, j) => (j === at ? { ...x, g: step.gen } : x));
        return step.op === PENDING
          ? { op: PENDING, gen: mixing(next, at, r, seed) }
          : { op: step.op, gen: mixing(next, -1, r, seed) };
      }
      return null;
    },
    update: () => self,
  };
  return self;
}
