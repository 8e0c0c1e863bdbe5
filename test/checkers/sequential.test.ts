/**
 * The sequential consistency checker on faultline histories: per key, ruling on the whole history
 * only where per-key orders combine (processes visiting keys in one order), a stale read that
 * linearizability rejects and sequential consistency accepts, and the anomaly of a key without order.
 * Op indices are invoke indices (each row is an invoke and its completion).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import { keyOrderCycle } from '../../src/checkers/sequential-keys.js';
import { sequentialChecker } from '../../src/checkers/sequential.js';
import { history, testInfo, type Row } from './weak-fixtures.js';

const check = (rows: Row[], model: 'register' | 'cas-register' = 'cas-register') => sequentialChecker({ model, timeoutMs: 10_000 }).check(testInfo, history(rows), {});

describe('sequential checker', () => {
  it('accepts a stale read that linearizability rejects, and holds for the whole history when keys are visited in order', async () => {
    // On k0: p0 writes 1 (0), then p1 reads the initial value (2) after the write completed. Then both move to k1.
    const rows: Row[] = [[0, 'write', 1, 'k0'], [1, 'read', null, 'k0'], [0, 'write', 2, 'k1'], [1, 'read', 2, 'k1']];
    expect((await linearizableChecker({ model: 'cas-register' }).check(testInfo, history(rows), {})).valid).toBe(false);
    const r = await check(rows);
    expect(r.valid).toBe(true);
    expect(r.models).toEqual({ sequential: { status: 'holds', by: [] } });
    expect(r.stats).toMatchObject({ keys: 2, decided: 2, operations: 4, everyKeySequential: true });
  });

  it('names the op it cannot read (badOp), as the linearizability checker does, with an unknown verdict', async () => {
    const r = await check([[0, 'write', 1], [1, 'cas', 7]]);
    expect(r).toMatchObject({ valid: 'unknown', models: { sequential: { status: 'unknown', by: [] } }, badOp: { index: 2, reason: 'expected a cas value [from, to], found 7' } });
  });

  it('rules the history out when one key has no order, naming the key and the ops that could not follow', async () => {
    // p0 writes 1 (0) then reads the initial value (2): its own order forbids it.
    const r = await check([[0, 'write', 1, 'k0'], [0, 'read', null, 'k0'], [1, 'write', 5, 'k1']]);
    expect(r.valid).toBe(false);
    expect(r.models).toEqual({ sequential: { status: 'ruled-out', by: ['nonsequential'] } });
    expect(r.anomalies).toHaveLength(1);
    const a = r.anomalies![0];
    expect(a).toMatchObject({ kind: 'nonsequential', key: 'k0', ops: [2] });
    expect(a.explanation).toBe(
      'Key "k0" is not sequentially consistent under the cas-register model: no order of its 2 operations respects each process\'s order and the model. ' +
        'The longest such order found has 1 operations and ends in state 1; from there, no process\'s next operation (op 2 k0: read() -> null) can follow.',
    );
    expect(a.detail).toMatchObject({ longest: { ops: [0], states: ['1'] } });
  });

  it('leaves the whole history undecided when every key is ordered but processes interleave keys', async () => {
    // p0: write x=1, read y → initial; p1: write y=1, read x → initial. Each key alone is fine.
    // (p2's later write keeps the reads from being final reads, which are searched differently.)
    const r = await check([[0, 'write', 1, 'x'], [1, 'write', 1, 'y'], [0, 'read', null, 'y'], [1, 'read', null, 'x'], [2, 'write', 1, 'z']]);
    expect(r.valid).toBe('unknown');
    expect(r.models).toEqual({ sequential: { status: 'unknown', by: [] } });
    expect(r.stats).toMatchObject({ everyKeySequential: true });
    expect(r.error).toMatch(/^every key is sequentially consistent on its own, but the processes do not visit the keys in one order \(process \d uses key "[xy]" before "[xy]"; process \d uses key "[xy]" before "[xy]"\)/);
  });

  it('counts a failed compare as an observation under cas-register, not under register', async () => {
    const rows: Row[] = [[0, 'write', 1], [0, 'cas', [1, 2], 'x', 'fail']];
    expect((await check(rows, 'register')).valid).toBe(true);
    expect((await check(rows, 'cas-register')).valid).toBe(false);
  });

  it('lets a timed-out write take effect late or never', async () => {
    // (p2's later write keeps the reads from being final reads.)
    const later: Row = [2, 'write', 1, 'z'];
    expect((await check([[0, 'write', 1, 'x', 'info'], [1, 'read', null], [1, 'read', 1], later])).valid).toBe(true);
    expect((await check([[0, 'write', 1, 'x', 'info'], [1, 'read', 1], [1, 'read', null], later])).valid).toBe(false);
  });
});

describe('sequential checker, final reads (reads after every update completed)', () => {
  // p0 and p1 visit the keys in one order, a then b, the last op a write; then a read-back phase reads b then a.
  const load: Row[] = [[0, 'write', 1, 'a'], [1, 'read', 1, 'a'], [1, 'write', 2, 'b'], [0, 'write', 3, 'b']];

  it('decides the whole history although the final reads visit the keys in another order', async () => {
    const r = await check([...load, [2, 'read', 3, 'b'], [2, 'read', 1, 'a']]);
    expect(r.valid).toBe(true);
    expect(r.models).toEqual({ sequential: { status: 'holds', by: [] } });
    expect(r.stats).toMatchObject({ finalReads: 2, everyKeySequential: true });
    // Without the rule, the read-back's order b → a against the load's a → b leaves it undecided:
    // a later write makes the same reads ordinary ones.
    const undecided = await check([...load, [2, 'read', 3, 'b'], [2, 'read', 1, 'a'], [3, 'write', 9, 'c']]);
    expect(undecided.valid).toBe('unknown');
  });

  it('rules out a key whose own operations have no order, final reads or not', async () => {
    // p0 reads a's initial value after writing it (not a final read: b is written later); p2's read of b is final.
    const r = await check([[0, 'write', 1, 'a'], [0, 'read', null, 'a'], [1, 'write', 5, 'b'], [2, 'read', 5, 'b']]);
    expect(r.valid).toBe(false);
    expect(r.stats).toMatchObject({ finalReads: 1 });
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies![0]).toMatchObject({ kind: 'nonsequential', key: 'a', ops: [2] });
  });

  it('leaves undecided a final read that sees an older state than the load left (it could only come earlier)', async () => {
    const r = await check([...load, [2, 'read', null, 'a']]);
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/not every key has one with its final reads \(the 1 reads after every update completed\) after all its other operations/);
  });

  it('rules out the textbook history whose reads are all final reads: each process reads the other’s write after its own', async () => {
    // p0: write 1, p1: write 2, then p0 reads 2 and p1 reads 1 (both after every write completed).
    // Any order puts one write last, and the process that wrote it must then read its own value.
    const r = await check([[0, 'write', 1], [1, 'write', 2], [0, 'read', 2], [1, 'read', 1]]);
    expect(r.valid).toBe(false);
    expect(r.models).toEqual({ sequential: { status: 'ruled-out', by: ['nonsequential'] } });
    expect(r.stats).toMatchObject({ finalReads: 2, keys: 1 });
    expect(r.anomalies).toHaveLength(1);
    expect(r.anomalies![0]).toMatchObject({ kind: 'nonsequential', key: 'x' });
    expect(r.anomalies![0].detail).toMatchObject({ ops: [{ invoke: 0 }, { invoke: 2 }, { invoke: 4 }, { invoke: 6 }] });
  });

  it('still holds for the near miss where only one process reads the other’s write', async () => {
    // write 1 → read 1 (p1) → write 2 → read 2 (p0): an order respecting each process's order.
    const r = await check([[0, 'write', 1], [1, 'write', 2], [0, 'read', 2], [1, 'read', 2]]);
    expect(r.valid).toBe(true);
    // Each process reads its own write: a final read must come before the other write, not last;
    // with a single key that order is the whole history's, so it holds.
    const own = await check([[0, 'write', 1], [1, 'write', 2], [0, 'read', 1], [1, 'read', 2]]);
    expect(own.valid).toBe(true);
    // With a second key, the same key is left undecided (the combination needs final reads last).
    const twoKeys = await check([[2, 'write', 5, 'y'], [0, 'write', 1], [1, 'write', 2], [0, 'read', 1], [1, 'read', 2]]);
    expect(twoKeys.valid).toBe('unknown');
  });

  it('lets a timed-out write never be seen by the final reads, or be seen by all of them', async () => {
    const lost: Row = [4, 'write', 3, 'a', 'info'];
    expect((await check([...load, lost, [2, 'read', 1, 'a'], [3, 'read', 1, 'a']])).valid).toBe(true);
    expect((await check([...load, lost, [2, 'read', 3, 'a'], [3, 'read', 3, 'a']])).valid).toBe(true);
  });

  it('never claims a history that has no order: timed-out writes seen between final reads in crossing orders', async () => {
    // p2 reads a new then b old; p3 reads b new then a old: a → b and b → a at once. Not sequentially consistent.
    const rows: Row[] = [
      [0, 'write', 1, 'a'], [0, 'write', 1, 'b'],
      [4, 'write', 2, 'a', 'info'], [5, 'write', 2, 'b', 'info'],
      [2, 'read', 2, 'a'], [3, 'read', 2, 'b'], [2, 'read', 1, 'b'], [3, 'read', 1, 'a'],
    ];
    const r = await check(rows);
    expect(r.valid).not.toBe(true);
    expect(r.models!.sequential!.status).not.toBe('holds');
  });
});

/** Whether `rows` (all ok, registers per key starting at null) have an order respecting each process's order: every interleaving tried. */
function bruteSequential(rows: Row[]): boolean {
  const byProcess = new Map<number, Row[]>();
  for (const row of rows) byProcess.set(row[0], [...(byProcess.get(row[0]) ?? []), row]);
  const queues = [...byProcess.values()];
  const go = (at: number[], state: Map<string, unknown>): boolean => {
    if (at.every((i, p) => i === queues[p].length)) return true;
    return queues.some((q, p) => {
      if (at[p] === q.length) return false;
      const [, f, value, key = 'x'] = q[at[p]];
      if (f === 'read' && (state.get(key) ?? null) !== value) return false;
      const next = f === 'write' ? new Map(state).set(key, value) : state;
      return go(at.map((i, j) => (j === p ? i + 1 : i)), next);
    });
  };
  return go(queues.map(() => 0), new Map());
}

