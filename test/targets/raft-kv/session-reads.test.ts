/**
 * `read-mode=session` on three real processes whose peer links go through link proxies. One follower
 * is cut off from the leader, so it lags. A client bound to that follower writes, then reads: its
 * session carries the index of the write, so the lagging follower does not answer from its old
 * state; it waits (and the client's next attempt goes elsewhere), and answers once it has caught up.
 * In `read-mode=follower` the same client reads its own write back as absent: the stale read the
 * session mode exists to prevent.
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

const op = (f: string, key: string, value: unknown = null): Op => ({ index: 0, time: 0, process: 0, type: 'invoke', f, key, value });

/** A proxied cluster in `mode` with one follower cut off from the leader; returns both names. */
async function laggingFollower(mode: string): Promise<{ c: ProcessCluster; leader: string; lagger: string }> {
  const c = await ProcessCluster.start(3, { 'read-mode': mode }, [], { proxied: true });
  cluster = c;
  const leader = await c.leader();
  const lagger = c.nodes.find((n) => n.name !== leader)!.name;
  c.partition({ [lagger]: [leader] });
  return { c, leader, lagger };
}

describe('raft-kv read-mode=session', () => {
  it('a client never reads older than what it last saw, even when its reads go to a lagging follower', async () => {
    const { c, leader, lagger } = await laggingFollower('session');
    const client = kvOpsClient(c.nodes, c.node(lagger));
    const agent = clientAgent();
    try {
      const signal = AbortSignal.timeout(20_000);
      for (let v = 1; v <= 5; v++) {
        expect(await client.invoke(op('write', 'x', v), signal)).toEqual({ type: 'ok', value: v });
        expect(await client.invoke(op('read', 'x'), signal)).toEqual({ type: 'ok', value: v });
      }
      expect(await client.invoke(op('add', 's', 'e'), signal)).toMatchObject({ type: 'ok' });
      expect(await client.invoke(op('read', 's'), signal)).toEqual({ type: 'ok', value: ['e'] });

      // The lagging follower itself: without an index it answers at once, from its old state; with
      // the index of the last write it does not answer while cut off.
      const lagNode = c.node(lagger);
      const fresh = await exchange(agent, c.node(leader), '/kv', { client: 'probe', seq: 1, f: 'read', key: 'x' });
      expect(fresh).toMatchObject({ status: 200, body: { type: 'ok', value: 5 } });
      const index = (fresh as { body: { index: number } }).body.index;
      const stale = await exchange(agent, lagNode, '/kv', { client: 'probe', seq: 2, f: 'read', key: 'x' });
      expect(stale).toMatchObject({ status: 200, body: { type: 'ok' } });
      expect((stale as { body: { value: unknown } }).body.value).not.toBe(5);
      const waiting = await exchange(agent, lagNode, '/kv', { client: 'probe', seq: 3, f: 'read', key: 'x', after: index }, AbortSignal.timeout(600));
      expect(waiting.kind).toBe('aborted');

      // Healed while a read waits there: the follower catches up and answers it with the write.
      const answer = exchange(agent, lagNode, '/kv', { client: 'probe', seq: 4, f: 'read', key: 'x', after: index }, AbortSignal.timeout(10_000));
      c.partition({});
      const healed = await answer;
      expect(healed).toMatchObject({ status: 200, body: { type: 'ok', value: 5 } });
      expect((healed as { body: { index: number } }).body.index).toBeGreaterThanOrEqual(index);
    } finally {
      agent.destroy();
      await client.close();
    }
  });

  it('read-mode=follower: the same client reads its own write back as absent', async () => {
    const { c, lagger } = await laggingFollower('follower');
    const client = kvOpsClient(c.nodes, c.node(lagger));
    try {
      const signal = AbortSignal.timeout(10_000);
      expect(await client.invoke(op('write', 'x', 1), signal)).toEqual({ type: 'ok', value: 1 });
      expect(await client.invoke(op('read', 'x'), signal)).toEqual({ type: 'ok', value: null });
    } finally {
      await client.close();
    }
  });
});
