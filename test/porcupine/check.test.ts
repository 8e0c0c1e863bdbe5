import { describe, expect, it } from 'vitest';
import {
  casRegisterModel,
  checkEvents,
  checkEventsVerbose,
  checkOperations,
  checkOperationsVerbose,
  fillDefaults,
  kvModelUnpartitioned,
  queueModel,
  registerModel,
  setModel,
  type Event,
  type Model,
  type Operation,
} from '../../src/porcupine/index.js';

const op = <I, O>(input: I, call: number, output: O, ret: number): Operation<I, O> => ({ input, call, output, return: ret });

describe('fillDefaults', () => {
  it('names the model when step is missing', () => {
    const broken = { name: 'my-model', init: () => 0, equal: (a: number, b: number) => a === b } as unknown as Model;
    expect(() => fillDefaults(broken)).toThrow(/model "my-model" has no step function/);
    expect(() => checkOperations(broken, [])).toThrow(/my-model/);
  });
  it('fills partition, hash and descriptions', () => {
    const m = fillDefaults({ init: () => 0, step: (s: number) => [true, s] as const, equal: (a, b) => a === b });
    expect(m.partition([op(1, 0, 2, 1)])).toHaveLength(1);
    expect(m.hash(3)).toBe('3');
    expect(m.describeOperation(1, 2)).toBe('1 -> 2');
  });
});

describe('register', () => {
  it('accepts a read concurrent with the write it sees', () => {
    const h = [op({ op: 'write' as const, value: 1 }, 0, null, 10), op({ op: 'read' as const }, 5, 1, 15)];
    expect(checkOperations(registerModel, h)).toBe('ok');
  });
  it('rejects a read of a value overwritten before it was called', () => {
    const h = [
      op({ op: 'write' as const, value: 1 }, 0, null, 1),
      op({ op: 'write' as const, value: 2 }, 2, null, 3),
      op({ op: 'read' as const }, 4, 1, 5),
    ];
    expect(checkOperations(registerModel, h)).toBe('illegal');
  });
  it('lets an op with unknown outcome take effect late, or never', () => {
    const w = op({ op: 'write' as const, value: 7 }, 0, undefined, Infinity);
    expect(checkOperations(registerModel, [w, op({ op: 'read' as const }, 5, null, 6), op({ op: 'read' as const }, 7, 7, 8)])).toBe('ok');
    expect(checkOperations(registerModel, [w, op({ op: 'read' as const }, 5, 7, 6), op({ op: 'read' as const }, 7, null, 8)])).toBe('illegal');
  });
  it('partitions by key: a bad key makes the whole history illegal', () => {
    const good = op({ op: 'write' as const, key: 'a', value: 1 }, 0, null, 1);
    const bad = op({ op: 'read' as const, key: 'b' }, 2, 5, 3);
    expect(checkOperations(registerModel, [good])).toBe('ok');
    expect(checkOperations(registerModel, [good, bad])).toBe('illegal');
  });
});

describe('cas-register (etcd style)', () => {
  it('a failed compare observes that the register differs from `from`', () => {
    const w = op({ op: 'write' as const, value: 1 }, 0, null, 1);
    expect(checkOperations(casRegisterModel, [w, op({ op: 'cas' as const, from: 2, to: 3 }, 2, false, 3)])).toBe('ok');
    expect(checkOperations(casRegisterModel, [w, op({ op: 'cas' as const, from: 1, to: 3 }, 2, false, 3)])).toBe('illegal');
    expect(checkOperations(casRegisterModel, [w, op({ op: 'cas' as const, from: 1, to: 3 }, 2, true, 3), op({ op: 'read' as const }, 4, 3, 5)])).toBe('ok');
  });
});

describe('set and queue', () => {
  it('set reads must show exactly the added elements', () => {
    const add = op({ op: 'add' as const, value: 1 }, 0, undefined, 1);
    expect(checkOperations(setModel, [add, op({ op: 'read' as const }, 2, [1], 3)])).toBe('ok');
    expect(checkOperations(setModel, [add, op({ op: 'read' as const }, 2, [], 3)])).toBe('illegal');
  });
  it('queue dequeues in FIFO order', () => {
    const e1 = op({ op: 'enqueue' as const, value: 1 }, 0, undefined, 1);
    const e2 = op({ op: 'enqueue' as const, value: 2 }, 2, undefined, 3);
    expect(checkOperations(queueModel, [e1, e2, op({ op: 'dequeue' as const }, 4, 1, 5)])).toBe('ok');
    expect(checkOperations(queueModel, [e1, e2, op({ op: 'dequeue' as const }, 4, 2, 5)])).toBe('illegal');
    expect(checkOperations(queueModel, [op({ op: 'dequeue' as const }, 0, null, 1), e1])).toBe('ok');
  });
});

