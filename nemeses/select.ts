/**
 * Choosing nodes for a fault, purely from a seeded RNG: a shuffle, and the target specs of the kill
 * and pause nemeses (`one`, `minority`, `majority`, `all`; `leader` is resolved when the op runs,
 * by asking the target).
 */
import { randInt, type Rng } from '../src/core/generators/index.js';

/** Node target specs. */
export const TARGET_SPECS = ['one', 'minority', 'majority', 'all', 'leader'] as const;
export type TargetSpec = (typeof TARGET_SPECS)[number];

/** A Fisher–Yates shuffle of `xs` and the next RNG. */
export function shuffle<T>(rng: Rng, xs: readonly T[]): [T[], Rng] {
  const out = [...xs];
  let r = rng;
  for (let i = out.length - 1; i > 0; i--) {
    let j: number;
    [j, r] = randInt(r, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return [out, r];
}

/** One element of `xs` at random. */
export function pickOne<T>(rng: Rng, xs: readonly T[]): [T, Rng] {
  const [i, r] = randInt(rng, 0, xs.length - 1);
  return [xs[i]!, r];
}

/** How many nodes a spec names in a cluster of `n` (leader: 1). */
export function specCount(spec: TargetSpec, n: number): number {
  switch (spec) {
    case 'one':
    case 'leader':
      return 1;
    case 'minority':
      return Math.max(1, Math.floor((n - 1) / 2));
    case 'majority':
      return Math.floor(n / 2) + 1;
    case 'all':
      return n;
  }
}

/**
 * `nodes` in a random order, those not in `down` first (each part shuffled): the first k of it are k
 * nodes drawn at random, nodes already held down by another fault only when there are too few others.
 */
function upFirst(rng: Rng, nodes: readonly string[], down: readonly string[] = []): [string[], Rng] {
  const [shuffled, r] = shuffle(rng, nodes);
  return [[...shuffled.filter((n) => !down.includes(n)), ...shuffled.filter((n) => down.includes(n))], r];
}

/**
 * The nodes a spec names, drawn at random (sorted by name), or undefined for `leader`; nodes in
 * `down` only when the spec needs more nodes than the others.
 */
export function drawNodes(rng: Rng, spec: TargetSpec, nodes: readonly string[], down: readonly string[] = []): [string[] | undefined, Rng] {
  if (spec === 'leader') return [undefined, rng];
  const [order, r] = upFirst(rng, nodes, down);
  return [order.slice(0, specCount(spec, nodes.length)).sort(), r];
}
