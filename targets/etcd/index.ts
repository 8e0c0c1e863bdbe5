/**
 * Target `etcd`: the etcd 3.4 server from Debian's `etcd-server` package, a 3- or 5-node cluster with
 * static bootstrap (`--initial-cluster`), clients speaking the JSON gateway.
 *
 * etcd takes one `--initial-cluster` list shared by every member, so it cannot be given a different
 * address per directed link: per-link faults need a runtime that partitions hosts (netns, docker).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ClientError } from '../../src/core/errors.js';
import type { ClusterPlan, NodePlan, NodeRef, NodeSpec, Program, Target } from '../../src/core/target.js';
import { boolOpt } from '../../src/core/options.js';
import { gatewayPost } from './gateway.js';
import { etcdClient } from './client.js';
import { ETCD_REGISTER_OPS } from './register-client.js';

const run = promisify(execFile);

export const etcdOptionsSchema = z.strictObject({
  binary: z.string().default('etcd').describe('the etcd binary: a name on PATH or a path'),
  'serializable-reads': boolOpt(false).describe('serve reads from the member\'s local state (not linearizable; for demonstrating anomalies)'),
  'pre-vote': boolOpt(true).describe('pre-vote: keeps a rejoining member from disrupting the leader'),
  'heartbeat-interval': z.coerce.number().int().positive().default(100).describe('etcd --heartbeat-interval, ms'),
  'election-timeout': z.coerce.number().int().positive().default(1000).describe('etcd --election-timeout, ms'),
  'snapshot-count': z.coerce.number().int().positive().default(100_000).describe('etcd --snapshot-count: committed transactions between snapshots'),
});
export type EtcdOptions = z.infer<typeof etcdOptionsSchema>;

const url = (host: string, port: number) => `http://${host}:${port}`;

/** The etcd binary `opts` names, from Debian's etcd-server package. */
export function etcdProgram(opts: EtcdOptions): Program {
  return { kind: 'binary', name: opts.binary, debianPackage: 'etcd-server', ...(opts.binary === 'etcd' ? {} : { chosenBy: `--target-opt binary=${opts.binary}` }) };
}

function nodeSpec(node: NodePlan, cluster: ClusterPlan, opts: EtcdOptions): NodeSpec {
  const initial = cluster.nodes.map((n) => `${n.name}=${url(n.host, n.peerPort)}`).join(',');
  const args = [
    '--name', node.name,
    '--data-dir', node.dataDir,
    '--listen-client-urls', url(node.host, node.clientPort),
    '--advertise-client-urls', url(node.host, node.clientPort),
    '--listen-peer-urls', url(node.host, node.peerPort),
    '--initial-advertise-peer-urls', url(node.host, node.peerPort),
    '--initial-cluster', initial,
    '--initial-cluster-state', 'new',
    '--initial-cluster-token', cluster.token,
    '--heartbeat-interval', String(opts['heartbeat-interval']),
    '--election-timeout', String(opts['election-timeout']),
    '--snapshot-count', String(opts['snapshot-count']),
  ];
  if (opts['pre-vote']) args.push('--pre-vote');
  return { args };
}

async function isReady(node: NodeRef, _opts: EtcdOptions, signal: AbortSignal): Promise<boolean> {
  const res = await fetch(`${url(node.host, node.clientPort)}/health`, { signal });
  const body = (await res.json()) as { health?: string };
  return body.health === 'true';
}

async function leaders(nodes: NodeRef[], _opts: EtcdOptions, signal: AbortSignal): Promise<string[]> {
  const found = new Set<string>();
  await Promise.all(
    nodes.map(async (n) => {
      try {
        const s = await gatewayPost(url(n.host, n.clientPort), '/v3/maintenance/status', {}, signal, true);
        const header = s.header as { member_id?: string } | undefined;
        if (s.leader !== undefined && s.leader === header?.member_id) found.add(n.name);
      } catch (e) {
        if (!(e instanceof ClientError)) throw e;
      }
    }),
  );
  return [...found];
}

export const etcdTarget: Target<EtcdOptions> = {
  name: 'etcd',
  description: "etcd 3.4 from Debian's etcd-server package; clients use its JSON gateway",
  optionsSchema: etcdOptionsSchema,
  ops: () => [...ETCD_REGISTER_OPS, 'txn'],
  nodeCounts: [1, 3, 5, 7],
  program: etcdProgram,
  nodeSpec,
  isReady,
  async isClusterReady(nodes, opts, signal) {
    return (await leaders(nodes, opts, signal)).length === 1;
  },
  leaders,
  tradeoffs: [
    { name: 'linearizable', opts: { 'serializable-reads': 'false' }, note: 'reads through Raft (ReadIndex): linearizable' },
    { name: 'serializable', opts: { 'serializable-reads': 'true' }, note: 'each member answers from its own state: available without quorum, stale' },
  ],
  async openClient(node, ctx) {
    return etcdClient(node, { serializableReads: ctx.opts['serializable-reads'] });
  },
  async version(opts) {
    try {
      const { stdout } = await run(opts.binary, ['--version']);
      return /etcd Version: (\S+)/.exec(stdout)?.[1];
    } catch {
      return undefined;
    }
  },
};
