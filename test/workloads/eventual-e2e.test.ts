/**
 * The eventual workloads end to end against raft-kv's leaderless replication (real processes, the
 * real CLI): under a clock strobe, last-writer-wins on the wall clock loses acknowledged adds and
 * set-full says so (lost elements, `eventual` ruled out), while the hybrid logical clock keeps every
 * one; the counter workload under partitions that cut clients with their node stays eventual (every
 * replica's final read exact, the replicas agree) with reads answered on both sides.
 */
import { describe, expect, it } from 'vitest';
import { expectNoLeftovers, modelStatus, useModeRuns } from '../targets/raft-kv/support/mode-run.js';

const run = useModeRuns('faultline-eventual-e2e-');
const STROBE = ['--nemesis', 'clock', '--nemesis-opt', 'clock.modes=strobe', '--time-limit', '8', '--seed', '5'];

describe('set and counter workloads on leaderless raft-kv', () => {
  it('lww on the wall clock under a clock strobe loses acknowledged adds; set-full reports them', async () => {
    const r = await run('wall', ['--workload', 'set', '--target-opt', 'replication=leaderless', '--target-opt', 'lww-clock=wall', ...STROBE]);
    expect(r.code, r.output).toBe(1);
    expect(r.results.checks['set-full'].valid).toBe(false);
    expect(r.results.checks['set-full'].anomalies!.some((a) => a.kind === 'lost'), r.output).toBe(true);
    expect(modelStatus(r, ['eventual']), r.output).toEqual({ eventual: 'ruled-out' });
    expectNoLeftovers(r);
  }, 200_000);

  it('the hybrid logical clock under the same strobe loses nothing', async () => {
    const r = await run('hlc', ['--workload', 'set', '--target-opt', 'replication=leaderless', '--target-opt', 'lww-clock=hlc', ...STROBE]);
    expect(r.code, r.output).toBe(0);
    expect(r.results.checks['set-full'].anomalies?.filter((a) => a.kind === 'lost') ?? []).toEqual([]);
    expect(r.results.checks.convergence.valid).toBe(true);
    expect(modelStatus(r, ['eventual']), r.output).toEqual({ eventual: 'holds' });
    expectNoLeftovers(r);
  }, 200_000);

  it('counters converge to the exact count after partitions, answering on both sides', async () => {
    const r = await run('counter', ['--workload', 'counter', '--target-opt', 'replication=leaderless', '--nemesis', 'partition', '--nemesis-opt', 'partition.clients=true', '--nemesis-opt', 'partition.modes=halves', '--time-limit', '8', '--seed', '5']);
    expect(r.code, r.output).toBe(0);
    expect(r.results.checks.counter.valid).toBe(true);
    expect(r.results.checks.convergence.valid).toBe(true);
    expect(modelStatus(r, ['eventual']), r.output).toEqual({ eventual: 'holds' });
    const done = r.ops.filter((op) => typeof op.process === 'number' && op.type !== 'invoke');
    expect(done.length).toBeGreaterThan(100);
    expect(done.filter((op) => op.type !== 'ok'), 'ops that did not complete ok').toEqual([]);
    expectNoLeftovers(r);
  }, 200_000);
});
