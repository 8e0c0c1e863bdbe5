/**
 * The linearizability checker out of time: a history it cannot decide within its budget is
 * `unknown`, never `valid`. The history's hard key takes about a million search steps (14 writes
 * of unknown outcome, then a read of a value nobody wrote: every order of every subset of the
 * writes must be ruled out), so a 1 ms budget cannot decide it on any machine, while with time the
 * same history is decided: not linearizable.
 */
import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import type { TestInfo } from '../../src/core/checker.js';
import type { Op } from '../../src/core/op.js';

const test: TestInfo = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 15, seed: 1 };
const HARD_WRITES = 14;

/** Key `easy`: a write and a read of it. Key `hard`: 14 writes that time out, then a read of 999. */
function undecidableInTime(): Op[] {
  const rows: Omit<Op, 'index' | 'time'>[] = [
    { process: 20, type: 'invoke', f: 'write', value: 1, key: 'easy' },
    { process: 20, type: 'ok', f: 'write', value: 1, key: 'easy' },
    { process: 20, type: 'invoke', f: 'read', value: null, key: 'easy' },
    { process: 20, type: 'ok', f: 'read', value: 1, key: 'easy' },
  ];
  for (let p = 0; p < HARD_WRITES; p++) rows.push({ process: p, type: 'invoke', f: 'write', value: p, key: 'hard' });
  for (let p = 0; p < HARD_WRITES; p++) rows.push({ process: p, type: 'info', f: 'write', value: p, key: 'hard', error: 'timeout' });
  rows.push({ process: HARD_WRITES, type: 'invoke', f: 'read', value: null, key: 'hard' });
  rows.push({ process: HARD_WRITES, type: 'ok', f: 'read', value: 999, key: 'hard' });
  return rows.map((r, index) => ({ index, time: index * 1000, ...r }));
}

describe('linearizable checker budget', () => {
  it('says unknown, with the reason, when its time runs out; never valid', async () => {
    const r = await linearizableChecker({ model: 'register', timeoutMs: 1 }).check(test, undecidableInTime(), {});
    expect(r.valid).toBe('unknown');
    expect(r.error).toMatch(/undecided after 1 ms/);
    expect(r.anomalies ?? []).toEqual([]);
    const stats = r.stats as { partitions: number; decided: number };
    expect(stats.partitions).toBe(2);
    expect(stats.decided).toBeLessThan(2);
  });

  it('given time, decides the same history: not linearizable, at the hard key', async () => {
    const r = await linearizableChecker({ model: 'register' }).check(test, undecidableInTime(), {});
    expect(r.valid).toBe(false);
    expect(r.anomalies!.map((a) => a.key)).toEqual(['hard']);
  });
});
