/**
 * The sequential consistency search: literal histories that are sequentially consistent but not
 * linearizable and the reverse case of a process contradicting itself, timeouts and budgets, and
 * agreement with a brute-force enumeration of every interleaving of the processes on small random
 * histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  casRegisterModel,
  checkOperations,
  checkSequential,
  checkSequentialVerbose,
  type CasRegisterInput,
  type CasRegisterOutput,
  type Operation,
} from '../../src/porcupine/index.js';
import { casRegisterSpec, type Registers } from '../support/reference-models.js';

type Op = Operation<CasRegisterInput, CasRegisterOutput>;
const op = (clientId: number, input: CasRegisterInput, output: CasRegisterOutput, call: number, ret: number): Op => ({ clientId, input, output, call, return: ret });
const w = (v: number, key?: string): CasRegisterInput => ({ op: 'write', value: v, ...(key ? { key } : {}) });
const r = (key?: string): CasRegisterInput => ({ op: 'read', ...(key ? { key } : {}) });

describe('sequential consistency search', () => {
  it('accepts a read of the old value after another process’s write completed: not linearizable, sequentially consistent', () => {
    const h = [op(0, w(1), null, 0, 1), op(1, r(), null, 2, 3)];
    expect(checkOperations(casRegisterModel, h)).toBe('illegal');
    expect(checkSequential(casRegisterModel, h)).toBe('ok');
    const v = checkSequentialVerbose(casRegisterModel, h);
    expect(v.partitions[0].longest).toEqual({ ops: [1, 0], states: ['absent', '1'] });
  });

  it('accepts a linearizable partition through its linearization, which respects process order', () => {
    const h = [op(0, w(1), null, 0, 1), op(1, r(), 1, 2, 3), op(0, w(2), null, 4, 5)];
    const v = checkSequentialVerbose(casRegisterModel, h);
    expect(v.result).toBe('ok');
    expect(v.partitions[0].longest).toEqual({ ops: [0, 1, 2], states: ['1', '1', '2'] });
    expect(v.partitions[0].next).toEqual([]);
  });

  it('refuses a process reading the initial value after its own write, and reports where it got stuck', () => {
    const h = [op(0, w(1), null, 0, 1), op(0, r(), null, 2, 3), op(1, w(2), null, 0, 10)];
    const v = checkSequentialVerbose(casRegisterModel, h);
    expect(v.result).toBe('illegal');
    const p = v.partitions[0];
    expect(p.result).toBe('illegal');
    expect(p.ops).toEqual([0, 1, 2]);
    expect(p.descriptions).toEqual(['write(1)', 'read() -> null', 'write(2)']);
    // The deepest order found places both writes; process 0's read of null cannot follow.
    expect(p.longest.ops).toHaveLength(2);
    expect(p.next).toEqual([1]);
  });

  it('orders reads that go back and forth between two writes only if the processes agree', () => {
    // p2 sees 1 then 2, p3 sees 2 then 1: no single order of the writes explains both.
    const h = [op(0, w(1), null, 0, 1), op(1, w(2), null, 0, 1), op(2, r(), 1, 2, 3), op(2, r(), 2, 4, 5), op(3, r(), 2, 2, 3), op(3, r(), 1, 4, 5)];
    expect(checkSequential(casRegisterModel, h)).toBe('illegal');
    expect(checkSequential(casRegisterModel, h.slice(0, 5))).toBe('ok');
  });

  it('places an op with unknown outcome anywhere after its process’s earlier ops, or never', () => {
    const info = (v: number): Op => ({ clientId: 0, input: w(v), output: undefined, call: 0, return: Infinity });
    expect(checkSequential(casRegisterModel, [info(1), op(1, r(), 1, 5, 6), op(1, r(), null, 7, 8)])).toBe('illegal');
    expect(checkSequential(casRegisterModel, [info(1), op(1, r(), null, 5, 6), op(1, r(), 1, 7, 8)])).toBe('ok');
    expect(checkSequential(casRegisterModel, [info(1), op(1, r(), null, 5, 6)])).toBe('ok');
  });

  it('checks keys apart: each key of the classic two-process history is ordered, though the whole is not', () => {
    // p0: w(x,1) r(y)=null; p1: w(y,1) r(x)=null — every key alone is sequentially consistent.
    const h = [op(0, w(1, 'x'), null, 0, 1), op(0, r('y'), null, 2, 3), op(1, w(1, 'y'), null, 0, 1), op(1, r('x'), null, 2, 3)];
    const v = checkSequentialVerbose(casRegisterModel, h);
    expect(v.result).toBe('ok');
    expect(v.partitions.map((p) => p.result)).toEqual(['ok', 'ok']);
  });

  it('gives up as unknown when the step budget runs out, and decides every partition when asked to', () => {
    const many: Op[] = [];
    for (let c = 0; c < 6; c++) for (let i = 0; i < 6; i++) many.push(op(c, w(c * 10 + i), null, i * 2, i * 2 + 1));
    many.push(op(9, r(), 99, 0, 1));
    expect(checkSequential(casRegisterModel, many, { maxSteps: 50 })).toBe('unknown');
    const two = [op(0, w(1, 'a'), null, 0, 1), op(0, r('a'), null, 2, 3), op(1, w(1, 'b'), null, 0, 1), op(1, r('b'), null, 2, 3)];
    expect(checkSequentialVerbose(casRegisterModel, two).partitions.map((p) => p.result)).toEqual(['illegal', 'unknown']);
    expect(checkSequentialVerbose(casRegisterModel, two, { all: true }).partitions.map((p) => p.result)).toEqual(['illegal', 'illegal']);
  });
});

/**
 * Tries every interleaving of the processes' ops in their call order. Exponential: small only. With
 * `last` (op indices that are final reads), only orders of the form the search must find count:
 * required and unknown-outcome ops, then the final reads, then unknown-outcome ops only.
 */
