/**
 * End to end: `faultline run --target raft-kv --target-opt replication=leaderless` under partitions
 * that split the nodes into two sides and cut the clients with them. Clients are bound to every node:
 * while each partition lasts, every node (on both sides) acknowledges writes; every read and write of
 * the run completes ok (only compare-and-set is refused, definitely); and
 * the register histories are ruled out for linearizability (a side reads its own value while the
 * other side has acknowledged a newer one).
 */
import { describe, expect, it } from 'vitest';
import { expectNoLeftovers, modelStatus, useModeRuns } from './support/mode-run.js';

const run = useModeRuns('faultline-leaderless-e2e-');

describe('replication=leaderless end to end', () => {
  it('answers every read and write under partitions, and is ruled out for linearizability', async () => {
    const r = await run('leaderless', ['--target-opt', 'replication=leaderless', '--nemesis', 'partition', '--nemesis-opt', 'partition.modes=halves', '--nemesis-opt', 'partition.clients=true', '--nemesis-interval', '3', '--time-limit', '15', '--seed', '3']);
    const nemesis = r.ops.filter((op) => op.process === 'nemesis' && op.type !== 'invoke');
    const windows = nemesis.flatMap((op, i) => (op.f === 'start-partition' && op.type === 'ok' ? [[op.index, nemesis[i + 1]?.index ?? Infinity]] : []));
    expect(windows.length, r.output).toBeGreaterThan(0);
    for (const [from, to] of windows) {
      // A client's process p is bound to node p mod 3 (the runner binds thread t to node t mod n).
      const writers = r.ops.filter((op) => op.f === 'write' && op.type === 'ok' && op.index > from && op.index < to).map((op) => `n${((op.process as number) % 3) + 1}`);
      expect(new Set(writers), `nodes that acknowledged writes during the partition ${from}..${to}`).toEqual(new Set(['n1', 'n2', 'n3']));
    }
    const done = r.ops.filter((op) => typeof op.process === 'number' && op.type !== 'invoke');
    const rw = done.filter((op) => op.f === 'read' || op.f === 'write');
    expect(rw.length, r.output).toBeGreaterThan(200);
    expect(rw.filter((op) => op.type !== 'ok'), 'reads and writes that did not complete ok').toEqual([]);
    const cas = done.filter((op) => op.f === 'cas');
    expect(cas.length, r.output).toBeGreaterThan(0);
    expect(cas.every((op) => op.type === 'fail' && /unsupported/.test(String(op.error))), 'cas refused definitely').toBe(true);
    expect(modelStatus(r, ['linearizable']), r.output).toEqual({ linearizable: 'ruled-out' });
    expectNoLeftovers(r);
  }, 200_000);
});
