/**
 * Peer addresses for runtimes whose nodes each have an address of their own and dial each other
 * directly (netns, docker, ssh): no proxy sits on a link, so node `from` reaches node `to` at `to`'s
 * own host and peer port, and faults act in the kernel.
 */
import type { ClusterPlan, NodePlan } from '../core/target.js';

/** `peerAddress` for nodes that dial each other directly. */
export function directPeers(nodes: readonly NodePlan[]): ClusterPlan['peerAddress'] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return (from, to) => {
    const n = byName.get(to);
    if (!n || !byName.has(from)) throw new Error(`unknown link ${from}→${to}`);
    return { host: n.host, port: n.peerPort };
  };
}
