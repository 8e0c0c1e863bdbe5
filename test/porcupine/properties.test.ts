import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations, type CasRegisterInput, type CasRegisterOutput, type Operation } from '../../src/porcupine/index.js';

type Op = Operation<CasRegisterInput, CasRegisterOutput>;
const value = fc.integer({ min: 0, max: 3 });
const input: fc.Arbitrary<CasRegisterInput> = fc.oneof(
  fc.constant({ op: 'read' as const }),
  value.map((v) => ({ op: 'write' as const, value: v })),
  fc.tuple(value, value).map(([from, to]) => ({ op: 'cas' as const, from, to })),
);
/** One planned op: what it does, how far its window reaches either side, whether it times out. */
const planned = fc.record({ input, before: fc.nat(25), after: fc.nat(25), info: fc.boolean(), applied: fc.boolean() });

/**
 * Runs the ops through the model one after another (op i takes effect at time 10·i) and gives each
 * a call/return window around that point. A timed-out op returns at Infinity and may or may not
 * have taken effect.
 */
function sequentialHistory(plan: { input: CasRegisterInput; before: number; after: number; info: boolean; applied: boolean }[]): Op[] {
  let state: number | null = null;
  const ops: Op[] = [];
  plan.forEach((p, i) => {
    const point = 10 * i;
    const info = p.info && p.input.op !== 'read';
    let output: CasRegisterOutput;
    if (!info || p.applied) {
      const [, next] = casRegisterModel.step(state, p.input, undefined);
      output = p.input.op === 'read' ? state : p.input.op === 'cas' ? state === p.input.from : null;
      state = next as number | null;
    }
    ops.push({ input: p.input, call: point - p.before, output: info ? undefined : output, return: info ? Infinity : point + p.after });
  });
  return ops;
}

/** The final value of the sequential run (ignoring timed-out ops that did not apply). */
function finalState(ops: Op[]): number | null {
  let state: number | null = null;
  for (const o of ops) if (o.return !== Infinity || o.output !== undefined) state = casRegisterModel.step(state, o.input, undefined)[1] as number | null;
  return state;
}

/** Tries every order that respects real time. Exponential: small histories only. */
function bruteForce(ops: Op[]): boolean {
  const used = new Array<boolean>(ops.length).fill(false);
  const go = (state: number | null, placed: number): boolean => {
    if (placed === ops.length) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      // i may go next only if no other unplaced op returned before i was called
      if (ops.some((o, j) => !used[j] && j !== i && o.return < ops[i].call)) continue;
      const [ok, next] = casRegisterModel.step(state, ops[i].input, ops[i].output);
      if (!ok) continue;
      used[i] = true;
      if (go(next as number | null, placed + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return go(null, 0);
}

describe('porcupine properties', () => {
  it('a history made by running the model sequentially, with random overlapping windows, is linearizable', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 60 }), (plan) => {
        expect(checkOperations(casRegisterModel, sequentialHistory(plan))).toBe('ok');
      }),
    );
  });

  it('the same history with a stale read after a final write is not', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 60 }), (plan) => {
        const ops = sequentialHistory(plan);
        const stale = finalState(ops);
        // A timed-out write of the stale value could legally land after the final write: skip those.
        fc.pre(!ops.some((o) => o.return === Infinity && (o.input.op === 'write' ? o.input.value === stale : o.input.op === 'cas' && o.input.to === stale)));
        const end = Math.max(0, ...ops.filter((o) => o.return !== Infinity).map((o) => o.return));
        ops.push({ input: { op: 'write', value: 99 }, call: end + 1, output: null, return: end + 2 });
        ops.push({ input: { op: 'read' }, call: end + 3, output: 99, return: end + 4 });
        expect(checkOperations(casRegisterModel, ops)).toBe('ok');
        ops[ops.length - 1] = { ...ops[ops.length - 1], output: stale };
        expect(checkOperations(casRegisterModel, ops)).toBe('illegal');
      }),
    );
  });

  it('agrees with a brute-force search on small random histories', () => {
    const randomOp = fc
      .record({
        input,
        call: fc.nat(40),
        length: fc.nat(20),
        info: fc.boolean(),
        read: fc.option(value, { nil: null }),
        swapped: fc.boolean(),
      })
      .map((r): Op => {
        const info = r.info && r.input.op !== 'read';
        const output = info ? undefined : r.input.op === 'read' ? r.read : r.input.op === 'cas' ? r.swapped : null;
        return { input: r.input, call: r.call, output, return: info ? Infinity : r.call + r.length };
      });
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 7 }), (ops) => {
        expect(checkOperations(casRegisterModel, ops)).toBe(bruteForce(ops) ? 'ok' : 'illegal');
      }),
      { numRuns: 500 },
    );
  });
});
