import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOperations, kvModel, kvModelUnpartitioned, type KvInput, type Model, type Operation } from '../../src/porcupine/index.js';
import { stringHash } from '../../src/porcupine/models/string-hash.js';
import { kvSpec, linearizableByBruteForce } from '../support/reference-models.js';

type Op = Operation<KvInput, string | undefined>;
/** The same model without its compiled fast path. */
const plainKv = { ...kvModel, compile: undefined };
/** The expected verdict, from the kv semantics written again in test/support (not the model's step). */
const bruteForce = (ops: Op[]): boolean => linearizableByBruteForce(kvSpec, ops);

// Two different strings of equal length and equal polynomial hash (found by a birthday search).
const COLLIDING = ['jiy2rc', 'lz0j1z'] as const;

const piece = fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'aab', ...COLLIDING);
const output = fc.option(fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'aab', 'abab', 'aba', 'bab', ...COLLIDING, COLLIDING[0] + 'a', COLLIDING[1] + 'a'), { nil: undefined });
const randomOp = fc
  .record({
    key: fc.constantFrom('x', 'y'),
    kind: fc.constantFrom('get', 'put', 'append'),
    value: piece,
    output,
    call: fc.nat(40),
    length: fc.nat(20),
    info: fc.boolean(),
  })
  .map((r): Op => {
    const input: KvInput = r.kind === 'get' ? { op: 'get', key: r.key } : { op: r.kind as 'put' | 'append', key: r.key, value: r.value };
    const info = r.info && r.kind !== 'get';
    return { input, call: r.call, output: r.kind === 'get' ? r.output : undefined, return: info ? Infinity : r.call + r.length };
  });

describe('kv model, compiled fast path', () => {
  it('the test strings collide', () => {
    expect(stringHash(COLLIDING[0])).toBe(stringHash(COLLIDING[1]));
    expect(COLLIDING[0].length).toBe(COLLIDING[1].length);
  });

  it('tells colliding values apart', () => {
    const h = (input: KvInput, output: string | undefined, call: number, ret: number): Op => ({ input, output, call, return: ret });
    for (const [a, b] of [COLLIDING, [COLLIDING[1], COLLIDING[0]]]) {
      const put = h({ op: 'put', key: 'k', value: a }, undefined, 0, 1);
      expect(checkOperations(kvModel, [put, h({ op: 'get', key: 'k' }, b, 2, 3)])).toBe('illegal');
      expect(checkOperations(kvModel, [put, h({ op: 'get', key: 'k' }, a, 2, 3)])).toBe('ok');
      // both values as states of one partition, reached by put and by append
      const ops = [put, h({ op: 'put', key: 'k', value: '' }, undefined, 2, 3), h({ op: 'append', key: 'k', value: b }, undefined, 4, 5)];
      expect(checkOperations(kvModel, [...ops, h({ op: 'get', key: 'k' }, b, 6, 7)])).toBe('ok');
      expect(checkOperations(kvModel, [...ops, h({ op: 'get', key: 'k' }, a, 6, 7)])).toBe('illegal');
    }
  });

  it('abandons a get that can no longer match only when no put can come before it', () => {
    const h = (input: KvInput, output: string | undefined, call: number, ret: number): Op => ({ input, output, call, return: ret });
    const append = h({ op: 'append', key: 'k', value: 'a' }, undefined, 0, 1);
    const get = h({ op: 'get', key: 'k' }, 'b', 2, 5);
    // the put is called before, at, or after the get's return (equal times overlap)
    for (const [call, want] of [[4, 'ok'], [5, 'ok'], [6, 'illegal']] as const) {
      const ops = [append, get, h({ op: 'put', key: 'k', value: 'b' }, undefined, call, 9)];
      expect(checkOperations(kvModel, ops)).toBe(want);
      expect(checkOperations(plainKv, ops)).toBe(want);
      // a put that timed out (open to the end) behaves the same
      const open = [append, get, h({ op: 'put', key: 'k', value: 'b' }, undefined, call, Infinity)];
      expect(checkOperations(kvModel, open)).toBe(want);
    }
    // a longer value is never a prefix of a shorter output; an equal-length different one neither
    const longer = [h({ op: 'put', key: 'k', value: 'abc' }, undefined, 0, 1), h({ op: 'append', key: 'k', value: 'd' }, undefined, 2, 9), h({ op: 'get', key: 'k' }, 'ab', 3, 4)];
    expect(checkOperations(kvModel, longer)).toBe('illegal');
    const grows = [h({ op: 'put', key: 'k', value: 'ab' }, undefined, 0, 1), h({ op: 'append', key: 'k', value: 'c' }, undefined, 2, 9), h({ op: 'get', key: 'k' }, 'abc', 3, 4)];
    expect(checkOperations(kvModel, grows)).toBe('ok');
  });

  it('agrees with the uncompiled model and a brute-force search on small random histories', () => {
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 8 }), (ops) => {
        const want = bruteForce(ops) ? 'ok' : 'illegal';
        expect(checkOperations(plainKv, ops)).toBe(want);
        expect(checkOperations(kvModel, ops)).toBe(want);
      }),
      { numRuns: 4000 },
    );
  });

  it('the unpartitioned model agrees with a brute-force search too', () => {
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 7 }), (ops) => {
        expect(checkOperations(kvModelUnpartitioned as Model<unknown, KvInput, string | undefined>, ops)).toBe(bruteForce(ops) ? 'ok' : 'illegal');
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the uncompiled model on larger random histories', () => {
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 40 }), (ops) => {
        expect(checkOperations(kvModel, ops, { maxSteps: 200_000 })).toBe(checkOperations(plainKv, ops, { maxSteps: 200_000 }));
      }),
      { numRuns: 600 },
    );
  });
});
