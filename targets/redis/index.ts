/**
 * Target `redis`: Redis 7 from Debian's `redis-server` package as one primary with replicas, and
 * Redis Sentinel for failover. Node n1 starts as the primary and every other node as its replica
 * (`replicaof`); beside each node runs a Sentinel (`redis-server sentinel.conf --sentinel`, a sidecar
 * on the node's peer port: it survives the node's kill and pause) watching the primary with a
 * majority quorum. Both configuration files are generated afresh for each run (config.ts), since
 * both programs rewrite them.
 *
 * Clients (client.ts) follow Sentinel's view of the primary through ioredis. The cluster is ready
 * once every Sentinel names the same primary and knows every replica and every other Sentinel, and
 * every replica is in sync. `leaders` is the primary the Sentinels name.
 *
 * Redis takes no per-link peer addresses (replicas dial the primary's client port, Sentinels find each
 * other through it), so partitions need a runtime that faults hosts (netns, docker, ssh: each runs a
 * node's Sentinel in the node's network place); on the local runtime it
 * runs under kill and pause. On a cluster faultline did not start (external runtime) the cluster file
 * gives each Sentinel's port (`peer-port`): `peerPortService` makes the runtime refuse a file without.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ClusterPlan, NodePlan, NodeSpec, Program, Target } from '../../src/core/target.js';
import { redisClient } from './client.js';
import { REDIS_OPS } from './commands.js';
import { redisConf, redisConfPath, sentinelConf, sentinelConfPath } from './config.js';
import { MASTER_NAME, redisOptionsSchema, type RedisOptions } from './options.js';
import { fields, nodeAt, oneShot, onlineReplicas, sentinelPrimary, sentinelsPrimary } from './probe.js';

const run = promisify(execFile);

/** The program of every node and Sentinel: Debian's redis-server, or `--target-opt binary=`. */
export function redisProgram(opts: RedisOptions): Program {
  return { kind: 'binary', name: opts.binary, debianPackage: 'redis-server', ...(opts.binary === 'redis-server' ? {} : { chosenBy: `--target-opt binary=${opts.binary}` }) };
}

/** How to start `node` and its Sentinel (the same program with `--sentinel`). */
export function redisNodeSpec(node: NodePlan, cluster: ClusterPlan, opts: RedisOptions): NodeSpec {
  return {
    args: [redisConfPath(node)],
    files: [{ path: redisConfPath(node), content: redisConf(node, cluster, opts) }],
    sidecars: [
      {
        name: 'sentinel',
        args: [sentinelConfPath(node), '--sentinel'],
        files: [{ path: sentinelConfPath(node), content: sentinelConf(node, cluster, opts) }],
      },
    ],
  };
}

export const redisTarget: Target<RedisOptions> = {
  name: 'redis',
  description: "Redis 7 from Debian's redis-server: a primary, replicas and Sentinel failover; clients follow Sentinel (ioredis)",
  optionsSchema: redisOptionsSchema,
  ops: () => REDIS_OPS,
  nodeCounts: [1, 2, 3, 4, 5, 6, 7],
  peerPortService: "each node's Redis Sentinel",
  program: redisProgram,
  nodeSpec: redisNodeSpec,
  async isReady(node, _opts, signal) {
    const pong = await oneShot(node.host, node.clientPort, signal, (r) => r.ping());
    return pong === 'PONG' && (node.peerPort === undefined || (await sentinelPrimary(node, signal)) !== undefined);
  },
  async isClusterReady(nodes, _opts, signal) {
    const [name] = await sentinelsPrimary(nodes, signal);
    const primary = nodes.find((n) => n.name === name);
    if (!primary) return false;
    for (const n of nodes) {
      if (nodeAt(nodes, await sentinelPrimary(n, signal)) !== primary) return false;
      const m = fields(await oneShot(n.host, n.peerPort as number, signal, (r) => r.call('SENTINEL', 'MASTER', MASTER_NAME)));
      if (m.flags !== 'master' || Number(m['num-slaves']) !== nodes.length - 1 || Number(m['num-other-sentinels']) !== nodes.length - 1) return false;
    }
    return (await onlineReplicas(primary, signal)) === nodes.length - 1;
  },
  async leaders(nodes, _opts, signal) {
    return sentinelsPrimary(nodes, signal);
  },
  async openClient(node, ctx) {
    return redisClient(node, ctx);
  },
  async version(opts) {
    try {
      const { stdout } = await run(opts.binary, ['--version']);
      return /v=(\S+)/.exec(stdout)?.[1];
    } catch {
      return undefined;
    }
  },
};