function bruteForce(ops: Op[], last: ReadonlySet<number> = new Set()): boolean {
  const stageOf = (o: Op): 'last' | 'loose' | 'required' => (last.has(ops.indexOf(o)) ? 'last' : last.size > 0 && o.return === Infinity ? 'loose' : 'required');
  const byProcess = new Map<number, Op[]>();
  for (const o of ops) byProcess.set(o.clientId!, [...(byProcess.get(o.clientId!) ?? []), o]);
  const lists = [...byProcess.values()].map((l) => l.sort((a, b) => a.call - b.call));
  const at = lists.map(() => 0);
  const go = (state: Registers, placed: number, stage: number): boolean => {
    if (placed === ops.length) return true;
    for (let k = 0; k < lists.length; k++) {
      if (at[k] === lists[k].length) continue;
      const o = lists[k][at[k]];
      const kind = stageOf(o);
      // 0: before the final reads, 1: among them, 2: after them.
      const to = kind === 'last' ? 1 : kind === 'required' ? 0 : stage === 0 ? 0 : 2;
      if ((kind === 'required' && stage > 0) || (kind === 'last' && stage === 2)) continue;
      // The reference specification, not the model under test: a bug in the model's step cannot hide here.
      const next = casRegisterSpec.apply(state, o.input, o.output);
      if (next === undefined) continue;
      at[k]++;
      if (go(next, placed + 1, Math.max(stage, to))) return true;
      at[k]--;
    }
    return false;
  };
  return go(casRegisterSpec.init, 0, 0);
}

