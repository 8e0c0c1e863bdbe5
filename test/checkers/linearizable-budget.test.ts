/**
 * The linearizability checker out of time: a history it cannot decide within its budget is
 * `unknown`, never `valid` (see support/hard-history.ts for why 1 ms cannot decide this one), while
 * with time the same history is decided: not linearizable.
 */
import { describe, expect, it } from 'vitest';
import { linearizableChecker } from '../../src/checkers/linearizable.js';
import type { TestInfo } from '../../src/core/checker.js';
import { undecidableInTime } from '../support/hard-history.js';

const test: TestInfo = { name: 't', workload: 'register', target: 'raft-kv', concurrency: 15, seed: 1 };

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
