import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { checkWorkloadOps, resolveParts } from '../../src/runner/plan.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';
import { targets } from '../../targets/index.js';
import { workloads } from '../../workloads/index.js';

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
