/**
 * Every read mode and fault switch starts a working cluster: a write followed by a read of the same
 * key through the faultline client sees the write (no faults are injected here; what each mode gets
 * wrong under faults is for the harness to find).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kvOpsClient } from '../../../targets/raft-kv/client/kv-ops-client.js';
import type { Op } from '../../../src/core/op.js';
import { ProcessCluster } from './support/process-cluster.js';

let cluster: ProcessCluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

const op = (f: string, value: unknown): Op => ({ index: 0, time: 0, process: 0, type: 'invoke', f, key: 'r', value });

const settings: Record<string, string>[] = [
  { 'read-mode': 'log' },
  { 'read-mode': 'lease' },
  { 'read-mode': 'local' },
  { 'read-mode': 'follower', fsync: 'false', 'ack-before-commit': 'true' },
];

describe('raft-kv read modes', () => {
  for (const opts of settings) {
    it(`serves the register workload with ${JSON.stringify(opts)}`, async () => {
      cluster = await ProcessCluster.start(3, opts);
      const leader = await cluster.leader();
      const client = kvOpsClient(cluster.nodes, cluster.node(leader));
      try {
        const signal = AbortSignal.timeout(5000);
        expect(await client.invoke(op('write', 3), signal)).toEqual({ type: 'ok', value: 3 });
        expect(await client.invoke(op('cas', [4, 5]), signal)).toEqual({ type: 'fail', value: [4, 5], error: 'cas-mismatch' });
        expect(await client.invoke(op('cas', [3, 4]), signal)).toEqual({ type: 'ok', value: [3, 4] });
        expect(await client.invoke(op('read', null), signal)).toEqual({ type: 'ok', value: 4 });
      } finally {
        await client.close();
      }
    });
  }
});
