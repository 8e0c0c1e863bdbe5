/**
 * The set and counter ops on three real Raft processes through the faultline client: `add` and
 * `incr` are acknowledged, `read` returns a set as its sorted elements and a counter as a number, a
 * kind mismatch is a definite `fail`, and a retried (client, seq) is applied once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../../src/core/op.js';
import { clientAgent, exchange } from '../../../targets/raft-kv/client/http-transport.js';
import { kvOpsClient } from '../../../targets/raft-kv/client/kv-ops-client.js';
import { ProcessCluster } from './support/process-cluster.js';

let cluster: ProcessCluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

const op = (f: string, key: string, value?: unknown): Op => ({ index: 0, time: 0, process: 0, type: 'invoke', f, key, value: value ?? null });

describe('raft-kv set and counter ops', () => {
  it('adds, increments and reads through the faultline client', async () => {
    cluster = await ProcessCluster.start(3);
    const leader = await cluster.leader();
    const client = kvOpsClient(cluster.nodes, cluster.node(leader));
    try {
      const signal = AbortSignal.timeout(10_000);
      for (const v of [3, 1, 2, 1]) expect(await client.invoke(op('add', 's', v), signal)).toEqual({ type: 'ok', value: v });
      for (const d of [5, -2, 10]) expect(await client.invoke(op('incr', 'c', d), signal)).toEqual({ type: 'ok', value: d });
      expect(await client.invoke(op('read', 's'), signal)).toEqual({ type: 'ok', value: [1, 2, 3] });
      expect(await client.invoke(op('read', 'c'), signal)).toEqual({ type: 'ok', value: 13 });
      expect(await client.invoke(op('read', 'none'), signal)).toEqual({ type: 'ok', value: null });
      expect(await client.invoke(op('incr', 's', 1), signal)).toEqual({ type: 'fail', value: 1, error: 'wrong-type' });
      await expect(client.invoke(op('incr', 'c', 1.5), signal)).rejects.toMatchObject({ definite: true });
    } finally {
      await client.close();
    }
  });

  it('applies a retried incr once and answers the retry with the first result', async () => {
    cluster = await ProcessCluster.start(3);
    const leader = cluster.node(await cluster.leader());
    const agent = clientAgent();
    try {
      const incr = { client: 'retrying', seq: 1, f: 'incr', key: 'c', value: 7 };
      for (let i = 0; i < 3; i++) expect(await exchange(agent, leader, '/kv', incr)).toMatchObject({ status: 200, body: { type: 'ok' } });
      const add = { client: 'retrying', seq: 2, f: 'add', key: 's', value: 'e' };
      for (let i = 0; i < 2; i++) expect(await exchange(agent, leader, '/kv', add)).toMatchObject({ status: 200, body: { type: 'ok' } });
      const read = await exchange(agent, leader, '/kv', { client: 'reader', seq: 1, f: 'read', key: 'c' });
      expect(read).toMatchObject({ body: { type: 'ok', value: 7 } });
    } finally {
      agent.destroy();
    }
  });
});