describe('sequential checker against every interleaving', () => {
  it('never rules out a sequentially consistent history, and never lets a history without an order hold (final reads included)', async () => {
    const key = fc.constantFrom('x', 'y');
    const value = fc.constantFrom(null, 1, 2, 3);
    const load = fc.record({ p: fc.nat(2), write: fc.boolean(), key, value });
    const final = fc.record({ p: fc.nat(3), key, value });
    await fc.assert(
      fc.asyncProperty(fc.array(load, { minLength: 1, maxLength: 6 }), fc.array(final, { maxLength: 4 }), async (ops, finals) => {
        const rows: Row[] = [
          ...ops.map((o): Row => (o.write ? [o.p, 'write', o.value ?? 1, o.key] : [o.p, 'read', o.value, o.key])),
          ...finals.map((o): Row => [o.p, 'read', o.value, o.key]),
        ];
        const r = await check(rows, 'register');
        const sc = bruteSequential(rows);
        if (r.valid === true) expect(sc).toBe(true);
        if (r.valid === false) expect(sc).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('keyOrderCycle', () => {
  it('finds no cycle when every process visits keys in one order, and names one otherwise', () => {
    const ops = (list: [number, string][]) => list.map(([process, key]) => ({ process, key }));
    expect(keyOrderCycle(ops([[0, 'a'], [0, 'a'], [0, 'b'], [1, 'a'], [1, 'c'], [2, 'b'], [2, 'c']]))).toBeUndefined();
    expect(keyOrderCycle(ops([[0, 'a'], [0, 'b'], [1, 'b'], [1, 'a']]))).toEqual({ keys: ['a', 'b'], processes: [0, 1] });
    expect(keyOrderCycle(ops([[0, 'a'], [0, 'b'], [0, 'a']]))).toEqual({ keys: ['a', 'b'], processes: [0, 0] });
  });
});
