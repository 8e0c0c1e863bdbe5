/**
 * The rw-register checker as the registry builds it: verdicts per model (read atomicity is never shown
 * to hold), what each version-order assumption can prove, and bad input as a `UserError` naming the op.
 */
import { describe, expect, it } from 'vitest';
import { rwRegisterEntry } from '../../src/checkers/rw-register-entry.js';
import { UserError } from '../../src/core/errors.js';
import type { Op } from '../../src/core/op.js';
import { TxnHistory } from '../elle/support/txn-history.js';
import { modelVerdicts } from '../../src/runner/results.js';
import { RW_REGISTER_MODELS } from '../../src/checkers/rw-register.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const test = { name: 't', workload: 'rw-register', target: 't', concurrency: 2, seed: 1 };
const check = (history: Op[], opts: Record<string, unknown> = {}) =>
  rwRegisterEntry.create(checkerOptionsSchema(rwRegisterEntry).parse(opts)).check(test, history, {});

describe('rw-register checker', () => {
  it('holds every model it can decide for a serial history, and leaves read atomicity undecided', async () => {
    const h = new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['r', 'x', 1], ['w', 'y', 1]]).txn(0, [['r', 'y', 1], ['r', 'z', null]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(true);
    expect(r.models?.['strict-serializable'].status).toBe('holds');
    expect(r.models?.['read-committed'].status).toBe('holds');
    expect(r.models?.['read-atomic']).toEqual({ status: 'unknown', by: [] });
  });

  it('rules out only strict serializability with an anomaly that needs each key to be linearizable', async () => {
    // x = 1 then x = 2 in real time, then a read of x = 1: per-key linearizability orders 2 before 1.
    const h = new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['w', 'x', 2]]).txn(2, [['r', 'x', 1]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(false);
    expect(r.models?.['strict-serializable']).toEqual({ status: 'ruled-out', by: ['G-single-realtime', 'G0-realtime'] });
    // Serializable (2 then 1 then the read) but not shown: without real time the two versions of x are
    // unordered, and a cycle that order would close could go unseen.
    expect(r.models?.serializable.status).toBe('unknown');
    const off = await check(h, { 'linearizable-keys': 'false' });
    expect(off.anomalies).toEqual([]);
  });

  it('says no model holds when a key has several versions it cannot order: the fractured read of frac.jsonl', async () => {
    // T0 writes x=0, y=0 and T1 writes x=1, y=1 concurrently; then T2 reads x=1, y=0. Every order of
    // the two versions of each key closes a cycle (G0 or G-single), so nothing stronger than read
    // uncommitted can hold; the checker sees only the real-time one.
    const h = new TxnHistory()
      .concurrent([{ process: 0, mops: [['w', 'x', 0], ['w', 'y', 0]] }, { process: 1, mops: [['w', 'x', 1], ['w', 'y', 1]] }])
      .txn(2, [['r', 'x', 1], ['r', 'y', 0]]).ops;
    const r = await check(h);
    const spread = modelVerdicts({ 'rw-register': r }, RW_REGISTER_MODELS);
    expect(Object.entries(spread).filter(([, v]) => v.status === 'holds')).toEqual([]);
    for (const m of ['serializable', 'snapshot-isolation', 'repeatable-read', 'read-atomic']) expect(spread[m]?.status, m).toBe('unknown');
    expect(spread['strict-serializable']?.status).toBe('ruled-out');
  });

  it('on write skew rules out serializability, shows snapshot isolation to hold, and read atomicity through it', async () => {
    const h = new TxnHistory()
      .txn(0, [['w', 'x', 0], ['w', 'y', 0]])
      .concurrent([{ process: 1, mops: [['r', 'x', 0], ['r', 'y', 0], ['w', 'y', 1]] }, { process: 2, mops: [['r', 'x', 0], ['r', 'y', 0], ['w', 'x', 2]] }]).ops;
    const spread = modelVerdicts({ 'rw-register': await check(h) }, RW_REGISTER_MODELS);
    expect(spread.serializable).toMatchObject({ status: 'ruled-out', by: ['G2-item'] });
    // Both versions of each key are ordered by writes-follow-reads, so what holds is shown: write skew is snapshot isolation.
    expect(spread['snapshot-isolation']?.status).toBe('holds');
    // The checker cannot decide read atomicity directly (no fractured-read check), but snapshot isolation implies it.
    expect((await check(h)).models!['read-atomic']?.status).toBe('unknown');
    expect(spread['read-atomic']?.status).toBe('holds');
  });

  it('leaves an unobserved write of unknown outcome unordered (taken as never committed), but orders one a read saw', async () => {
    // T1 writes x=1 (ok); T2 reads x=1 and writes x=2 (ok); T3 writes x=3 and times out (info).
    const base = () => new TxnHistory().txn(0, [['r', 'x', null], ['w', 'x', 1]]).txn(1, [['r', 'x', 1], ['w', 'x', 2]]);
    const unseen = base().txn(2, [['w', 'x', 3]], 'info').ops;
    expect((await check(unseen)).models!['serializable']?.status).toBe('holds');
    // Once a read returns 3, x=3 is a version whose place nobody saw: serializability cannot be shown.
    const seen = base().txn(2, [['w', 'x', 3]], 'info').txn(3, [['r', 'x', 3]]).ops;
    expect((await check(seen)).models!['serializable']?.status).toBe('unknown');
  });

  it('reports bad input as a UserError naming the op', async () => {
    const dup = new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['w', 'x', 1]]).ops;
    await expect(check(dup)).rejects.toThrow(new UserError('op 2: writes 1 to "x", which op 0 also writes; written values must be unique per key'));
    const bad = new TxnHistory().txn(0, [['r', 'x', [1]]]).ops;
    await expect(check(bad)).rejects.toThrow(/^op 1: micro-op 0: read of "x" returned \[1\], not a string, a number or null$/);
    const append = new TxnHistory().txn(0, [['append', 'x', 1]]).ops;
    await expect(check(append)).rejects.toThrow(/^op 1: micro-op 0 \["append","x",1\]: unknown function "append" \(expected "w" or "r"\)$/);
  });

  it('takes its assumptions as options', () => {
    const o = checkerOptionsSchema(rwRegisterEntry).parse({ 'wfr-keys': 'no', 'sequential-keys': 'off' });
    expect([o['wfr-keys'], o['sequential-keys'], o['linearizable-keys']]).toEqual([false, false, true]);
  });
});
