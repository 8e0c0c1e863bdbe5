/**
 * Transactional causal consistency from the rw-register checker: ruled out where a read returned a
 * version that must precede a write of its causal past (the initial state, or a version the writer's
 * chain of read-then-write transactions followed), never shown to hold (a register hides the rest of
 * the version order).
 */
import { describe, expect, it } from 'vitest';
import { rwRegisterEntry } from '../../src/checkers/rw-register-entry.js';
import type { Op } from '../../src/core/op.js';
import { concurrentOk } from '../elle/support/txn-history.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

const test = { name: 't', workload: 'rw-register', target: 't', concurrency: 2, seed: 1 };
const check = (history: Op[], opts: Record<string, unknown> = {}) =>
  rwRegisterEntry.create(checkerOptionsSchema(rwRegisterEntry).parse({ 'consistency-models': 'transactional-causal', ...opts })).check(test, history, {});

describe('rw-register: transactional causal consistency', () => {
  it('rules it out when a read returns the initial state although a write of the key causally precedes it', async () => {
    const h = concurrentOk([['w', 'x', 1]], [['r', 'x', 1], ['w', 'y', 1]], [['r', 'y', 1], ['r', 'x', null]]);
    const r = await check(h);
    expect(r.models?.['transactional-causal']).toEqual({ status: 'ruled-out', by: ['causal-cycle'] });
    const a = r.anomalies?.find((x) => x.kind === 'causal-cycle');
    expect(a?.graph?.edges.map((e) => e.label)).toEqual(['wr', 'wr', 'rw']);
    expect(a?.explanation).toContain('T3 read "x" = null, the initial state, although T1 wrote "x" = 1');
  });

  it('rules it out when the version read precedes a causally earlier write through reads-then-writes', async () => {
    // T1 read x = 1 and wrote x = 2 (so 1 before 2) and y = 1; T2 read y = 1, then x = 1.
    const h = concurrentOk([['w', 'x', 1]], [['r', 'x', 1], ['w', 'x', 2], ['w', 'y', 1]], [['r', 'y', 1], ['r', 'x', 1]]);
    const r = await check(h);
    expect(r.models?.['transactional-causal'].status).toBe('ruled-out');
    expect(r.anomalies?.find((x) => x.kind === 'causal-cycle')?.explanation).toContain('read "x" = 1, a version before T1\'s "x" = 2');
  });

  it('leaves it undecided, never holding, when nothing rules it out', async () => {
    const h = concurrentOk([['w', 'x', 1]], [['r', 'x', 1], ['w', 'y', 1]], [['r', 'y', 1], ['r', 'x', 1]]);
    const r = await check(h);
    expect(r.anomalies).toEqual([]);
    expect(r.models?.['transactional-causal'].status).toBe('unknown');
  });
});
