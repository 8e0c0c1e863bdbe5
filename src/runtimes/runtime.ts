/**
 * Runtimes: where nodes live and how faults reach them. A runtime lays out the cluster (hosts,
 * ports, directories), starts each node from its target's `NodeSpec`, waits until the target says
 * it is ready, and tears everything down so that no process is left behind.
 *
 * Fault primitives are optional abilities, each its own interface with a type guard (a runtime that
 * cannot apply a fault simply does not have the ability, and nemeses refuse up front).
 */
import type { z } from 'zod';
import type { ClusterPlan, NodeRef, Target } from '../core/target.js';
import type { Logger } from '../core/logger.js';

export interface RuntimeContext {
  /** The run directory: node data and logs go below it. */
  runDir: string;
  logger: Logger;
  /** Aborted when the user interrupts setup. */
  signal?: AbortSignal;
  /** The run's seed, for runtime randomness (link loss, jitter); default 0. */
  seed?: number;
  /** The runtime's own settings (`--runtime-opt`), validated with its `optionsSchema`; undefined when it has none. */
  options?: unknown;
  /**
   * The faults the run will inject. A runtime may skip machinery no chosen fault needs (the local
   * runtime puts proxies on links only for partition and link faults). Default: every fault but
   * `partition-clients` and `power-loss`, which must be asked for.
   */
  faults?: readonly FaultKind[];
  /**
   * Called when a node exits on its own during the run — a crash or panic of the target, not a kill,
   * stop or pause a nemesis asked for, nor the teardown — with what is known about the exit.
   */
  onNodeExit?(exit: NodeExit): void;
}

/** A node that exited on its own (not by a fault the harness injected, nor by the teardown). */
export interface NodeExit {
  node: string;
  /** Its exit code, when it exited by itself. */
  code?: number;
  /** The signal that ended it, when one did (sent by someone other than the harness). */
  signal?: string;
  /** When the runtime saw it exit (ISO 8601). */
  at: string;
  /** The last lines of its log (at most 20), oldest first. */
  logTail: string[];
}

/** A started cluster. */
export interface Cluster {
  plan: ClusterPlan;
  nodes: NodeRef[];
  /** Stops every node and helper process and removes what the runtime created; safe to call twice; never throws. */
  teardown(): Promise<void>;
}

/**
 * What `Runtime.cleanup` did in one run directory: the processes it killed, the files and mounts it
 * removed, and anything else the runtime had created (namespaces, links, firewall rules, …).
 */
export interface CleanupReport {
  dir: string;
  killed: number[];
  /** Why nothing was done here, when nothing was. */
  skipped?: string;
  /** Killed, but still not gone after 10 s (stuck in the kernel). */
  stillExiting?: number[];
  /** Files removed. */
  files: number;
  /** Mount points detached. */
  unmounted?: string[];
  /** Other things the runtime had created and removed, each named (`netns fl3a9c1n1`, `link flb3a9c1`). */
  removed?: string[];
}

/**
 * The kinds of fault a nemesis may ask a runtime for. `partition` and `link` act on single directed
 * links; `partition-clients` makes partitions also cut clients off from the nodes their home node
 * cannot reach; `kill`, `stop` and `pause` act on a node's process; `clock` on a node's wall clock;
 * `power-loss` on a node's process and the writes it did not fsync. `link` is the ability to fault
 * links at all; `link-delay` (delay and jitter), `link-loss`, `link-duplicate` and `link-bandwidth`
 * are the single `LinkFaults` a runtime may or may not apply (netns drops packets in the kernel but
 * cannot delay them without netem; link proxies lose only whole messages).
 */
export type FaultKind =
  | 'partition'
  | 'partition-clients'
  | 'link'
  | 'link-delay'
  | 'link-loss'
  | 'link-duplicate'
  | 'link-bandwidth'
  | 'kill'
  | 'stop'
  | 'pause'
  | 'clock'
  | 'power-loss';

/** Every fault kind, in the order of the type above. */
export const FAULT_KINDS: readonly FaultKind[] = ['partition', 'partition-clients', 'link', 'link-delay', 'link-loss', 'link-duplicate', 'link-bandwidth', 'kill', 'stop', 'pause', 'clock', 'power-loss'];

/** The fault kinds `runtime` (with its validated `--runtime-opt` settings) can apply to `target`. */
export function applicableFaults(runtime: Runtime, target: Target<any>, runtimeOpts?: unknown): FaultKind[] {
  return FAULT_KINDS.filter((k) => faultRefusal(runtime, k, target, runtimeOpts) === undefined);
}

