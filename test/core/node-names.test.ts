/** Node names come from one place, and the run plan and the local runtime's layout use it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeName, nodeNames } from '../../src/core/node-names.js';
import { planLocalCluster } from '../../src/runtimes/local-plan.js';
import { workloadContext, resolveParts } from '../../src/runner/plan.js';
import { runOptionsSchema } from '../../src/runner/run-options.js';

describe('node names', () => {
  it('are n1 … nN, in order', () => {
    expect(nodeNames(3)).toEqual(['n1', 'n2', 'n3']);
    expect(nodeName(8)).toBe('n9');
    expect(nodeNames(0)).toEqual([]);
  });

  it('refuse a bad count or index, naming the function and the value', () => {
    expect(() => nodeNames(-1)).toThrow('nodeNames: count must be a whole number from 0, got -1');
    expect(() => nodeName(1.5)).toThrow('nodeName: index must be a whole number from 0, got 1.5');
  });

  it('are the same in the workload context and in the local runtime’s layout', async () => {
    const o = runOptionsSchema.parse({ target: 'raft-kv', workload: 'register', nemesis: ['none'], nodes: 5, concurrency: 2, timeLimit: 1, seed: 1, rate: 0, opTimeout: 5 });
    expect(workloadContext(o, resolveParts(o)).nodes).toEqual(nodeNames(5));
    const dir = mkdtempSync(join(tmpdir(), 'faultline-names-'));
    try {
      const plan = await planLocalCluster(5, dir);
      expect(plan.nodes.map((n) => n.name)).toEqual(nodeNames(5));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
