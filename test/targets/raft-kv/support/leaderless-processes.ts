/**
 * Three real raft-kv processes in `replication=leaderless` mode behind link proxies, for the
 * leaderless integration tests: one faultline client per node (bound to it, as the runner binds
 * them), reads that must succeed, and a wait until every node reads a key the same. `useLeaderless`
 * registers the afterEach that closes the clients and destroys the cluster, also on failure.
 */
import { afterEach, expect } from 'vitest';
import type { Client } from '../../../../src/core/client.js';
import type { Op } from '../../../../src/core/op.js';
import { kvOpsClient } from '../../../../targets/raft-kv/client/kv-ops-client.js';
import { ProcessCluster } from './process-cluster.js';

/** A running leaderless cluster and the client bound to each node. */
export interface Leaderless {
  c: ProcessCluster;
  at: (node: string) => Client;
  /** Every node's clients so far, e.g. to add a fresh one after a restart. */
  clients: Client[];
}

/** An op as the runner would invoke it. */
export const kvOp = (f: string, key: string, value: unknown = null): Op => ({ index: 0, time: 0, process: 0, type: 'invoke', f, key, value });

/** A fresh signal for one op. */
export const opSignal = (): AbortSignal => AbortSignal.timeout(10_000);

/** Registers cleanup; returns the function that starts a cluster with extra target options. */
export function useLeaderless(): (opts?: Record<string, string>) => Promise<Leaderless> {
  let current: Leaderless | undefined;
  afterEach(async () => {
    const l = current;
    current = undefined;
    if (!l) return;
    await Promise.all(l.clients.splice(0).map((x) => x.close()));
    await l.c.destroy();
  });
  return async (opts = {}) => {
    const c = await ProcessCluster.start(3, { replication: 'leaderless', 'anti-entropy-ms': '200', ...opts }, [], { proxied: true });
    const clients: Client[] = [];
    const byNode = new Map<string, Client>();
    const at = (node: string): Client => {
      if (!byNode.has(node)) {
        const client = kvOpsClient(c.nodes, c.node(node), { leaderless: true });
        clients.push(client);
        byNode.set(node, client);
      }
      return byNode.get(node)!;
    };
    current = { c, at, clients };
    for (const n of c.nodes) {
      await c.until(`${n.name} serving`, () => c.status(n.name)).catch((e: Error) => {
        throw new Error(`${e.message}; its log:\n${c.log(n.name).slice(-2000)}`);
      });
    }
    return current;
  };
}

/** Reads `key` through `client`; the read must succeed. */
export async function readOk(client: Client, key: string): Promise<unknown> {
  const r = await client.invoke(kvOp('read', key), opSignal());
  expect(r.type).toBe('ok');
  return r.value;
}

/** Waits until every node reads `key` the same, and returns what they read. */
export async function converged({ c, at }: Leaderless, key: string): Promise<unknown> {
  return c.until(`every node to read the same ${key}`, async () => {
    const values = await Promise.all(c.nodes.map((n) => readOk(at(n.name), key)));
    return values.every((v) => JSON.stringify(v) === JSON.stringify(values[0])) ? values[0] : undefined;
  });
}