export interface Runtime {
  name: string;
  description: string;
  /**
   * Before anything starts (nothing is stored yet): what this runtime or its hosts lack to run
   * `target` with `opts` — the target's program, the runtime's own tools or privileges, the peer
   * ports its clients reach (`Target.peerPortService`) where the runtime does not lay them out itself —
   * in one line naming the Debian package to install (or the step to take), or undefined when nothing
   * is missing.
   */
  check<O>(target: Target<O>, opts: O, runtimeOpts?: unknown): Promise<string | undefined>;
  /**
   * The runtime's own settings, given as `--runtime-opt key=value` (an image to use, the hosts to
   * reach, a cluster file); absent when it takes none. The validated value reaches `check` and
   * `setup` (as `RuntimeContext.options`).
   */
  optionsSchema?: z.ZodType;
  /** Lays out and starts `nodeCount` nodes of `target`; resolves when the cluster is ready. */
  setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster>;
  /**
   * After a harness died without tearing down (SIGKILL): removes whatever this runtime created for the
   * run stored in `runDir` — processes, files, mounts, and runtime-specific things — going by the
   * record it keeps there (pids.json), which names what is created before it is created. Touches
   * nothing it cannot tell is the run's own. `faultline cleanup` calls the runtime the record names,
   * once the run's harness is known to be gone.
   */
  cleanup(runDir: string): Promise<CleanupReport>;
  /**
   * Before anything starts: why this runtime cannot apply `fault` to `target` (one line naming a
   * runtime that could), or undefined when it can. A runtime without this method applies no fault.
   * `runtimeOpts` are its validated `--runtime-opt` settings (undefined when it takes none, or when
   * the caller has none at hand): a runtime whose faults come from its settings (external) reads them.
   */
  unsupported?(fault: FaultKind, target: Target<any>, runtimeOpts?: unknown): string | undefined;
}

/**
 * Why `runtime` (with its validated `--runtime-opt` settings) cannot apply `fault` to `target` (the
 * target's own refusal first), or undefined when it can.
 */
export function faultRefusal(runtime: Runtime, fault: FaultKind, target: Target<any>, runtimeOpts?: unknown): string | undefined {
  if (!runtime.unsupported) return `runtime ${runtime.name} applies no faults`;
  return target.refusesFault?.(fault) ?? runtime.unsupported(fault, target, runtimeOpts);
}

/**
 * A partition as Jepsen's grudge: for each node, the nodes it cannot hear from. `{n1: ['n2']}` cuts
 * the directed link n2→n1 only (one-way); nodes not named hear everyone.
 */
export type Grudge = Record<string, readonly string[]>;

/** How a cut link behaves: black-hole (data silently dropped, connections hang) or reset (RST). */
export type CutMode = 'blackhole' | 'reset';

/** Faults on one directed link besides a cut. Every field defaults to "no fault". */
export interface LinkFaults {
  /** Added one-way latency, milliseconds. */
  delayMs?: number;
  /** Uniform random extra latency in [0, jitterMs), milliseconds (order is kept, as in TCP). */
  jitterMs?: number;
  /** Probability in [0, 1] that a message is dropped (message-framed links only). */
  loss?: number;
  /** Probability in [0, 1] that a message is delivered twice (message-framed links only). */
  duplicate?: number;
  /** Bandwidth limit, bytes per second. */
  bytesPerSecond?: number;
}

/** A directed link: traffic from `from` to `to`. */
export interface Link {
  from: string;
  to: string;
}

/** Ability: kill -9 a node and restart it later with its data kept. */
export interface KillAbility {
  kill(node: string): Promise<void>;
  restart(node: string): Promise<void>;
}

/** What a power loss forgot on one node, summed over the files of its data directory. */
export interface LostWrites {
  /** Files that had unsynced changes. */
  files: number;
  /** Unsynced write calls forgotten. */
  writes: number;
  /** Bytes those writes carried. */
  bytes: number;
  /** Bytes of last writes that survived as torn prefixes. */
  tornBytes: number;
}

/**
 * Ability: power loss. Every node of `nodes` is killed -9 and loses every write to its data directory
 * that it did not fsync (with `torn`, a strict prefix of each file's last unsynced write survives), as
 * if all of them lost power at once; they stay down until `restart`. Resolves with what each lost.
 */
export interface PowerLossAbility {
  powerLoss(nodes: readonly string[], o: { torn: boolean }): Promise<Record<string, LostWrites>>;
  restart(node: string): Promise<void>;
}

