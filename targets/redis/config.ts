/**
 * The configuration files of one Redis node and its Sentinel, generated afresh for every run (both
 * rewrite their own file as they go: Sentinel records what it learns and every failover; a server
 * told `REPLICAOF` by Sentinel records its new primary with `CONFIG REWRITE`, so a node killed and
 * restarted comes back as what Sentinel last made it, as in a real deployment).
 *
 * Node n1 starts as the primary, every other node as its replica. Sentinel watches the primary under
 * the name `faultline` with a quorum of a majority of the nodes. Each Sentinel is told its own id and
 * every replica and other Sentinel from the start (the `known-*` lines it would write itself once it
 * had found them), so the cluster is ready in about a second rather than after Sentinel's 10 s INFO
 * period.
 *
 * Neither rewrites its process title (`set-proc-title no`): the runtime records each process by its
 * command line and start time, and `faultline cleanup` kills only a process that still matches.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ClusterPlan, NodePlan } from '../../src/core/target.js';
import { MASTER_NAME, type RedisOptions } from './options.js';

/** Where a node's files live: its own directory, beside its data directory. */
export const redisConfPath = (node: NodePlan): string => join(dirname(node.dataDir), 'redis.conf');
export const sentinelConfPath = (node: NodePlan): string => join(dirname(node.dataDir), 'sentinel.conf');

/** Sentinels that must agree that the primary is down before a failover: a majority. */
export const quorum = (nodes: number): number => Math.floor(nodes / 2) + 1;

/** A Sentinel's run id (40 hex digits), fixed per run and node. */
export const sentinelId = (cluster: ClusterPlan, node: NodePlan): string => createHash('sha1').update(`${cluster.token}/${node.name}`).digest('hex');

/** A config value, quoted as redis.conf reads it. */
const q = (s: string) => JSON.stringify(s);

/** redis.conf of `node`. */
export function redisConf(node: NodePlan, cluster: ClusterPlan, opts: RedisOptions): string {
  const primary = cluster.nodes[0];
  const lines = [
    `port ${node.clientPort}`,
    `bind ${node.host}`,
    'protected-mode no',
    'daemonize no',
    'set-proc-title no',
    'logfile ""',
    `dir ${q(node.dataDir)}`,
    'save ""',
    `appendonly ${opts.appendonly ? 'yes' : 'no'}`,
    'appendfsync everysec',
    // Replicas sync at once, not after the default 5 s wait for more replicas to share a transfer.
    'repl-diskless-sync-delay 0',
    `min-replicas-to-write ${opts['min-replicas-to-write']}`,
    `min-replicas-max-lag ${opts['min-replicas-max-lag']}`,
  ];
  if (node.index !== primary.index) lines.push(`replicaof ${primary.host} ${primary.clientPort}`);
  return lines.join('\n') + '\n';
}

/** sentinel.conf of the Sentinel beside `node`, listening on the node's peer port. */
export function sentinelConf(node: NodePlan, cluster: ClusterPlan, opts: RedisOptions): string {
  const primary = cluster.nodes[0];
  return [
    `port ${node.peerPort}`,
    `bind ${node.host}`,
    'protected-mode no',
    'daemonize no',
    'set-proc-title no',
    'logfile ""',
    `dir ${q(dirname(node.dataDir))}`,
    `sentinel monitor ${MASTER_NAME} ${primary.host} ${primary.clientPort} ${quorum(cluster.nodes.length)}`,
    `sentinel down-after-milliseconds ${MASTER_NAME} ${opts['down-after-ms']}`,
    `sentinel failover-timeout ${MASTER_NAME} ${opts['failover-timeout-ms']}`,
    `sentinel parallel-syncs ${MASTER_NAME} 1`,
    `sentinel myid ${sentinelId(cluster, node)}`,
    ...cluster.nodes.filter((n) => n.index !== primary.index).map((n) => `sentinel known-replica ${MASTER_NAME} ${n.host} ${n.clientPort}`),
    ...cluster.nodes.filter((n) => n.index !== node.index).map((n) => `sentinel known-sentinel ${MASTER_NAME} ${n.host} ${n.peerPort} ${sentinelId(cluster, n)}`),
  ].join('\n') + '\n';
}
