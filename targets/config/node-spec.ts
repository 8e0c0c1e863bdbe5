/**
 * How a config-file target starts node i: its args, env and files with the node's placeholders
 * filled in from the runtime's plan, and `{peers}` built from the per-peer template, one entry per
 * member (or per other member), joined by the separator — the shape of etcd's `--initial-cluster
 * n1=http://h:p,n2=…` or raft-kv's `--peers n2=h:p,…`.
 */
import { dirname, join } from 'node:path';
import type { ClusterPlan, NodePlan, NodeSpec } from '../../src/core/target.js';
import { expand } from './placeholders.js';
import type { TargetConfig } from './schema.js';

/** Where `node`'s clock offset file lives: the runtime's choice, else beside its data directory. */
export function configClockOffsetFile(node: NodePlan): string {
  return node.clockOffsetFile ?? join(dirname(node.dataDir), `${node.name}.clock-offset-ms`);
}

/**
 * `{peers}` for `node`: the template once per member (`include: all`, the node itself with its own
 * addresses) or per other member, where `{peerHost}:{peerPort}` is the address `node` must dial.
 */
export function peerList(config: Pick<TargetConfig, 'peers'>, node: NodePlan, cluster: ClusterPlan): string {
  const p = config.peers;
  if (!p) return '';
  return cluster.nodes
    .filter((n) => p.include === 'all' || n.name !== node.name)
    .map((n) => {
      const dial = n.name === node.name ? { host: n.host, port: n.peerPort } : cluster.peerAddress(node.name, n.name);
      return expand(p.template, { name: n.name, index: n.index, host: n.host, clientPort: n.clientPort, peerHost: dial.host, peerPort: dial.port });
    })
    .join(p.separator);
}

/** The values of the node placeholders for `node`. */
export function nodeValues(config: Pick<TargetConfig, 'peers'>, node: NodePlan, cluster: ClusterPlan): Record<string, string | number> {
  return {
    name: node.name,
    index: node.index,
    host: node.host,
    clientPort: node.clientPort,
    peerPort: node.peerPort,
    dataDir: node.dataDir,
    token: cluster.token,
    peers: peerList(config, node, cluster),
    clockOffsetFile: configClockOffsetFile(node),
  };
}

/** How to start `node` of `cluster` as `config` describes. */
export function configNodeSpec(config: TargetConfig, node: NodePlan, cluster: ClusterPlan): NodeSpec {
  const values = nodeValues(config, node, cluster);
  const x = (s: string) => expand(s, values);
  return {
    args: config.args.map(x),
    ...(config.env ? { env: Object.fromEntries(Object.entries(config.env).map(([k, v]) => [k, x(v)])) } : {}),
    ...(config.files ? { files: config.files.map((f) => ({ path: x(f.path), content: x(f.content), ...(f.mode === undefined ? {} : { mode: f.mode }) })) } : {}),
  };
}