/** Traffic counted on one directed link since the cluster started. */
export interface LinkStats {
  /** Units that reached the receiving node (messages through a link proxy; packets in the kernel). */
  delivered: number;
  /** Units a cut or a lossy link dropped. */
  dropped: number;
}

/** Ability: count the traffic on each directed link (what tests and the contract suite observe faults by). */
export interface LinkStatsAbility {
  linkStats(from: string, to: string): Promise<LinkStats>;
}

export function hasLinkStats(c: Cluster): c is Cluster & LinkStatsAbility {
  return typeof (c as Partial<LinkStatsAbility>).linkStats === 'function';
}

/** Ability: freeze and thaw a node's process. */
export interface PauseAbility {
  pause(node: string): Promise<void>;
  resume(node: string): Promise<void>;
}

/**
 * Ability: the nodes are processes on the harness's own host; `pids` are those the runtime started
 * that still run (for tests that check nothing is left, and for the runtime's own record).
 */
export interface HostProcessAbility {
  pids(): number[];
}

export function hasHostProcesses(c: Cluster): c is Cluster & HostProcessAbility {
  return typeof (c as Partial<HostProcessAbility>).pids === 'function';
}

export function canKill(c: Cluster): c is Cluster & KillAbility {
  return typeof (c as Partial<KillAbility>).kill === 'function' && typeof (c as Partial<KillAbility>).restart === 'function';
}

export function canPause(c: Cluster): c is Cluster & PauseAbility {
  return typeof (c as Partial<PauseAbility>).pause === 'function' && typeof (c as Partial<PauseAbility>).resume === 'function';
}

/** Ability: stop a node gracefully (SIGTERM, then SIGKILL after a grace period); `restart` starts it again. */
export interface StopAbility {
  stop(node: string): Promise<void>;
  restart(node: string): Promise<void>;
}

/**
 * Ability: cut directed links between nodes. Clients reach every node unless the cluster also has
 * the client-view ability, in which case a partition cuts clients as it cuts their home node.
 */
export interface PartitionAbility {
  /** Replaces the current partition with `grudge` (an empty grudge heals). */
  partition(grudge: Grudge, mode?: CutMode): Promise<void>;
  /** Heals every partition. */
  healPartition(): Promise<void>;
}

/** Ability: slow, lose, duplicate or throttle traffic on single directed links. */
export interface LinkFaultAbility {
  /** Sets (replaces) the faults of each of `links`. */
  setLinkFaults(links: readonly Link[], faults: LinkFaults): Promise<void>;
  /** Removes every link fault (not partitions). */
  clearLinkFaults(): Promise<void>;
  /** True when loss and duplication act on whole messages of the target's peer protocol. */
  readonly framedLinks: boolean;
}

/** Ability: skew a node's wall clock. */
export interface ClockAbility {
  /** Sets node's wall-clock offset, milliseconds (0 = true time). */
  setClockOffset(node: string, offsetMs: number): Promise<void>;
  /** Every node's current offset, milliseconds. */
  clockOffsets(): Record<string, number>;
  /** Sets every offset back to 0. */
  resetClocks(): Promise<void>;
}

/**
 * Ability: clients see the network as their home node does. A client bound to node h reaches the
 * others through links a partition cuts like the links from h (grudge[x] naming h cuts requests to
 * x; grudge[h] naming x cuts x's answers).
 */
export interface ClientViewAbility {
  /** Every node as a client whose home is `home` must address it (`home` itself directly). */
  clientNodes(home: string): NodeRef[];
}

const hasMethods = (c: object, ...names: string[]) => names.every((n) => typeof (c as Record<string, unknown>)[n] === 'function');

export function canStop(c: Cluster): c is Cluster & StopAbility {
  return hasMethods(c, 'stop', 'restart');
}

export function canPartition(c: Cluster): c is Cluster & PartitionAbility {
  return hasMethods(c, 'partition', 'healPartition');
}

export function canFaultLinks(c: Cluster): c is Cluster & LinkFaultAbility {
  return hasMethods(c, 'setLinkFaults', 'clearLinkFaults');
}

export function canSkewClocks(c: Cluster): c is Cluster & ClockAbility {
  return hasMethods(c, 'setClockOffset', 'clockOffsets', 'resetClocks');
}

export function canLosePower(c: Cluster): c is Cluster & PowerLossAbility {
  return hasMethods(c, 'powerLoss', 'restart');
}

export function hasClientView(c: Cluster): c is Cluster & ClientViewAbility {
  return hasMethods(c, 'clientNodes');
}
