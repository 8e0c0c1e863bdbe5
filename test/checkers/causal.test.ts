/**
 * The causal checker on faultline histories: its rulings on the three causal models, the anomaly of
 * each kind of pattern it reports (ops, graph, explanation), how info and cas ops are read, and the
 * refusal of repeated written values. Op indices are invoke indices (each row is invoke + completion).
 */
import { describe, expect, it } from 'vitest';
import { causalChecker } from '../../src/checkers/causal.js';
import { UserError } from '../../src/core/errors.js';
import { history, testInfo, type Row } from './weak-fixtures.js';

const check = (rows: Row[]) => causalChecker({ maxAnomalies: 10 }).check(testInfo, history(rows), {});

describe('causal checker', () => {
  it('holds for a history where concurrent writes are read in different orders by different processes, each once', async () => {
    const r = await check([[0, 'write', 1], [1, 'write', 2], [0, 'read', 2], [1, 'read', 2], [2, 'read', 1, 'x']]);
    expect(r.valid).toBe(true);
    expect(r.models).toEqual({
      causal: { status: 'holds', by: [] },
      'causal-convergence': { status: 'holds', by: [] },
      'causal-memory': { status: 'holds', by: [] },
    });
    expect(r.anomalies).toBeUndefined();
  });

  it('a stale read of the initial value after the process’s own write is a WriteCOInitRead, ruling out all three', async () => {
    // 0 p0 write 1 | 2 p0 read → null
    const r = await check([[0, 'write', 1], [0, 'read', null]]);
    expect(r.valid).toBe(false);
    for (const m of ['causal', 'causal-convergence', 'causal-memory']) expect(r.models![m]).toEqual({ status: 'ruled-out', by: ['WriteCOInitRead'] });
    expect(r.anomalies).toEqual([
      {
        kind: 'WriteCOInitRead',
        explanation: 'WriteCOInitRead: op 2 (read null from "x") returned the initial value, though op 0 (write 1 to "x") is in its causal past.',
        ops: [0, 2],
        key: 'x',
        graph: { nodes: [0, 2], edges: [{ from: 0, to: 2, label: 'co' }] },
      },
    ]);
  });

  it('two processes each reading the other’s write after their own: CC and CM hold, CCv is ruled out by CyclicCF', async () => {
    // p0: write 1 (0), read 2 (6) | p1: write 2 (2), read 1 (4)
    const r = await check([[0, 'write', 1], [1, 'write', 2], [1, 'read', 1], [0, 'read', 2]]);
    expect(r.valid).toBe(false);
    expect(r.models!.causal.status).toBe('holds');
    expect(r.models!['causal-memory'].status).toBe('holds');
    expect(r.models!['causal-convergence']).toEqual({ status: 'ruled-out', by: ['CyclicCF'] });
    const a = r.anomalies![0];
    expect(a.kind).toBe('CyclicCF');
    expect(a.graph!.edges).toEqual(expect.arrayContaining([{ from: 0, to: 2, label: 'cf' }, { from: 2, to: 0, label: 'cf' }]));
    expect(a.explanation).toMatch(/^CyclicCF: .* op \d —cf→ op \d .*\(a cycle\)/);
  });

  it('a process reading 1, 2, 1 of concurrent writes: CM is ruled out by CyclicHB with the process named', async () => {
    const r = await check([[0, 'write', 1], [1, 'write', 2], [2, 'read', 1], [2, 'read', 2], [2, 'read', 1]]);
    expect(r.models!['causal-memory']).toEqual({ status: 'ruled-out', by: ['CyclicHB'] });
    const a = r.anomalies!.find((x) => x.kind === 'CyclicHB')!;
    expect(a.detail).toEqual({ process: 2 });
    expect(a.explanation).toMatch(/^CyclicHB: Process 2’s reads force an order of writes that is cyclic/);
  });

  it('a timed-out write whose value was read happened; a cas is a read of `from` and a write of `to`', async () => {
    // p0 writes 1, timing out (0); p1 cas 1 → 2 (2); p2 reads 2 (4) then 1 (6): 1 was overwritten in its past
    const r = await check([[0, 'write', 1, 'x', 'info'], [1, 'cas', [1, 2]], [2, 'read', 2], [2, 'read', 1]]);
    expect(r.models!.causal).toEqual({ status: 'ruled-out', by: ['WriteCORead'] });
    expect(r.anomalies![0]).toMatchObject({ kind: 'WriteCORead', ops: [0, 2, 6] });
    expect(r.anomalies![0].explanation).toBe(
      'WriteCORead: op 6 (read 1 from "x") returned the value of op 0 (write 1 to "x", timed out but observed), which op 2 (cas 1 → 2 on "x") had overwritten before the read, in its causal past.',
    );
  });

  it('compares and prints integers beyond 2^53 exactly', async () => {
    // p0 writes 2^53 and then reads the initial value: a WriteCOInitRead, with the value printed exactly.
    const big = 2n ** 53n + 1n;
    const r = await check([[0, 'write', big], [0, 'read', null]]);
    expect(r.models!.causal).toEqual({ status: 'ruled-out', by: ['WriteCOInitRead'] });
    expect(r.anomalies![0].explanation).toContain('op 0 (write 9007199254740993 to "x")');
    // 2^53 and 2^53 + 1 are two values: each read names its own write, and the history holds.
    expect((await check([[0, 'write', big - 1n], [1, 'write', big], [0, 'read', big], [1, 'read', big]])).valid).toBe(true);
    await expect(check([[0, 'write', big], [1, 'cas', [big, big]]])).rejects.toThrow('op 2: writes 9007199254740993 to key "x", which op 0 already wrote');
  });

  it('refuses repeated written values with a UserError naming the first repeat', async () => {
    await expect(check([[0, 'write', 1], [1, 'cas', [1, 1]]])).rejects.toThrow(
      new UserError('op 2: writes 1 to key "x", which op 0 already wrote; the causal checker needs every written value to be unique per key'),
    );
  });
});
