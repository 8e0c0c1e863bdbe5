/**
 * Waiting for a cluster to come up: each node's readiness probe, then the cluster's, polled until
 * they pass, a node dies, the time runs out or the user interrupts.
 */
import { UserError } from '../core/errors.js';
import type { NodeRef, Target } from '../core/target.js';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;

export interface ReadinessOptions<O> {
  target: Target<O>;
  opts: O;
  nodes: NodeRef[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Returns a message when a node has already exited (startup failed), else undefined. */
  exitedEarly(name: string): string | undefined;
}


async function probe(fn: (signal: AbortSignal) => Promise<boolean>): Promise<boolean> {
  try {
    return await fn(AbortSignal.timeout(2_000));
  } catch {
    return false;
  }
}

/** Resolves once every node and the cluster are ready; throws `UserError` otherwise. */
export async function waitUntilReady<O>(o: ReadinessOptions<O>): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  const pending = new Set(o.nodes.map((n) => n.name));
  const clusterReady = (s: AbortSignal) =>
    o.target.isClusterReady ? o.target.isClusterReady(o.nodes, o.opts, s) : Promise.resolve(true);
  for (;;) {
    if (o.signal?.aborted) throw new UserError('interrupted while waiting for the cluster to start', 130);
    for (const name of pending) {
      const dead = o.exitedEarly(name);
      if (dead) throw new UserError(`${o.target.name}: ${dead}`);
      const node = o.nodes.find((n) => n.name === name) as NodeRef;
      if (await probe((s) => o.target.isReady(node, o.opts, s))) pending.delete(name);
    }
    if (pending.size === 0 && (await probe(clusterReady))) return;
    if (Date.now() > deadline) {
      const which = pending.size ? `nodes ${[...pending].join(', ')} not ready` : 'cluster not ready (no leader?)';
      throw new UserError(`${o.target.name}: ${which} after ${Math.round(o.timeoutMs / 1000)} s; see the node logs in the run directory`);
    }
    await sleep(POLL_MS);
  }
}
