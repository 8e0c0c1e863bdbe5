/**
 * Histories of serial executions against one copy of the state (what a perfectly consistent store
 * would give), for property tests: ops one after the other, each invoke followed by its completion;
 * adds and increments that end `info` took effect or not as drawn; reads return the state (a set's
 * elements in a drawn order); after the ops, a heal and a final read of every key from every node.
 */
import fc from 'fast-check';
import type { Op } from '../../../src/core/op.js';

/** One step of the execution. */
export interface Step {
  read: boolean;
  thread: number;
  key: 'a' | 'b';
  outcome: 'ok' | 'fail' | 'info';
  /** For an `info` update: whether it took effect. */
  applied: boolean;
  /** For an increment: the amount. */
  amount: number;
  /** For a read of a set: a seed for the order of the elements it returns. */
  order: number;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  read: fc.boolean(),
  thread: fc.integer({ min: 0, max: 3 }),
  key: fc.constantFrom('a' as const, 'b' as const),
  outcome: fc.constantFrom('ok' as const, 'ok' as const, 'ok' as const, 'fail' as const, 'info' as const),
  applied: fc.boolean(),
  amount: fc.integer({ min: 1, max: 5 }),
  order: fc.nat(),
});

const NODES = ['n1', 'n2', 'n3'];

/** A permutation of `xs` drawn from `seed`. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed | 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    const j = (s >>> 8) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The history of `steps` run serially on a set (`add`) or counter (`incr`) store. */
export function serialHistory(steps: readonly Step[], kind: 'set' | 'counter'): Op[] {
  const ops: Op[] = [];
  const state = { a: [] as number[], b: [] as number[] };
  const count = { a: 0, b: 0 };
  const process = [0, 1, 2, 3];
  let next = 1;
  const push = (op: Omit<Op, 'index' | 'time'>) => ops.push({ index: ops.length, time: (ops.length + 1) * 1000, ...op } as Op);
  const run = (s: Step, final = false) => {
    const p = process[s.thread]!;
    const node = NODES[s.thread % 3]!;
    if (s.read) {
      push({ process: p, type: 'invoke', f: 'read', value: null, key: s.key, node });
      const value = kind === 'set' ? shuffled(state[s.key], s.order) : count[s.key];
      push({ process: p, type: 'ok', f: 'read', value, key: s.key, node });
      return;
    }
    if (final) return;
    const f = kind === 'set' ? 'add' : 'incr';
    const value = kind === 'set' ? next++ : s.amount;
    push({ process: p, type: 'invoke', f, value, key: s.key, node });
    if (s.outcome === 'ok' || (s.outcome === 'info' && s.applied)) {
      if (kind === 'set') state[s.key].push(value);
      else count[s.key] += value;
    }
    push({ process: p, type: s.outcome, f, value, key: s.key, node, ...(s.outcome === 'ok' ? {} : { error: 'x' }) });
    if (s.outcome === 'info') process[s.thread] = p + 4;
  };
  steps.forEach((s) => run(s));
  push({ process: 'nemesis', type: 'invoke', f: 'stop-partition', value: null });
  push({ process: 'nemesis', type: 'ok', f: 'stop-partition', value: null });
  for (const key of ['a', 'b'] as const) for (const thread of [0, 1, 2]) run({ read: true, thread, key, outcome: 'ok', applied: true, amount: 1, order: thread }, true);
  return ops;
}
