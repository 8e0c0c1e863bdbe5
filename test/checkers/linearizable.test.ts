import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import type { TestInfo } from '../../src/core/checker.js';
import type { Op } from '../../src/core/op.js';

const test: TestInfo = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 2, seed: 1 };

/** Builds a history from [process, type, f, value, extra] rows, index and time from position. */
function history(rows: [Op['process'], Op['type'], string, unknown, Partial<Op>?][]): Op[] {
  return rows.map(([process, type, f, value, extra], index) => ({ index, time: index * 1000, process, type, f, value, key: 'k', ...extra }));
}

/** A stale read on `key` by process `p`: write 1, write 2, read 1. */
const stale = (key: string, p: number): [Op['process'], Op['type'], string, unknown, Partial<Op>][] => [
  [p, 'invoke', 'write', 1, { key }],
  [p, 'ok', 'write', 1, { key }],
  [p, 'invoke', 'write', 2, { key }],
  [p, 'ok', 'write', 2, { key }],
  [p, 'invoke', 'read', null, { key }],
  [p, 'ok', 'read', 1, { key }],
];
/** A linearizable key. */
const good: [Op['process'], Op['type'], string, unknown, Partial<Op>][] = [
  [9, 'invoke', 'write', 5, { key: 'ok' }],
  [9, 'ok', 'write', 5, { key: 'ok' }],
];

const check = (model: 'register' | 'cas-register' | 'kv', h: Op[]) => linearizableChecker({ model }).check(test, h, {});

describe('linearizable checker on faultline histories', () => {
  it('accepts a register history with an info write seen later, ignoring the nemesis', async () => {
    const h = history([
      [0, 'invoke', 'write', 1],
      ['nemesis', 'info', 'start-partition', 'halves'],
      [0, 'info', 'write', 1, { error: 'timed-out' }],
      [1, 'invoke', 'read', null],
      [1, 'ok', 'read', null],
      [1, 'invoke', 'read', null],
      [1, 'ok', 'read', 1],
    ]);
    const r = await check('register', h);
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ operations: 3, partitions: 1 });
  });

  it('drops failed ops, and reports a stale read with its key and ops', async () => {
    const h = history([
      [0, 'invoke', 'write', 1],
      [0, 'ok', 'write', 1],
      [0, 'invoke', 'write', 2],
      [0, 'fail', 'write', 2, { error: 'unavailable' }],
      [1, 'invoke', 'write', 3],
      [1, 'ok', 'write', 3],
      [1, 'invoke', 'read', null],
      [1, 'ok', 'read', 1],
    ]);
    const r = await check('register', h);
    expect(r.valid).toBe(false);
    const a = r.anomalies![0];
    expect(a).toMatchObject({ kind: 'nonlinearizable', key: 'k', ops: [6] });
    expect(a.explanation).toMatch(/Key "k" is not linearizable under the register model/);
    expect(a.explanation).toMatch(/op 6 k: read\(\) -> 1/);
    expect((a.detail as { partialLinearizations: { ops: number[] }[] }).partialLinearizations[0].ops).toEqual([0, 4]);
  });

  it('a cas-mismatch is an observation under cas-register and ignored under register', async () => {
    const h = history([
      [0, 'invoke', 'write', 1],
      [0, 'ok', 'write', 1],
      [1, 'invoke', 'cas', [1, 2]],
      [1, 'fail', 'cas', [1, 2], { error: 'cas-mismatch' }],
    ]);
    expect((await check('register', h)).valid).toBe(true);
    expect((await check('cas-register', h)).valid).toBe(false);
  });

  it('checks keys independently', async () => {
    const h = history([
      [0, 'invoke', 'write', 1, { key: 'a' }],
      [0, 'ok', 'write', 1, { key: 'a' }],
      [1, 'invoke', 'read', null, { key: 'b' }],
      [1, 'ok', 'read', 1, { key: 'b' }],
    ]);
    const r = await check('register', h);
    expect(r.valid).toBe(false);
    expect(r.anomalies!.map((a) => a.key)).toEqual(['b']);
  });

  it('reports every non-linearizable key, not only the first', async () => {
    const r = await check('register', history([...stale('x', 0), ...good, ...stale('y', 1), ...stale('z', 2)]));
    expect(r.valid).toBe(false);
    expect(r.anomalies!.map((a) => a.key).sort()).toEqual(['x', 'y', 'z']);
    expect(r.stats).toMatchObject({ partitions: 4, decided: 4 });
  });

  it('with no budget beyond the verdict reports the key the verdict proved bad, explained by its own search, and counts the undecided', async () => {
    const r = await linearizableChecker({ model: 'register', explainTimeoutMs: 0 }).check(test, history([...stale('x', 0), ...good, ...stale('y', 1)]), {});
    expect(r.valid).toBe(false);
    expect(r.anomalies).toHaveLength(1);
    const a = r.anomalies![0];
    // write 1, write 2 placed; the read of 1 (op 4) cannot follow
    expect(a).toMatchObject({ kind: 'nonlinearizable', key: 'x', ops: [4] });
    expect(a.detail).toMatchObject({ model: 'register', finalState: '2' });
    expect((a.detail as { partialLinearizations: { ops: number[] }[] }).partialLinearizations[0].ops).toEqual([0, 2]);
    expect((a.detail as { ops: unknown[] }).ops).toHaveLength(3);
    expect(a.explanation).toMatch(/Key "x" is not linearizable under the register model: .* longest linearizable prefix found has 2 operations and ends in state 2/);
    expect(r.stats).toMatchObject({ partitions: 3, decided: 1, illegalKeys: 1, undecidedKeys: 2 });
  });

  it('a verdict that runs out of time is unknown, never valid', async () => {
    const valid = history([...good, [1, 'invoke', 'read', null, { key: 'ok' }], [1, 'ok', 'read', 5, { key: 'ok' }], [2, 'invoke', 'write', 1, { key: 'other' }]]);
    expect((await check('register', valid)).valid).toBe(true);
    const r = await linearizableChecker({ model: 'register', timeoutMs: 0 }).check(test, valid, {});
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/undecided after 0 ms: 1 of 2 keys decided/);
    expect(r.anomalies ?? []).toEqual([]);
  });

  it('is unknown, with a reason, for ops the model cannot judge', async () => {
    const r = await check('register', history([[0, 'invoke', 'append', 'x']]));
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/the register model has no operation "append"/);
  });

  it('an empty history is linearizable', async () => {
    expect((await check('cas-register', [])).valid).toBe(true);
  });
});
