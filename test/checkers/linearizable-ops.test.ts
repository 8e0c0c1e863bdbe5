import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import { fittingModel, toOperations } from '../../src/checkers/linearizable-ops.js';
import type { Op } from '../../src/core/op.js';

const test = { name: 't', workload: 'register', target: 'x', concurrency: 2, seed: 0 };
const ops = (...specs: [number | 'nemesis', Op['type'], string, unknown][]): Op[] =>
  specs.map(([process, type, f, value], index) => ({ index, time: index, process, type, f, value }));

describe('linearizable ops', () => {
  it('names the model the ops fit, ignoring the nemesis', () => {
    expect(fittingModel(ops([0, 'invoke', 'read', null], ['nemesis', 'info', 'kill', null], [1, 'invoke', 'cas', [1, 2]]))).toBe('cas-register');
    expect(fittingModel(ops([0, 'invoke', 'get', null], [1, 'invoke', 'append', 'x']))).toBe('kv');
    expect(fittingModel(ops([0, 'invoke', 'read', null], [1, 'invoke', 'append', 'x']))).toBeUndefined();
    expect(fittingModel(ops(['nemesis', 'info', 'kill', null]))).toBeUndefined();
  });

  it('keeps bigint register values exact', () => {
    const conv = toOperations('cas-register', ops([0, 'invoke', 'write', 9007199254740993n], [0, 'ok', 'write', 9007199254740993n]));
    expect(conv.operations[0].input).toEqual({ op: 'write', key: undefined, value: 9007199254740993n });
  });

  it('reports the op a model cannot use as badOp, with an unknown verdict', async () => {
    const history = ops([0, 'invoke', 'write', 1], [0, 'ok', 'write', 1], [1, 'invoke', 'read', null], [1, 'ok', 'read', { v: 1 }]);
    const r = await linearizableChecker({ model: 'cas-register' }).check(test, history, {});
    expect(r).toMatchObject({ valid: 'unknown', badOp: { index: 3, reason: `expected the read's value to be a number, string or nil, found {"v":1}` } });
    const wrongModel = await linearizableChecker({ model: 'kv' }).check(test, history, {});
    expect(wrongModel.badOp).toEqual({ index: 0, reason: 'the kv model has no operation "write" (expected get, put, append)' });
  });
});
