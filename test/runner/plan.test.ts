/**
 * The plan of a run: which workloads a target can run (by the client ops it supports), and the
 * generator of a whole run (buildGenerator) on the simulated clock — the default run (10 s,
 * partition,kill,pause, the default nemesis interval) starts every kind of fault it promises, for
 * every seed.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { simulate } from '../../src/core/generators/simulate.js';
import { buildGenerator, checkWorkloadOps, resolveParts } from '../../src/runner/plan.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { DEFAULT_NEMESES } from '../../nemeses/index.js';
import { targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';

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

  it('starts a partition, a kill and a pause within its 10 s of load, whatever the seed', () => {
    const starts = { 'start-partition': 'partition', kill: 'kill', pause: 'pause' } as Record<string, string>;
    for (let seed = 0; seed < 40; seed++) {
      const o = defaults(seed);
      // Every op takes 50 ms: the load is bounded by time, not by op count.
      const history = simulate(buildGenerator(o, resolveParts(o)), {
        concurrency: 6, nemesis: true, seed, nodes: ['n1', 'n2', 'n3'], maxOps: 100_000,
        latency: 50e6,
      });
      const started = history.filter((op) => op.process === 'nemesis' && op.type === 'invoke' && op.time < 10e9 && op.f in starts);
      expect(new Set(started.map((op) => starts[op.f])), `seed ${seed}`).toEqual(new Set(DEFAULT_NEMESES));
    }
  });
});

describe('which workloads a target runs', () => {
  const kv = { name: 'kv-only', ops: ['read', 'write'] };
  const all = [
    { name: 'register', ops: ['read', 'write', 'cas'] },
    { name: 'list-append', ops: ['txn'] },
    { name: 'reads', ops: ['read'] },
  ];

  it('runs a workload whose ops the client supports, whatever the workload is called', () => {
    expect(() => checkWorkloadOps(all[2], kv, all)).not.toThrow();
  });

  it('refuses the others, naming the missing ops, what the client supports and what it can run', () => {
    const e = (() => {
      try {
        checkWorkloadOps(all[0], kv, all);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe(
      "--workload register: target kv-only's client does not support the op cas that it needs (the client supports read, write; workloads it can run: reads)",
    );
    expect(() => checkWorkloadOps(all[1], kv, all)).toThrow(/the op txn that it needs/);
  });

  it('every registered target runs the register workload', () => {
    for (const t of Object.values(targets)) expect(() => checkWorkloadOps(workloads.register, t, Object.values(workloads))).not.toThrow();
    expect(resolveParts(runOptionsSchema.parse({ target: 'etcd', workload: 'register', nodes: 3, concurrency: 3, timeLimit: 1, seed: 1, rate: 0, opTimeout: 1 })).target.name).toBe('etcd');
  });
});
