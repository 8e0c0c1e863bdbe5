/**
 * Target `raft-kv`: the bundled Raft key-value store (targets/raft-kv/server.ts), run as one Node
 * process per node. Every node is told, per peer, the address it must dial — `cluster.peerAddress`,
 * which the local runtime points at a fault-injecting proxy on each directed link. The wall clock
 * honours an offset file (`clockOffsetFile`) so the clock nemesis works on every platform.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compiledPath } from '../../src/core/paths.js';
import type { ClusterPlan, NodePlan, NodeRef, NodeSpec, Target } from '../../src/core/target.js';
import { KV_CLIENT_OPS, kvOpsClient } from './client/kv-ops-client.js';
import { clientAgent, exchange } from './client/http-transport.js';
import type { NodeStatus } from './kv/protocol.js';
import { raftKvOptionsSchema, serverFlags, type RaftKvOptions } from './options.js';

/**
 * Where node `node`'s clock offset file lives: `clockOffsetFile` on the plan if the runtime sets it,
 * else `<name>.clock-offset-ms` beside the node's data directory. The file holds milliseconds.
 */
export function clockOffsetFile(node: NodePlan): string {
  return node.clockOffsetFile ?? join(dirname(node.dataDir), `${node.name}.clock-offset-ms`);
}

/** How to start `node` of `cluster`. */
export function raftKvNodeSpec(node: NodePlan, cluster: ClusterPlan, opts: RaftKvOptions): NodeSpec {
  const peers = cluster.nodes
    .filter((n) => n.name !== node.name)
    .map((n) => {
      const a = cluster.peerAddress(node.name, n.name);
      return `${n.name}=${a.host}:${a.port}`;
    })
    .join(',');
  return {
    command: process.execPath,
    args: [
      compiledPath('targets/raft-kv/server.ts'),
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
  ops: KV_CLIENT_OPS,
  nodeCounts: [1, 3, 5, 7],
  perLinkPeers: true,
  peerFraming: 'u32be-length',
  clockSkew: 'offset-file',
  async checkInstalled() {
    const server = compiledPath('targets/raft-kv/server.ts');
    return existsSync(server) ? undefined : `raft-kv is not built: ${server} is missing; run \`npm run build\``;
  },
  nodeSpec: raftKvNodeSpec,
  async isReady(node, _opts, signal) {
    return (await nodeStatus(node, signal)) !== undefined;
  },
  async isClusterReady(nodes, opts, signal) {
    if (opts.replication === 'leaderless') return (await Promise.all(nodes.map((n) => nodeStatus(n, signal)))).every((s) => s !== undefined);
    return (await leaders(nodes, opts, signal)).length === 1;
  },
  leaders,
  async openClient(node, ctx) {
    return kvOpsClient(ctx.nodes, node, { leaderless: ctx.opts.replication === 'leaderless' });
  },
  async version() {
    return 'bundled';
  },
};
