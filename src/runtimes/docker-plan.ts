/**
 * The docker runtime's cluster layout: every node listens on the same ports at its own address on the
 * run's network, keeps its data in `/data/<name>` inside its container, writes its log to the run's
 * `nodes/<name>.log` on this host, and (when clocks are skewed) reads its offset from a file in
 * `/faultline-clock`, a volume of its network holder's (docker-clock.ts). Peers dial each other directly.
 */
import type { NodePlan } from '../core/target.js';
import { join } from 'node:path';

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

