/**
 * Before a run on a cluster faultline did not start: wait, bounded, until the target's readiness
 * probe answers for every node of the cluster file, then the target's cluster probe (a leader), so
 * that the load does not start against a cluster that is down. A node that never answers is named
 * with its endpoint and the file it came from.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../core/errors.js';
import type { NodeRef, Target } from '../core/target.js';
import type { ExternalNode } from './external-config.js';

const POLL_MS = 200;

async function probe(fn: (signal: AbortSignal) => Promise<boolean>): Promise<boolean> {
  try {
    return await fn(AbortSignal.timeout(2_000));
  } catch {
    return false;
  }
}

/** Resolves once every node of `nodes` (faultline's refs, `fileNodes` in the same order) and the cluster answer; throws `UserError` otherwise. */
export async function waitForExternalCluster<O>(o: { target: Target<O>; opts: O; nodes: NodeRef[]; fileNodes: ExternalNode[]; file: string; timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  const pending = new Set(o.nodes.map((_, i) => i));
  for (;;) {
    if (o.signal?.aborted) throw new UserError('interrupted while waiting for the cluster to answer', 130);
    for (const i of [...pending]) if (await probe((s) => o.target.isReady(o.nodes[i]!, o.opts, s))) pending.delete(i);
    if (pending.size === 0 && (await probe((s) => (o.target.isClusterReady ? o.target.isClusterReady(o.nodes, o.opts, s) : Promise.resolve(true))))) return;
    if (Date.now() > deadline) {
      const secs = Math.round(o.timeoutMs / 1000);
      if (pending.size === 0) throw new UserError(`runtime external: the cluster of ${o.file} answers, but ${o.target.name} does not call it ready (no leader?) after ${secs} s`);
      const which = [...pending].map((i) => {
        const f = o.fileNodes[i]!;
        return `${o.nodes[i]!.name} (${f.name === o.nodes[i]!.name ? '' : `${f.name} `}at ${f.host}:${f.port})`;
      });
      throw new UserError(`runtime external: ${which.join(', ')} of ${o.file} did not answer ${o.target.name}'s readiness probe within ${secs} s (--runtime-opt ready-timeout=SECONDS)`);
    }
    await sleep(POLL_MS);
  }
}
