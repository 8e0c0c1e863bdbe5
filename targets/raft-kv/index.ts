/**
 * Target `raft-kv`: the bundled Raft key-value store (targets/raft-kv/server.ts), run as one Node
 * process per node (a `node-script` program: each runtime provides Node and the compiled server). Every node is told, per peer, the address it must dial — `cluster.peerAddress`,
 * which the local runtime points at a fault-injecting proxy on each directed link. The wall clock
 * honours an offset file (`clockOffsetFile`) so the clock nemesis works on every platform.
 */
import { dirname, join } from 'node:path';
import type { ClusterPlan, NodePlan, NodeRef, NodeSpec, Program, Target } from '../../src/core/target.js';
import { KV_CLIENT_OPS, kvOpsClient } from './client/kv-ops-client.js';
import { clientAgent, exchange } from './client/http-transport.js';
import { LEADERLESS_OPS, type NodeStatus } from './kv/protocol.js';
import { raftKvOptionsSchema, serverFlags, type RaftKvOptions } from './options.js';

/**
 * Where node `node`'s clock offset file lives: `clockOffsetFile` on the plan if the runtime sets it,
 * else `<name>.clock-offset-ms` beside the node's data directory. The file holds milliseconds.
 */
export function clockOffsetFile(node: NodePlan): string {
  return node.clockOffsetFile ?? join(dirname(node.dataDir), `${node.name}.clock-offset-ms`);
}

/** The program every raft-kv node runs: the server of this package, compiled under dist/. */
export const RAFT_KV_PROGRAM: Program = { kind: 'node-script', script: 'targets/raft-kv/server.ts' };

/** How to start `node` of `cluster` (args for RAFT_KV_PROGRAM). */
export function raftKvNodeSpec(node: NodePlan, cluster: ClusterPlan, opts: RaftKvOptions): NodeSpec {
  const peers = cluster.nodes
    .filter((n) => n.name !== node.name)
    .map((n) => {
      const a = cluster.peerAddress(node.name, n.name);
      return `${n.name}=${a.host}:${a.port}`;
    })
    .join(',');
  return {
    args: [
      '--id', node.name,
      '--listen', `${node.host}:${node.clientPort}`,
      '--peer-listen', `${node.host}:${node.peerPort}`,
      '--peers', peers,
      '--data-dir', node.dataDir,
      '--clock-offset-file', clockOffsetFile(node),
      ...serverFlags(opts, node.name),
    ],
  };
}

/** A node's /status, or undefined when it does not answer. */
export async function nodeStatus(node: NodeRef, signal?: AbortSignal): Promise<NodeStatus | undefined> {
  const agent = clientAgent();
  try {
    const x = await exchange(agent, node, '/status', undefined, signal);
    return x.kind === 'reply' && x.status === 200 ? (x.body as unknown as NodeStatus) : undefined;
  } finally {
    agent.destroy();
  }
}

async function leaders(nodes: NodeRef[], opts: RaftKvOptions, signal: AbortSignal): Promise<string[]> {
  if (opts.replication === 'leaderless') return [];
  const all = await Promise.all(nodes.map((n) => nodeStatus(n, signal)));
  const live = all.filter((s): s is NodeStatus => s !== undefined && s.role === 'leader');
  const top = Math.max(...live.map((s) => s.term));
  return live.filter((s) => s.term === top).map((s) => s.id);
}

export const raftKvTarget: Target<RaftKvOptions> = {
  name: 'raft-kv',
  description: 'the bundled Raft key-value store (TypeScript); read modes, a leaderless AP mode and fault switches via --target-opt',
  optionsSchema: raftKvOptionsSchema,
  ops: (opts) => (opts.replication === 'leaderless' ? LEADERLESS_OPS : KV_CLIENT_OPS),
  nodeCounts: [1, 3, 5, 7],
  perLinkPeers: true,
  peerFraming: 'u32be-length',
  clockSkew: 'offset-file',
  program: () => RAFT_KV_PROGRAM,
  nodeSpec: raftKvNodeSpec,
  async isReady(node, _opts, signal) {
    return (await nodeStatus(node, signal)) !== undefined;
  },
  async isClusterReady(nodes, opts, signal) {
    if (opts.replication === 'leaderless') return (await Promise.all(nodes.map((n) => nodeStatus(n, signal)))).every((s) => s !== undefined);
    return (await leaders(nodes, opts, signal)).length === 1;
  },
  leaders,
  leaderless: (opts) => opts.replication === 'leaderless',
  tradeoffs: [
    { name: 'log', opts: { 'read-mode': 'log' }, note: 'reads through the log: linearizable, a round of replication per read' },
    { name: 'read-index', opts: { 'read-mode': 'read-index' }, note: 'leader confirms leadership per read: linearizable' },
    { name: 'lease', opts: { 'read-mode': 'lease' }, note: 'leader trusts a clock lease: linearizable while clocks behave' },
    { name: 'local', opts: { 'read-mode': 'local' }, note: 'leader answers at once: a deposed leader may serve stale reads' },
    { name: 'session', opts: { 'read-mode': 'session' }, note: 'a node answers once it has applied what the client last saw: causal and session guarantees, not linearizable' },
    { name: 'follower', opts: { 'read-mode': 'follower' }, note: 'any node answers from its own state: available on both sides, stale' },
    { name: 'leaderless', opts: { replication: 'leaderless' }, note: 'every node takes writes and merges (last writer wins on a hybrid clock): available on both sides, eventual; no cas' },
  ],
  async openClient(node, ctx) {
    return kvOpsClient(ctx.nodes, node, { leaderless: ctx.opts.replication === 'leaderless' });
  },
  async version() {
    return 'bundled';
  },
};
