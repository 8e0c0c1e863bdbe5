/**
 * The docker runtime's cluster layout: every node listens on the same ports at its own address on the
 * run's network, keeps its data in `/data/<name>` inside its container, writes its log to the run's
 * `nodes/<name>.log` on this host, and (when clocks are skewed) reads its offset from a file in
 * `/faultline-clock`, a volume of its network holder's (docker-clock.ts). Peers dial each other directly.
 */
import { UserError } from '../core/errors.js';
import type { ClusterPlan, NodePlan, Target } from '../core/target.js';
import { join } from 'node:path';
import { directPeers } from './direct-peers.js';

export const CLIENT_PORT = 7000;
export const PEER_PORT = 7001;
/** Where the clock offset directory is mounted in each node's container. */
export const CLOCK_DIR = '/faultline-clock';

/** Lays out node `name` (position `i`) at address `host`, for a run stored in `runDir`. */
export type NodePlanner = (name: string, i: number, host: string) => NodePlan;

/** The layout of nodes for a run in `runDir`; `clock`: nodes read their clock offset from a file. */
export function nodePlanner(runDir: string, clock: boolean): NodePlanner {
  return (name, index, host) => ({
    name,
    index,
    host,
    clientPort: CLIENT_PORT,
    peerPort: PEER_PORT,
    dataDir: `/data/${name}`,
    logFile: join(runDir, 'nodes', `${name}.log`),
    ...(clock ? { clockOffsetFile: `${CLOCK_DIR}/${name}.clock-offset-ms` } : {}),
  });
}


/**
 * Refuses a target whose nodes run sidecars (a sidecar would need a container of its own in the node's
 * namespace, which this runtime does not make). Whether it has any does not depend on the addresses,
 * so it is asked with placeholders, before anything is created.
 */
export function refuseSidecars<O>(target: Target<O>, opts: O, names: readonly string[], planOf: NodePlanner): void {
  const nodes = names.map((n, i) => planOf(n, i, `10.0.0.${11 + i}`));
  const probe: ClusterPlan = { nodes, token: 'probe', peerAddress: directPeers(nodes) };
  if (target.nodeSpec(nodes[0]!, probe, opts).sidecars?.length) {
    throw new UserError(`target ${target.name} runs sidecars beside its nodes, which the docker runtime does not start; use --runtime local or netns`);
  }
}
