/**
 * Exact replay, on a simulated clock: the generator a real run uses (`buildGenerator`: the register
 * workload beside the nemesis schedule, paced, bounded by the time limit) makes the same choices for
 * the same seed however long ops take and whichever ops end `info` — each client thread issues the
 * same ops (f, value, key) in the same order, and the nemesis the same ops (f, value: mode, grudge,
 * targets, nodes) — and other choices for another seed. Timing only decides how far each sequence
 * gets. Threads are compared, not process ids: after an `info` a thread continues as a new process,
 * which is an outcome.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Completion, Op } from '../../src/core/op.js';
import { buildGenerator, resolveParts } from '../../src/runner/plan.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';

const CONCURRENCY = 6;

function options(seed: number, extra: Record<string, unknown> = {}) {
  return runOptionsSchema.parse({
    target: 'raft-kv',
    workload: 'register',
    nemesis: ['partition', 'kill', 'pause', 'clock', 'packet'],
    nemesisOpts: { settle: '0' },
    nodes: 3,
    concurrency: CONCURRENCY,
    timeLimit: 20,
    nemesisInterval: 1,
    seed,
    rate: 0,
    opTimeout: 5,
    ...extra,
  });
}

/** A cheap deterministic hash of an op, to vary latency and outcome per op without Math.random. */
const hash = (op: Op, salt: number) => {
  let h = (op.index * 2654435761 + salt * 40503) >>> 0;
  h ^= h >>> 13;
  return Math.imul(h, 0x5bd1e995) >>> 0;
};

interface Timing {
  latency(op: Op): number;
  complete(op: Op): Completion;
}

const timings: Record<string, Timing> = {
  even: { latency: () => 10_000_000, complete: () => ({ type: 'ok' }) },
  uneven: {
    // Some threads far slower than others, varying per op, and 1 op in 9 indeterminate.
    latency: (op) => (op.process === 'nemesis' ? 50_000_000 : 500_000 + (hash(op, 1) % 20_000_000) * (1 + (Number(op.process) % 3))),
    complete: (op) => (op.process !== 'nemesis' && hash(op, 2) % 9 === 0 ? { type: 'info', error: 'timeout' } : { type: 'ok' }),
  },
};

/**
 * Each client thread's invokes as `f key value`, and the nemesis's invokes in the load phase (the
 * schedule; after it comes the final heal, whose ops are fixed but follow a prefix timing cut) as `f value`.
 */
function choices(seed: number, t: Timing, extra: Record<string, unknown> = {}) {
  const o = options(seed, extra);
  const history = simulate(buildGenerator(o, resolveParts(o)), {
    concurrency: CONCURRENCY,
    nemesis: true,
    seed,
    nodes: ['n1', 'n2', 'n3'],
    latency: t.latency,
    complete: t.complete,
    maxOps: 20_000,
  });
  const threads: string[][] = Array.from({ length: CONCURRENCY }, () => []);
  const nemesis: string[] = [];
  for (const op of history) {
    if (op.type !== 'invoke') continue;
    if (op.process === 'nemesis') {
      if (op.time < o.timeLimit * 1e9) nemesis.push(`${op.f} ${JSON.stringify(op.value)}`);
    }
    else threads[Number(op.process) % CONCURRENCY]!.push(`${op.f} ${op.key} ${JSON.stringify(op.value)}`);
  }
  return { threads, nemesis };
}

/** Asserts the common prefix of a and b is equal and at least `min` long; returns its length. */
function samePrefix(a: readonly string[], b: readonly string[], min: number, what: string): number {
  const n = Math.min(a.length, b.length);
  expect(n, `${what}: too short to compare`).toBeGreaterThanOrEqual(min);
  expect(b.slice(0, n), what).toEqual(a.slice(0, n));
  return n;
}

describe('the choices a run makes are fixed by its seed, not by timing', () => {
  it('each thread issues the same ops, and the nemesis the same faults, however long ops take', () => {
    const a = choices(7, timings.even!);
    const b = choices(7, timings.uneven!);
    for (let t = 0; t < CONCURRENCY; t++) samePrefix(a.threads[t]!, b.threads[t]!, 50, `thread ${t}`);
    samePrefix(a.nemesis, b.nemesis, 8, 'nemesis');
    // Both runs moved through several keys per thread, and wrote values (not only reads).
    expect(new Set(b.threads[0]!.map((s) => s.split(' ')[1])).size).toBeGreaterThan(1);
    expect(b.threads.flat().some((s) => s.startsWith('write '))).toBe(true);
  });

  it('also when the load is paced (--rate) and bounded by --op-limit', () => {
    const extra = { rate: 400, opLimit: 1500 };
    const a = choices(3, timings.even!, extra);
    const b = choices(3, timings.uneven!, extra);
    for (let t = 0; t < CONCURRENCY; t++) samePrefix(a.threads[t]!, b.threads[t]!, 20, `thread ${t}`);
    samePrefix(a.nemesis, b.nemesis, 8, 'nemesis');
  });

  it('another seed makes other choices', () => {
    const a = choices(7, timings.even!);
    const c = choices(8, timings.even!);
    for (let t = 0; t < CONCURRENCY; t++) expect(c.threads[t]!.slice(0, 20)).not.toEqual(a.threads[t]!.slice(0, 20));
    expect(c.nemesis.slice(0, 8)).not.toEqual(a.nemesis.slice(0, 8));
  });
});
