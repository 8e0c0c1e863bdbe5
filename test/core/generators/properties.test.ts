/**
 * Properties of generators over random compositions of combinators, on the simulated clock.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Generator } from '../../../src/core/generator.js';
import { pairOps, type Op } from '../../../src/core/op.js';
import {
  eachProcess, fromArbitrary, limit, mix, onClients, phases, repeat, simulate, stagger, timeLimit,
} from '../../../src/core/generators/index.js';

type Tree =
  | { kind: 'leaf'; f: string }
  | { kind: 'values' }
  | { kind: 'stagger'; ns: number; child: Tree }
  | { kind: 'limit'; n: number; child: Tree }
  | { kind: 'each'; child: Tree }
  | { kind: 'clients'; child: Tree }
  | { kind: 'mix'; children: Tree[] }
  | { kind: 'phases'; children: Tree[] };

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('leaf' as const), f: fc.constantFrom('r', 'w') }),
    fc.record({ kind: fc.constant('values' as const) }),
    fc.record({ kind: fc.constant('stagger' as const), ns: fc.integer({ min: 1, max: 1000 }), child: tie('tree') }),
    fc.record({ kind: fc.constant('limit' as const), n: fc.nat(30), child: tie('tree') }),
    fc.record({ kind: fc.constant('each' as const), child: tie('tree') }),
    fc.record({ kind: fc.constant('clients' as const), child: tie('tree') }),
    fc.record({ kind: fc.constant('mix' as const), children: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('phases' as const), children: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
  ),
}));

function build(t: Tree): Generator {
  switch (t.kind) {
    case 'leaf': return repeat({ f: t.f });
    case 'values': return fromArbitrary(fc.integer({ min: 0, max: 9 }), 'write');
    case 'stagger': return stagger(t.ns / 1e9, build(t.child));
    case 'limit': return limit(t.n, build(t.child));
    case 'each': return eachProcess(build(t.child));
    case 'clients': return onClients(build(t.child));
    case 'mix': return mix(t.children.map(build));
    case 'phases': return phases(...t.children.map(build));
  }
}

const setup = fc.record({
  tree,
  concurrency: fc.integer({ min: 1, max: 4 }),
  nemesis: fc.boolean(),
  seed: fc.integer(),
  latency: fc.integer({ min: 0, max: 500 }),
  infoEvery: fc.integer({ min: 2, max: 7 }),
});

type Setup = { tree: Tree; concurrency: number; nemesis: boolean; seed: number; latency: number; infoEvery: number };

const run = (s: Setup, g: Generator = build(s.tree)) =>
  simulate(g, {
    concurrency: s.concurrency, nemesis: s.nemesis, seed: s.seed, maxOps: 150,
    latency: (op) => (op.index * 37) % (s.latency + 1),
    complete: (op) => ({ type: op.index % s.infoEvery === 0 ? 'info' : 'ok' }),
  });

describe('generator properties', () => {
  it('the same seed gives the identical history', () => {
    fc.assert(fc.property(setup, (s) => {
      expect(run(s)).toEqual(run(s));
    }), { numRuns: 150 });
  });

  it('a process never has two ops in flight, and every invoke completes', () => {
    fc.assert(fc.property(setup, (s) => {
      const h: Op[] = run(s);
      const pairs = pairOps(h);
      expect(pairs.every((p) => p.complete !== undefined)).toBe(true);
      for (const p of pairs) expect(p.complete!.index).toBeGreaterThan(p.invoke.index);
    }), { numRuns: 150 });
  });

  it('timeLimit never emits an op at or past the limit', () => {
    fc.assert(fc.property(setup, fc.integer({ min: 1, max: 5000 }), (s, limitNs) => {
      const h = run(s, timeLimit(limitNs / 1e9, build(s.tree)));
      for (const op of h) if (op.type === 'invoke') expect(op.time).toBeLessThan(limitNs);
    }), { numRuns: 150 });
  });

  it('limit(n) over an endless generator emits exactly n ops', () => {
    fc.assert(fc.property(setup, fc.nat(100), (s, n) => {
      const endless = eachProcess(stagger(1e-7, mix([repeat({ f: 'r' }), fromArbitrary(fc.nat(), 'w')])));
      const h = run(s, limit(n, endless));
      expect(h.filter((o) => o.type === 'invoke')).toHaveLength(n);
    }), { numRuns: 100 });
  });
});