describe('sequential consistency search properties', () => {
  it('agrees with a brute-force search on small random histories', () => {
    const value = fc.integer({ min: 0, max: 2 });
    const input: fc.Arbitrary<CasRegisterInput> = fc.oneof(
      fc.constant({ op: 'read' as const }),
      value.map((v) => ({ op: 'write' as const, value: v })),
      fc.tuple(value, value).map(([from, to]) => ({ op: 'cas' as const, from, to })),
    );
    const randomOp = fc.record({ client: fc.nat(2), input, read: fc.option(value, { nil: null }), swapped: fc.boolean(), info: fc.boolean() });
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 8 }), (plan) => {
        // Each process's ops one after the other; a timed-out op ends its process.
        const done = new Set<number>();
        const ops: Op[] = [];
        plan.forEach((p, i) => {
          if (done.has(p.client)) return;
          const info = p.info && p.input.op !== 'read';
          if (info) done.add(p.client);
          const output = info ? undefined : p.input.op === 'read' ? p.read : p.input.op === 'cas' ? p.swapped : null;
          ops.push({ clientId: p.client, input: p.input, output, call: i * 2, return: info ? Infinity : i * 2 + 1 });
        });
        expect(checkSequential(casRegisterModel, ops)).toBe(bruteForce(ops) ? 'ok' : 'illegal');
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with a brute-force search when some reads are final reads (kept after the rest)', () => {
    const value = fc.integer({ min: 0, max: 2 });
    const input: fc.Arbitrary<CasRegisterInput> = fc.oneof(fc.constant({ op: 'read' as const }), value.map((v) => ({ op: 'write' as const, value: v })));
    const randomOp = fc.record({ client: fc.nat(3), input, read: fc.option(value, { nil: null }), info: fc.boolean(), last: fc.boolean() });
    fc.assert(
      fc.property(fc.array(randomOp, { maxLength: 9 }), (plan) => {
        const done = new Set<number>();
        const ops: Op[] = [];
        const last = new Set<number>();
        plan.forEach((p, i) => {
          if (done.has(p.client)) return;
          const info = p.info && p.input.op !== 'read';
          if (info) done.add(p.client);
          if (p.last && p.input.op === 'read') last.add(ops.length);
          ops.push({ clientId: p.client, input: p.input, output: info ? undefined : p.input.op === 'read' ? p.read : null, call: i * 2, return: info ? Infinity : i * 2 + 1 });
        });
        const got = checkSequentialVerbose(casRegisterModel, ops, { isLast: (i) => last.has(i) }).result;
        expect(got).toBe(bruteForce(ops, last) ? 'ok' : 'illegal');
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects a serial run in which a read returns its own process’s overwritten write', () => {
    const plan = fc.array(fc.record({ client: fc.nat(3), write: fc.boolean() }), { minLength: 3, maxLength: 60 });
    fc.assert(
      fc.property(plan, fc.nat(), (steps, seed) => {
        let state: number | null = null;
        const ops: Op[] = steps.map((s, i) => {
          if (s.write) state = i;
          return op(s.client, s.write ? w(i) : r(), s.write ? null : state, i * 3, i * 3 + 1);
        });
        // Reads after two writes by their own process; make one return the first of those writes.
        const cases = ops
          .map((o, i) => [o, i] as const)
          .filter(([o, i]) => o.input.op === 'read' && ops.filter((x, j) => j < i && x.clientId === o.clientId && x.input.op === 'write').length >= 2);
        fc.pre(cases.length > 0);
        const [read, i] = cases[seed % cases.length];
        const first = ops.find((x, j) => j < i && x.clientId === read.clientId && x.input.op === 'write')!;
        ops[i] = { ...read, output: (first.input as { value: number }).value };
        expect(checkSequential(casRegisterModel, ops)).toBe('illegal');
      }),
    );
  });

  it('accepts every history of a serial run of the model, whatever the processes’ clocks say', () => {
    const plan = fc.array(fc.record({ client: fc.nat(3), write: fc.boolean() }), { maxLength: 60 });
    const offsets = fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(plan, offsets, (steps, offset) => {
        let state: number | null = null;
        const ops: Op[] = steps.map((s, i) => {
          if (s.write) state = i;
          // Each process's ops keep their order; between processes the times say anything.
          const t = i * 3 + offset[s.client];
          return op(s.client, s.write ? w(i) : r(), s.write ? null : state, t, t + 1);
        });
        expect(checkSequential(casRegisterModel, ops)).toBe('ok');
      }),
    );
  });
});