describe('events', () => {
  const call = (id: number, value: unknown): Event => ({ kind: 'call', id, value });
  const ret = (id: number, value: unknown): Event => ({ kind: 'return', id, value });
  it('checks ordered call/return events', () => {
    const ok = [call(0, { op: 'write', value: 1 }), call(1, { op: 'read' }), ret(1, 1), ret(0, null)];
    const bad = [call(0, { op: 'write', value: 1 }), ret(0, null), call(1, { op: 'read' }), ret(1, null)];
    expect(checkEvents(registerModel as Model, ok)).toBe('ok');
    expect(checkEvents(registerModel as Model, bad)).toBe('illegal');
    expect(checkEventsVerbose(registerModel as Model, bad).info.partitions[0].ops).toEqual([0, 2]);
  });
  it('rejects a return with no call', () => {
    expect(() => checkEvents(registerModel as Model, [ret(3, null)])).toThrow(/return for id 3 with no call/);
  });
});

describe('verbose', () => {
  it('reports the complete linearization of a linearizable partition', () => {
    const h = [op({ op: 'write' as const, value: 1 }, 0, null, 10), op({ op: 'read' as const }, 5, 1, 15)];
    const { result, info } = checkOperationsVerbose(registerModel, h);
    expect(result).toBe('ok');
    expect(info.partitions[0].partialLinearizations[0]).toEqual({ ops: [0, 1], states: ['1', '1'] });
    expect(info.partitions[0].descriptions).toEqual(['write(1)', 'read() -> 1']);
  });
  it('reports the longest prefixes of an illegal partition', () => {
    const h = [
      op({ op: 'write' as const, value: 1 }, 0, null, 1),
      op({ op: 'write' as const, value: 2 }, 2, null, 3),
      op({ op: 'read' as const }, 4, 1, 5),
    ];
    const { result, info } = checkOperationsVerbose(registerModel, h);
    expect(result).toBe('illegal');
    expect(info.partitions[0].result).toBe('illegal');
    expect(info.partitions[0].partialLinearizations[0].ops).toEqual([0, 1]);
  });
});

describe('budgets', () => {
  // 9 concurrent appends to 3 keys, then reads that no order explains: hard without partitioning.
  const hard: Operation[] = [];
  for (let i = 0; i < 9; i++) hard.push(op({ op: 'append', key: String(i % 3), value: `x${i}` }, i, undefined, 100));
  hard.push(op({ op: 'get', key: '0' }, 101, 'nonsense', 102));
  it('a timeout gives unknown, not an exception', () => {
    // 12 appends: seconds of search, far more than the 1 ms allowed.
    const harder: Operation[] = [];
    for (let i = 0; i < 12; i++) harder.push(op({ op: 'append', key: String(i % 3), value: `x${i}` }, i, undefined, 100));
    harder.push(op({ op: 'get', key: '0' }, 101, 'nonsense', 102));
    expect(checkOperations(kvModelUnpartitioned as Model, harder, { timeoutMs: 1 })).toBe('unknown');
  });
  it('a step budget gives unknown, and the verbose info says how far each partition got', () => {
    const { result, info } = checkOperationsVerbose(kvModelUnpartitioned as Model, hard, { maxSteps: 100 });
    expect(result).toBe('unknown');
    expect(info.partitions[0].result).toBe('unknown');
    expect(info.partitions[0].steps).toBe(100);
  });
  it('a memory budget gives unknown', () => {
    expect(checkOperations(kvModelUnpartitioned as Model, hard, { maxCacheEntries: 50 })).toBe('unknown');
  });
  it('a memory budget over all partitions together gives unknown after the first quantum', () => {
    const harder: Operation[] = [];
    for (let i = 0; i < 12; i++) harder.push(op({ op: 'append', key: String(i % 3), value: `x${i}` }, i, undefined, 100));
    harder.push(op({ op: 'get', key: '0' }, 101, 'nonsense', 102));
    const { result, info } = checkOperationsVerbose(kvModelUnpartitioned as Model, harder, { maxMemoryBytes: 1 });
    expect(result).toBe('unknown');
    expect(info.partitions[0]).toMatchObject({ result: 'unknown', steps: 1 << 14 });
  });
  it('a deadline that passes once every partition is decided ok leaves the verdict ok', () => {
    const w = op({ op: 'write' as const, value: 1 }, 0, null, 1);
    expect(checkOperations(registerModel, [w], { timeoutMs: 0 })).toBe('ok');
    expect(checkOperations(registerModel, [w, { ...w, input: { ...w.input, key: 'b' } }], { timeoutMs: 0 })).toBe('unknown');
  });
  it('without budgets the same history is decided', () => {
    expect(checkOperations(kvModelUnpartitioned as Model, hard)).toBe('illegal');
  });
});
