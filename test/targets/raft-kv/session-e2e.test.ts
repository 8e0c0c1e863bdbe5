/**
 * End to end: `faultline run --target raft-kv --target-opt read-mode=session` under partitions. Reads
 * are served by any node that has applied what the client last saw, so the register workload's
 * history keeps causal consistency and every session guarantee (and, since every node applies one
 * log, sequential consistency), whatever linearizability says. The same run in `read-mode=follower`
 * is ruled out for read-your-writes and causal consistency: the checkers can tell the two apart.
 */
import { describe, expect, it } from 'vitest';
import { expectNoLeftovers, modelStatus, useModeRuns } from './support/mode-run.js';

const run = useModeRuns('faultline-session-e2e-');

const HOLD = ['sequential', 'causal-memory', 'causal-convergence', 'causal', 'read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'];

const ARGS = ['--nemesis', 'partition', '--nemesis-interval', '3', '--time-limit', '15', '--seed', '3'];

describe('read-mode=session end to end', () => {
  it.concurrent('holds for causal consistency and every session guarantee under partitions', async () => {
    const r = await run('session', ['--target-opt', 'read-mode=session', ...ARGS]);
    expect(r.ops.some((op) => op.process === 'nemesis' && op.f === 'start-partition' && op.type === 'ok'), r.output).toBe(true);
    const reads = r.ops.filter((op) => op.f === 'read' && op.type === 'ok');
    expect(reads.length, r.output).toBeGreaterThan(100);
    expect(modelStatus(r, HOLD), r.output).toEqual(Object.fromEntries(HOLD.map((m) => [m, 'holds'])));
    expectNoLeftovers(r);
  }, 200_000);

  it.concurrent('read-mode=follower under the same faults is ruled out for read-your-writes and causal', async () => {
    const r = await run('follower', ['--target-opt', 'read-mode=follower', ...ARGS]);
    expect(modelStatus(r, ['read-your-writes', 'causal', 'linearizable']), r.output).toEqual({ 'read-your-writes': 'ruled-out', causal: 'ruled-out', linearizable: 'ruled-out' });
    expectNoLeftovers(r);
  }, 200_000);
});
