/**
 * One-off questions to a single Redis server or Sentinel, for readiness and for who the primary is:
 * a fresh ioredis connection that never retries, bounded by the caller's signal, closed afterwards.
 */
import { Redis } from 'ioredis';
import type { NodeRef } from '../../src/core/target.js';
import { MASTER_NAME } from './options.js';

/** Connects to `host:port`, runs `fn`, disconnects; aborting `signal` closes the connection at once. */
export async function oneShot<T>(host: string, port: number, signal: AbortSignal, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({ host, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000, enableReadyCheck: false, protocol: 2, disableClientInfo: true });
  r.on('error', () => undefined); // failures reach the caller through the rejected command
  const onAbort = () => r.disconnect();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    signal.throwIfAborted();
    await r.connect();
    return await fn(r);
  } finally {
    signal.removeEventListener('abort', onAbort);
    r.disconnect();
  }
}

/** Fields of a flat `[k1, v1, k2, v2, …]` reply (SENTINEL MASTER). */
export function fields(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(flat)) for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

/** What the Sentinel beside `node` says the primary is (`host:port`), or undefined. */
export async function sentinelPrimary(node: NodeRef, signal: AbortSignal): Promise<string | undefined> {
  if (node.peerPort === undefined) return undefined;
  const addr = await oneShot(node.host, node.peerPort, signal, (r) => r.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME));
  return Array.isArray(addr) && addr.length === 2 ? `${addr[0]}:${addr[1]}` : undefined;
}

/** The node at `hostPort` (its client address), if any. */
export const nodeAt = (nodes: readonly NodeRef[], hostPort: string | undefined): NodeRef | undefined => nodes.find((n) => `${n.host}:${n.clientPort}` === hostPort);

/**
 * The primary as the Sentinels see it: the address most of those that answer give, as a node name.
 * Empty when no Sentinel answers or none names a node of the cluster.
 */
export async function sentinelsPrimary(nodes: readonly NodeRef[], signal: AbortSignal): Promise<string[]> {
  const answers = await Promise.all(nodes.map((n) => sentinelPrimary(n, signal).catch(() => undefined)));
  const votes = new Map<string, number>();
  for (const a of answers) if (a !== undefined) votes.set(a, (votes.get(a) ?? 0) + 1);
  const best = [...votes].sort((x, y) => y[1] - x[1])[0];
  const node = best && nodeAt(nodes, best[0]);
  return node ? [node.name] : [];
}

/** Replicas a server reports as connected and in sync (`state=online` in INFO replication). */
export async function onlineReplicas(node: NodeRef, signal: AbortSignal): Promise<number> {
  const info = await oneShot(node.host, node.clientPort, signal, (r) => r.info('replication'));
  if (!/^role:master\s*$/m.test(info)) return -1;
  return (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
}
