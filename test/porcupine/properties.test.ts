/**
 * Properties of the porcupine search with the register models. The expected verdicts come from
 * test/support/reference-models.ts, which states the register semantics again without importing
 * the models, so a bug in a model's `step` shows up as a disagreement instead of being shared by the
 * code under test and its reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  casRegisterModel,
  checkOperations,
  registerModel,
  type CasRegisterInput,
  type CasRegisterOutput,
  type Operation,
  type RegisterInput,
} from '../../src/porcupine/index.js';
import { casRegisterSpec, get, linearizableByBruteForce, registerSpec, runSequentially } from '../support/reference-models.js';

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
 * Runs the ops through the reference one after another (op i takes effect at time 10·i) and gives
 * each a call/return window around that point. A timed-out op returns at Infinity and may or may
 * not have taken effect.
 */
function sequentialHistory(plan: { input: CasRegisterInput; before: number; after: number; info: boolean; applied: boolean }[]): Op[] {
  let state = casRegisterSpec.init;
  const ops: Op[] = [];
  plan.forEach((p, i) => {
    const point = 10 * i;
    const info = p.info && p.input.op !== 'read';
    let output: CasRegisterOutput;
    if (!info || p.applied) {
      const current = get(state, undefined);
      output = p.input.op === 'read' ? current : p.input.op === 'cas' ? current === p.input.from : null;
      state = casRegisterSpec.apply(state, p.input, output)!;
    }
    ops.push({ input: p.input, call: point - p.before, output: info ? undefined : output, return: info ? Infinity : point + p.after });
  });
  return ops;
}

/** The final value of the sequential run of the ops that did not time out. */
function finalState(ops: Op[]): number | null {
  const done = ops.filter((o) => o.return !== Infinity || o.output !== undefined).map((o) => o.input);
  return get(runSequentially(casRegisterSpec, done), undefined) as number | null;
}

/** Small random histories, each op on key `x` or on no key, read values and cas outcomes at random. */
function randomOps<I extends { op: string }>(inputs: fc.Arbitrary<I>, maxLength: number): fc.Arbitrary<Operation<I, CasRegisterOutput>[]> {
  const keyed = fc.tuple(inputs, fc.constantFrom(undefined, 'x')).map(([i, key]) => (key === undefined ? i : { ...i, key }));
  const op = fc
    .record({ input: keyed, call: fc.nat(40), length: fc.nat(20), info: fc.boolean(), read: fc.option(value, { nil: null }), swapped: fc.boolean() })
    .map((r): Operation<I, CasRegisterOutput> => {
      const info = r.info && r.input.op !== 'read';
      const output = info ? undefined : r.input.op === 'read' ? r.read : r.input.op === 'cas' ? r.swapped : null;
      return { input: r.input, call: r.call, output, return: info ? Infinity : r.call + r.length };
    });
  return fc.array(op, { maxLength });
}

describe('porcupine properties', () => {
  it('a history made by running the reference sequentially, with random overlapping windows, is linearizable', () => {
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

  it('cas-register agrees with a brute-force search over the reference on small random histories', () => {
    fc.assert(
      fc.property(randomOps(input, 7), (ops) => {
        expect(checkOperations(casRegisterModel, ops)).toBe(linearizableByBruteForce(casRegisterSpec, ops) ? 'ok' : 'illegal');
      }),
      { numRuns: 500 },
    );
  });

  it('register agrees with a brute-force search over the reference on small random histories', () => {
    const rw: fc.Arbitrary<RegisterInput> = fc.oneof(fc.constant({ op: 'read' as const }), value.map((v) => ({ op: 'write' as const, value: v })));
    fc.assert(
      fc.property(randomOps(rw, 7), (ops) => {
        const plain = ops as Operation<RegisterInput, number | null | undefined>[];
        expect(checkOperations(registerModel, plain)).toBe(linearizableByBruteForce(registerSpec, plain) ? 'ok' : 'illegal');
      }),
      { numRuns: 500 },
    );
  });
});
