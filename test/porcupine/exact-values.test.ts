import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations, checkOperationsVerbose, fillDefaults, queueModel, registerModel, setModel, type Operation } from '../../src/porcupine/index.js';

const op = <I, O>(input: I, call: number, output: O, ret: number): Operation<I, O> => ({ input, call, output, return: ret });
const BIG = 9007199254740993n; // 2^53 + 1: as a double it would be 2^53
const NEAR = 9007199254740992n;

describe('porcupine models with integers beyond 2^53 (bigints)', () => {
  it('register and cas-register: a read of 2^53 after a write of 2^53 + 1 is illegal', () => {
    for (const model of [registerModel, casRegisterModel]) {
      const history = (read: bigint) => [op({ op: 'write', value: BIG } as const, 0, null, 1), op({ op: 'read' } as const, 2, read, 3)];
      expect(checkOperations(model as typeof registerModel, history(NEAR))).toBe('illegal');
      expect(checkOperations(model as typeof registerModel, history(BIG))).toBe('ok');
    }
  });

  it('cas-register: a cas compares bigints exactly', () => {
    const h = [op({ op: 'write', value: BIG } as const, 0, null, 1), op({ op: 'cas', from: NEAR, to: 1 } as const, 2, true, 3)];
    expect(checkOperations(casRegisterModel, h)).toBe('illegal');
  });

  it('set and queue hold bigints exactly', () => {
    expect(checkOperations(setModel, [op({ op: 'add', value: BIG } as const, 0, undefined, 1), op({ op: 'read' } as const, 2, [NEAR], 3)])).toBe('illegal');
    expect(checkOperations(queueModel, [op({ op: 'enqueue', value: BIG } as const, 0, undefined, 1), op({ op: 'dequeue' } as const, 2, NEAR, 3)])).toBe('illegal');
  });

  it('describes bigint operations and states with their digits', () => {
    const h = [op({ op: 'write', value: BIG } as const, 0, null, 1), op({ op: 'read' } as const, 2, NEAR, 3)];
    const { info } = checkOperationsVerbose(casRegisterModel, h);
    expect(info.partitions[0].descriptions).toEqual(['write(9007199254740993)', 'read() -> 9007199254740992']);
    const m = fillDefaults({ init: () => ({ n: BIG }), step: (s: { n: bigint }) => [true, s] as const, equal: (a, b) => a.n === b.n });
    expect(m.describeState(m.init())).toBe('{"n":9007199254740993}');
    expect(registerModel.describeState!(BIG)).toBe('9007199254740993');
  });
});
