/**
 * The prefixes every search records (search.ts: per operation, the longest linearizable prefix found
 * that contains it), checked against test/support/reference-models.ts, which enumerates every prefix
 * of a small history without the engine or its models:
 * - the verbose check explores the whole tree, so per operation the longest prefix it records is as
 *   long as the longest one that exists, and each is a linearizable prefix containing the operation;
 * - the explained check records them during the verdict's own search: for cas-register (no pruning
 *   beyond the read-only one, which keeps lengths) they are as long; for the compiled kv model, whose
 *   `never` pruning cuts dead configurations early, each is still a linearizable prefix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  casRegisterModel,
  checkOperationsExplained,
  checkOperationsVerbose,
  kvModel,
  type CasRegisterInput,
  type CasRegisterOutput,
  type KvInput,
  type Model,
  type Operation,
  type PartialLinearization,
} from '../../src/porcupine/index.js';
import { casRegisterSpec, isLinearizablePrefix, kvSpec, longestPrefixesByBruteForce, type Spec, type TimedOp } from '../support/reference-models.js';

/** Random windows, close together so that many ops overlap (many orders, many dead ends). */
const window = fc.record({ call: fc.nat(8), length: fc.nat(10) });

const value = fc.integer({ min: 0, max: 2 });
const casOp: fc.Arbitrary<Operation<CasRegisterInput, CasRegisterOutput>> = fc
  .tuple(
    fc.oneof(
      fc.constant({ op: 'read' as const }),
      value.map((v) => ({ op: 'write' as const, value: v })),
      fc.tuple(value, value).map(([from, to]) => ({ op: 'cas' as const, from, to })),
    ),
    window,
    fc.option(value, { nil: null }),
    fc.boolean(),
  )
  .map(([input, w, read, swapped]) => ({
    input,
    call: w.call,
    output: input.op === 'read' ? read : input.op === 'cas' ? swapped : null,
    return: w.call + w.length,
  }));

const kvOp: fc.Arbitrary<Operation<KvInput, string>> = fc
  .tuple(fc.constantFrom('get', 'put', 'append'), fc.constantFrom('a', 'b'), window, fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'aa'))
  .map(([op, v, w, read]) => ({
    input: op === 'get' ? { op: 'get', key: 'k' } : { op: op as 'put' | 'append', key: 'k', value: v },
    call: w.call,
    output: op === 'get' ? read : '',
    return: w.call + w.length,
  }));

/** Per history index, the length of the longest recorded prefix containing it. */
function recordedLongest(n: number, prefixes: PartialLinearization[]): number[] {
  const best = new Array<number>(n).fill(0);
  for (const p of prefixes) for (const i of p.ops) best[i] = Math.max(best[i], p.ops.length);
  return best;
}

function expectValidPrefixes<I, O>(spec: Spec<unknown, I, O>, ops: TimedOp<I, O>[], prefixes: PartialLinearization[]): void {
  for (const p of prefixes) {
    expect(p.ops.length).toBeGreaterThan(0);
    expect(p.states).toHaveLength(p.ops.length);
    expect(isLinearizablePrefix(spec, ops, p.ops)).toBe(true);
  }
}

const asSpec = <S, I, O>(spec: Spec<S, I, O>) => spec as unknown as Spec<unknown, I, O>;

/** The prefixes are linearizable and, per op, as long as the longest linearizable prefix that contains it. */
function expectLongest<S, I, O>(spec: Spec<S, I, O>, ops: TimedOp<I, O>[], prefixes: PartialLinearization[]): void {
  expectValidPrefixes(asSpec(spec), ops, prefixes);
  expect(recordedLongest(ops.length, prefixes)).toEqual(longestPrefixesByBruteForce(spec, ops));
}

describe('the prefixes a search records', () => {
  it('cas-register, verbose check: per op as long as the longest linearizable prefix that contains it', () => {
    fc.assert(
      fc.property(fc.array(casOp, { minLength: 1, maxLength: 7 }), (ops) => {
        const { info } = checkOperationsVerbose(casRegisterModel, ops);
        expectLongest(casRegisterSpec, ops, info.partitions[0].partialLinearizations);
      }),
      { numRuns: 500 },
    );
  });

  it('cas-register, explained check: an illegal history comes with the same longest prefixes', () => {
    fc.assert(
      fc.property(fc.array(casOp, { minLength: 1, maxLength: 7 }), (ops) => {
        const r = checkOperationsExplained(casRegisterModel, ops, { explainTimeoutMs: 0 });
        fc.pre(r.result === 'illegal');
        expectLongest(casRegisterSpec, ops, r.partitions[0].info!.partialLinearizations);
      }),
      { numRuns: 500 },
    );
  });

  it('kv: the verbose check finds the longest; the pruned search of the explained check records linearizable prefixes no longer', () => {
    fc.assert(
      fc.property(fc.array(kvOp, { minLength: 1, maxLength: 7 }), (ops) => {
        expectLongest(kvSpec, ops, checkOperationsVerbose(kvModel as Model<unknown, KvInput, string>, ops).info.partitions[0].partialLinearizations);
        const r = checkOperationsExplained(kvModel as Model<unknown, KvInput, string>, ops, { explainTimeoutMs: 0 });
        fc.pre(r.result === 'illegal');
        const pruned = r.partitions[0].info!.partialLinearizations;
        expectValidPrefixes(asSpec(kvSpec), ops, pruned);
        const want = longestPrefixesByBruteForce(kvSpec, ops);
        recordedLongest(ops.length, pruned).forEach((n, i) => expect(n).toBeLessThanOrEqual(want[i]));
      }),
      { numRuns: 500 },
    );
  });
});
