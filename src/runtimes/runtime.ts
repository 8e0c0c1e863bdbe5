/**
 * Runtimes: where nodes live and how faults reach them. A runtime lays out the cluster (hosts,
 * ports, directories), starts each node from its target's `NodeSpec`, waits until the target says
 * it is ready, and tears everything down so that no process is left behind.
 *
 * Fault primitives are optional abilities, each its own interface with a type guard (a runtime that
 * cannot apply a fault simply does not have the ability, and nemeses refuse up front).
 */
import type { ClusterPlan, NodeRef, Target } from '../core/target.js';
import type { Logger } from '../core/logger.js';

export interface RuntimeContext {
  /** The run directory: node data and logs go below it. */
  runDir: string;
  logger: Logger;
  /** Aborted when the user interrupts setup. */
  signal?: AbortSignal;
}

/** A started cluster. */
export interface Cluster {
  plan: ClusterPlan;
  nodes: NodeRef[];
  /** PIDs of every process the runtime started and that still runs (for cleanup and tests). */
  pids(): number[];
  /** Stops every node and helper process; safe to call twice; never throws. */
  teardown(): Promise<void>;
}

export interface Runtime {
  name: string;
  description: string;
  /** Lays out and starts `nodeCount` nodes of `target`; resolves when the cluster is ready. */
  setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster>;
}

/** Ability: kill -9 a node and restart it later with its data kept. */
export interface KillAbility {
  kill(node: string): Promise<void>;
  restart(node: string): Promise<void>;
}

/** Ability: freeze and thaw a node's process. */
export interface PauseAbility {
  pause(node: string): Promise<void>;
  resume(node: string): Promise<void>;
}

export function canKill(c: Cluster): c is Cluster & KillAbility {
  return typeof (c as Partial<KillAbility>).kill === 'function' && typeof (c as Partial<KillAbility>).restart === 'function';
}

export function canPause(c: Cluster): c is Cluster & PauseAbility {
  return typeof (c as Partial<PauseAbility>).pause === 'function' && typeof (c as Partial<PauseAbility>).resume === 'function';
}
