/**
 * The list-append checker as the registry builds it: verdicts per model, anomalies in faultline's
 * shape (invoke indices, the cycle as a graph), and bad input as a one-line `UserError` naming the op.
 */
import { describe, expect, it } from 'vitest';
import { listAppendEntry } from '../../src/checkers/list-append-entry.js';
import { UserError } from '../../src/core/errors.js';
import type { Op } from '../../src/core/op.js';
import { concurrentOk, TxnHistory } from '../elle/support/txn-history.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const test = { name: 't', workload: 'list-append', target: 't', concurrency: 2, seed: 1 };
const check = (history: Op[], opts: Record<string, unknown> = {}) =>
  listAppendEntry.create(checkerOptionsSchema(listAppendEntry).parse(opts)).check(test, history, {});

describe('list-append checker', () => {
  it('holds every model it rules on for a serial history', async () => {
    const h = new TxnHistory().txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', [1]], ['append', 'y', 1]]).txn(0, [['r', 'y', [1]]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual([]);
    for (const m of listAppendEntry.models) expect(r.models?.[m]?.status, m).toBe('holds');
  });

  it('rules out serializable and snapshot isolation for a G-single, and keeps what it does not contradict', async () => {
    // Also a causal-cycle: the last transaction causally follows the first (through the second) but missed its write.
    const h = concurrentOk([['append', 'x', 1]], [['r', 'x', [1]], ['append', 'y', 1]], [['r', 'y', [1]], ['r', 'x', []]]);
    const r = await check(h, { 'consistency-models': 'serializable' });
    expect(r.valid).toBe(false);
    expect(r.models?.serializable).toEqual({ status: 'ruled-out', by: ['G-single', 'causal-cycle'] });
    expect(r.models?.['transactional-causal']).toEqual({ status: 'ruled-out', by: ['causal-cycle'] });
    expect(r.models?.['snapshot-isolation'].status).toBe('ruled-out');
    expect(r.models?.['repeatable-read'].status).toBe('ruled-out');
    expect(r.models?.['read-atomic'].status).toBe('holds');
    expect(r.models?.['read-committed'].status).toBe('holds');
    expect(r.models?.['strict-serializable'].status).toBe('ruled-out');
  });

  it('names transactions by their invoke records and gives the cycle as a graph', async () => {
    const h = new TxnHistory().txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', []]]).ops;
    const r = await check(h);
    const a = r.anomalies?.find((x) => x.kind === 'G-single-realtime');
    expect(a?.ops.sort()).toEqual([0, 2]);
    expect(a?.graph?.nodes.sort()).toEqual([0, 2]);
    expect(a?.graph?.edges).toEqual(expect.arrayContaining([{ from: 0, to: 2, label: 'realtime' }, { from: 2, to: 0, label: 'rw' }]));
    expect(a?.explanation).toMatch(/T1 must both precede and follow T2/);
    expect(r.models?.['strict-serializable']).toEqual({ status: 'ruled-out', by: ['G-single-realtime'] });
    expect(r.models?.serializable.status).toBe('holds');
  });

  it('is undecided, not valid, when the model needs edges it was told not to use', async () => {
    const h = new TxnHistory().txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', []]]).ops;
    const r = await check(h, { 'realtime-edges': 'false' });
    expect(r.valid).toBe('unknown');
    expect(r.models?.['strict-serializable'].status).toBe('unknown');
    expect(r.error).toMatch(/strict-serializable/);
  });

  it('reports bad input as a UserError naming the op', async () => {
    const dup = new TxnHistory().txn(0, [['append', 'x', 1]]).txn(1, [['append', 'x', 1]]).ops;
    await expect(check(dup)).rejects.toThrow(new UserError('op 2: appends 1 to "x", which op 0 also appends; appended values must be unique per key'));
    const notList = new TxnHistory().txn(0, [['r', 'x', 5]]).ops;
    await expect(check(notList)).rejects.toThrow(/^op 1: micro-op 0: read of "x" returned 5, not a list$/);
    const unknownF = new TxnHistory().txn(0, [['cas', 'x', 5]]).ops;
    await expect(check(unknownF)).rejects.toThrow(/^op 1: micro-op 0 \["cas","x",5\]: unknown function "cas" \(expected "append" or "r"\)$/);
    const notTxn = [{ index: 0, time: 0, process: 0, type: 'invoke' as const, f: 'read', value: null }];
    await expect(check(notTxn)).rejects.toBeInstanceOf(UserError);
  });

  it('takes integers beyond 2^53 exactly, as distinct values printed in full', async () => {
    const big = 2n ** 53n;
    const ok = new TxnHistory().txn(0, [['append', 'x', big]]).txn(1, [['append', 'x', big + 1n]]).txn(0, [['r', 'x', [big, big + 1n]]]).ops;
    expect((await check(ok)).valid).toBe(true);
    // Two reads that disagree on the order of 2^53 and 2^53 + 1: told apart, and named exactly.
    const h = new TxnHistory().txn(0, [['append', 'x', big]]).txn(1, [['append', 'x', big + 1n]]).txn(0, [['r', 'x', [big, big + 1n]]]).txn(1, [['r', 'x', [big + 1n, big]]]).ops;
    const r = await check(h);
    expect(r.valid).toBe(false);
    const a = r.anomalies!.find((x) => x.kind === 'incompatible-order');
    expect(a?.explanation).toContain('9007199254740993');
  });

  it('parses its options from strings and refuses a model it cannot check', () => {
    const o = checkerOptionsSchema(listAppendEntry).parse({ 'consistency-models': 'serializable, read-committed', 'cycle-search-budget': '500' });
    expect(o['consistency-models']).toEqual(['serializable', 'read-committed']);
    expect(o['cycle-search-budget']).toBe(500);
    expect(checkerOptionsSchema(listAppendEntry).safeParse({ 'consistency-models': 'linearizable' }).success).toBe(false);
  });
});
