/**
 * The rw-register checker as the registry builds it: verdicts per model (read atomicity is never shown
 * to hold), what each version-order assumption can prove, and bad input as a `UserError` naming the op.
 */
import { describe, expect, it } from 'vitest';
import { rwRegisterEntry } from '../../src/checkers/rw-register-entry.js';
import { UserError } from '../../src/core/errors.js';
import type { Op } from '../../src/core/op.js';
import { TxnHistory } from '../elle/support/txn-history.js';

const test = { name: 't', workload: 'rw-register', target: 't', concurrency: 2, seed: 1 };
const check = (history: Op[], opts: Record<string, unknown> = {}) =>
  rwRegisterEntry.create(rwRegisterEntry.optionsSchema.parse(opts)).check(test, history, {});

describe('rw-register checker', () => {
  it('holds every model it can decide for a serial history, and leaves read atomicity undecided', async () => {
    const h = new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['r', 'x', 1], ['w', 'y', 1]]).txn(0, [['r', 'y', 1], ['r', 'z', null]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(true);
    expect(r.models?.['strict-serializable'].status).toBe('holds');
    expect(r.models?.['read-committed'].status).toBe('holds');
    expect(r.models?.['read-atomic']).toBeUndefined();
  });

  it('rules out only strict serializability with an anomaly that needs each key to be linearizable', async () => {
    // x = 1 then x = 2 in real time, then a read of x = 1: per-key linearizability orders 2 before 1.
    const h = new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['w', 'x', 2]]).txn(2, [['r', 'x', 1]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(false);
    expect(r.models?.['strict-serializable']).toEqual({ status: 'ruled-out', by: ['G-single-realtime', 'G0-realtime'] });
    expect(r.models?.serializable.status).toBe('holds');
    const off = await check(h, { 'linearizable-keys': 'false' });
    expect(off.anomalies).toEqual([]);
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
    const o = rwRegisterEntry.optionsSchema.parse({ 'wfr-keys': 'no', 'sequential-keys': 'off' });
    expect([o['wfr-keys'], o['sequential-keys'], o['linearizable-keys']]).toEqual([false, false, true]);
  });
});
