/**
 * The plan of a run: which workloads a target can run (by the client ops it supports), and the
 * generator of a whole run (buildGenerator) on the simulated clock — the default run (10 s, the
 * default nemeses and interval) starts a partition, a kill and a pause, for every seed; a 60 s run
 * with the default nemeses also plays a stale-leader episode and a power loss, each with no other
 * fault in force. The schedule tests name the default mix, power loss included, which is refused where
 * the power-loss helper is not built: there they skip with the reason (and fail in CI).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../src/core/errors.js';
import { simulate } from '../../src/core/generators/simulate.js';
import { buildGenerator, checkWorkloadOps, resolveParts } from '../../src/runner/plan.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { DEFAULT_NEMESES, nemesisPackages } from '../../nemeses/index.js';
import { faultTracker } from '../../nemeses/fault-tracker.js';
import type { Op } from '../../src/core/op.js';
import { targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';
import { describeWith, powerLossFacility } from '../support/facility.js';

const defaults = (seed: number) =>
  runOptionsSchema.parse({
    target: 'raft-kv', workload: 'register', nemesis: [...DEFAULT_NEMESES], nodes: 3, concurrency: 6, timeLimit: 10, seed, rate: 0, opTimeout: 5,
  });

describe('the default run', () => {
  it('has a nemesis interval short enough for its time limit', () => {
    expect(defaults(1).nemesisInterval).toBe(2);
    expect(runOptionsSchema.parse({ ...defaults(1), nemesisInterval: undefined, timeLimit: 60 }).nemesisInterval).toBe(5);
    expect(runOptionsSchema.parse({ ...defaults(1), nemesisInterval: 7 }).nemesisInterval).toBe(7);
  });
});

describeWith([powerLossFacility], 'the default run, its schedule', () => {

  it('starts a partition, a kill and a pause within its 10 s of load, whatever the seed', () => {
    const starts = { 'start-partition': 'partition', kill: 'kill', pause: 'pause' } as Record<string, string>;
    expect(DEFAULT_NEMESES).toEqual(expect.arrayContaining(['partition', 'kill', 'pause']));
    for (let seed = 0; seed < 40; seed++) {
      const o = defaults(seed);
      // Every op takes 50 ms: the load is bounded by time, not by op count.
      const history = simulate(buildGenerator(o, resolveParts(o)), {
        concurrency: 6, nemesis: true, seed, nodes: ['n1', 'n2', 'n3'], maxOps: 100_000,
        latency: 50e6,
      });
      const started = history.filter((op) => op.process === 'nemesis' && op.type === 'invoke' && op.time < 10e9 && op.f in starts);
      expect(new Set(started.map((op) => starts[op.f])), `seed ${seed}`).toEqual(new Set(['partition', 'kill', 'pause']));
    }
  });

  it('in 60 s also plays a stale-leader episode and a power loss, each with no other fault in force, whatever the seed', () => {
    // Nemesis ops as long as in a real run: an episode ~5 s, power coming back ~2 s, others 50 ms
    // (client ops take 1 s here: only the schedule matters, and it does not wait for them).
    const nemesisLatency = (op: Op) => (op.f === 'start-stale-leader' ? 5e9 : op.f === 'stop-power-loss' ? 2e9 : 50e6);
    const latency = (op: Op) => (op.process === 'nemesis' ? nemesisLatency(op) : 1e9);
    for (let seed = 0; seed < 40; seed++) {
      const o = runOptionsSchema.parse({ ...defaults(seed), timeLimit: 60, nemesisInterval: undefined });
      const history = simulate(buildGenerator(o, resolveParts(o)), { concurrency: 6, nemesis: true, seed, nodes: ['n1', 'n2', 'n3'], maxOps: 200_000, latency });
      const tracker = faultTracker(nemesisPackages);
      const lone: string[] = [];
      for (const op of history) {
        if (op.process === 'nemesis' && op.type === 'invoke' && op.time < 60e9 && (op.f === 'start-stale-leader' || op.f === 'start-power-loss')) {
          expect(tracker.active(), `seed ${seed}: ${op.f} while other faults are in force`).toEqual([]);
          lone.push(op.f);
        }
        tracker.record(op);
      }
      expect(new Set(lone), `seed ${seed}`).toEqual(new Set(['start-stale-leader', 'start-power-loss']));
    }
  });
});

describe('which workloads a target runs', () => {
  const kv = { name: 'kv-only', ops: () => ['read', 'write'], optionsSchema: z.strictObject({}) };
  const none = { raw: {}, opts: {} };
  const all = [
    { name: 'register', ops: ['read', 'write', 'cas'] },
    { name: 'list-append', ops: ['txn'] },
    { name: 'reads', ops: ['read'] },
  ];

  it('runs a workload whose ops the client supports, whatever the workload is called', () => {
    expect(() => checkWorkloadOps(all[2], kv, none, all)).not.toThrow();
  });

  it('refuses the others, naming the missing ops, what the client supports and what it can run', () => {
    const e = (() => {
      try {
        checkWorkloadOps(all[0], kv, none, all);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(
      "--workload register: target kv-only's client does not support the op cas that it needs (the client supports read, write; workloads it can run: reads)",
    );
    expect(() => checkWorkloadOps(all[1], kv, none, all)).toThrow(/the op txn that it needs/);
  });

  it('every registered target runs the register workload', () => {
    for (const t of Object.values(targets)) expect(() => checkWorkloadOps(workloads.register, t, { raw: {}, opts: t.optionsSchema.parse({}) }, Object.values(workloads))).not.toThrow();
    expect(resolveParts(runOptionsSchema.parse({ target: 'etcd', workload: 'register', nodes: 3, concurrency: 3, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1 })).target.name).toBe('etcd');
  });

  it("follows the target's settings: raft-kv with replication=leaderless refuses list-append and rw-register, naming the setting", () => {
    const parts = (workload: string, targetOpts: Record<string, string>) =>
      resolveParts(runOptionsSchema.parse({ target: 'raft-kv', workload, targetOpts, nodes: 3, concurrency: 3, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1, nemesis: [] }));
    expect(() => parts('list-append', { replication: 'leaderless', 'anti-entropy-ms': '200' })).toThrow(
      new UserError(
        "--workload list-append: target raft-kv's client does not support the op txn that it needs with --target-opt replication=leaderless " +
          '(the client then supports read, write, cas, add, incr; workloads it can run: ' +
          Object.values(workloads).filter((w) => w.ops.every((f) => ['read', 'write', 'cas', 'add', 'incr'].includes(f))).map((w) => w.name).join(', ') + ')',
      ),
    );
    expect(() => parts('rw-register', { replication: 'leaderless' })).toThrow(/does not support the op txn that it needs with --target-opt replication=leaderless/);
    expect(parts('list-append', { 'txn-mode': 'split' }).workload.name).toBe('list-append');
    expect(parts('set', { replication: 'leaderless' }).workload.name).toBe('set');
    expect(parts('register', { replication: 'leaderless' }).workload.name).toBe('register');
  });
});
