/**
 * Transactional causal consistency from the list-append checker, on literal histories: a read that
 * missed a write of its causal past rules it out (with the cycle as a graph and a plain explanation);
 * a long fork and a G-single whose ww edge is on another key leave it holding while snapshot isolation
 * falls; process order is no part of it (serializable implies it, and serializable ignores sessions).
 */
import { describe, expect, it } from 'vitest';
import { listAppendEntry } from '../../src/checkers/list-append-entry.js';
import type { Op } from '../../src/core/op.js';
import { checkListAppend } from '../../src/elle/index.js';
import { concurrentOk, TxnHistory } from '../elle/support/txn-history.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const test = { name: 't', workload: 'list-append', target: 't', concurrency: 2, seed: 1 };
const check = (history: Op[], models = 'transactional-causal,snapshot-isolation,strong-session-serializable') =>
  listAppendEntry.create(checkerOptionsSchema(listAppendEntry).parse({ 'consistency-models': models })).check(test, history, {});
const opts = { process: true, realtime: true, budget: 1_000_000 };

/** T0 appends x=1; T1 reads x=[1] and appends y=1; T2 reads y=[1] but x=[]. */
const stale = concurrentOk([['append', 'x', 1]], [['r', 'x', [1]], ['append', 'y', 1]], [['r', 'y', [1]], ['r', 'x', []]]);

describe('list-append: transactional causal consistency', () => {
  it('rules it out when a read misses a write its transaction causally follows', async () => {
    const r = await check(stale);
    expect(r.valid).toBe(false);
    expect(r.models?.['transactional-causal']).toEqual({ status: 'ruled-out', by: ['causal-cycle'] });
    expect(r.models?.['read-atomic'].status).toBe('holds');
    const a = r.anomalies?.find((x) => x.kind === 'causal-cycle');
    // Invoke records: T0 = op 0, T1 = op 1, T2 = op 2 (all invoked before any completes).
    expect(a?.ops).toEqual([0, 1, 2]);
    expect(a?.key).toBe('x');
    expect(a?.graph).toEqual({
      nodes: [0, 1, 2],
      edges: [
        { from: 0, to: 1, label: 'wr' },
        { from: 1, to: 2, label: 'wr' },
        { from: 2, to: 0, label: 'rw' },
      ],
    });
    expect(a?.explanation).toContain('T1 appended 1 to "x" and T2 read "x" = [1], which holds it (wr)');
    expect(a?.explanation).toContain('T2 appended 1 to "y" and T3 read "y" = [1], which holds it (wr)');
    expect(a?.explanation).toContain('T3 read "x" = [], without 1, which T1 appended (rw)');
    expect(a?.explanation).toContain('T1 causally precedes T3');
  });

  it('holds for the near miss where the last read sees x=[1]', async () => {
    const ok = concurrentOk([['append', 'x', 1]], [['r', 'x', [1]], ['append', 'y', 1]], [['r', 'y', [1]], ['r', 'x', [1]]]);
    const r = await check(ok);
    expect(r.valid).toBe(true);
    expect(r.models?.['transactional-causal'].status).toBe('holds');
  });

  it('holds for a long fork, which snapshot isolation forbids', async () => {
    const fork = concurrentOk([['append', 'x', 1]], [['append', 'y', 1]], [['r', 'x', [1]], ['r', 'y', []]], [['r', 'y', [1]], ['r', 'x', []]]);
    const r = await check(fork);
    expect(r.anomalies?.map((a) => a.kind)).toEqual(['G-nonadjacent']);
    expect(r.models?.['snapshot-isolation'].status).toBe('ruled-out');
    expect(r.models?.['transactional-causal'].status).toBe('holds');
  });

  it('holds for a G-single whose ww edge is on another key than its rw edge', async () => {
    // R misses W's x=1 (rw on x); W's y=1 precedes U's y=2 (ww on y, seen by Q); R read U's z=1 (wr).
    const h = concurrentOk(
      [['append', 'x', 1], ['append', 'y', 1]],
      [['append', 'y', 2], ['append', 'z', 1]],
      [['r', 'x', []], ['r', 'z', [1]]],
      [['r', 'y', [1, 2]]],
    );
    const r = await check(h);
    expect(r.anomalies?.map((a) => a.kind)).toEqual(['G-single']);
    expect(r.models?.['snapshot-isolation']).toEqual({ status: 'ruled-out', by: ['G-single'] });
    expect(r.models?.['transactional-causal'].status).toBe('holds');
  });

  it('rules it out when the ww edges after the rw edge are on the same key', async () => {
    // R read x=[1], so rw to the appender of 2, then ww (x) to U's 3; U is read by V, which R reads.
    const h = concurrentOk(
      [['append', 'x', 1]],
      [['append', 'x', 2]],
      [['append', 'x', 3], ['append', 'y', 1]],
      [['r', 'y', [1]], ['append', 'z', 1]],
      [['r', 'z', [1]], ['r', 'x', [1]]],
      [['r', 'x', [1, 2, 3]]],
    );
    const r = await check(h);
    expect(r.models?.['transactional-causal']).toEqual({ status: 'ruled-out', by: ['causal-cycle'] });
    const a = r.anomalies?.find((x) => x.kind === 'causal-cycle');
    expect(a?.explanation).toContain('read "x" = [1], without 3, which T1 appended');
  });

  it('does not count process order: a process missing its own earlier write is no causal violation here', async () => {
    const h = new TxnHistory().invoke(1, [['r', 'z', []]]).txn(0, [['append', 'x', 1]]).txn(0, [['r', 'x', []]]).complete(1).ops;
    const r = await check(h);
    expect(r.models?.['strong-session-serializable'].status).toBe('ruled-out');
    expect(r.models?.['transactional-causal'].status).toBe('holds');
    expect(r.anomalies?.some((a) => a.kind === 'causal-cycle')).toBe(false);
  });

  it('finds the violation through an unknown-outcome writer another read shows committed', () => {
    // T0 (info) appended x=1 and y=1; T1 read y=[1] (so T0 committed) and appended z=1; T2 read z=[1], x=[].
    const h = new TxnHistory()
      .invoke(0, [['append', 'x', 1], ['append', 'y', 1]])
      .concurrent([{ process: 1, mops: [['r', 'y', [1]], ['append', 'z', 1]] }, { process: 2, mops: [['r', 'z', [1]], ['r', 'x', []]] }])
      .complete(0, 'info').ops;
    const kinds = checkListAppend(h, opts).anomalies.map((a) => a.kind);
    expect(kinds).toContain('causal-cycle');
  });

  it('leaves it undecided when the budget runs out before the search settles', async () => {
    const h = concurrentOk([['append', 'x', 1]], [['append', 'y', 1]], [['r', 'x', [1]], ['r', 'y', []]], [['r', 'y', [1]], ['r', 'x', []]]);
    const r = checkListAppend(h, { ...opts, budget: 1 });
    expect(r.undecided).toContain('causal-cycle');
    const c = await listAppendEntry
      .create(checkerOptionsSchema(listAppendEntry).parse({ 'consistency-models': 'transactional-causal', 'cycle-search-budget': '1' }))
      .check(test, h, {});
    expect(c.models?.['transactional-causal'].status).toBe('unknown');
  });
});
