/**
 * Targets: how to run one system under test. A target describes how to start node i (command, args,
 * env, data dir, ports) for a runtime that has already chosen hosts, ports and directories, how to tell
 * that a node is ready, and which client ops (`read`, `write`, `cas`, `append`, `txn`, …) its client
 * supports. A workload runs on every target whose client supports all of the workload's ops.
 *
 * Target-specific settings arrive as `--target-opt key=value` strings and are validated against the
 * target's own zod schema (`optionsSchema`).
 */
import type { z } from 'zod';
import type { Client } from './client.js';

/** Where the runtime has placed one node. */
export interface NodePlan {
  /** Node name: n1, n2, … */
  name: string;
  /** 0-based position in the cluster. */
  index: number;
  /** Address clients use to reach the node. */
  host: string;
  /** Port for client traffic. */
  clientPort: number;
  /** Port the node listens on for its peers. */
  peerPort: number;
  /** The node's own data directory (created by the runtime). */
  dataDir: string;
  /** Where the node's stdout and stderr go. */
  logFile: string;
  /**
   * Optional: the file holding this node's wall-clock offset in milliseconds, for targets whose
   * clock honours one (`clockSkew: 'offset-file'`). Set by runtimes that skew clocks; a target
   * without it picks a default path of its own.
   */
  clockOffsetFile?: string;
}

/** The whole cluster as the runtime laid it out. */
export interface ClusterPlan {
  nodes: NodePlan[];
  /** A token unique to this run, for targets that need a cluster id. */
  token: string;
  /**
   * The address node `from` must use to reach node `to`'s peer port. Runtimes that interpose a
   * proxy on each directed link return the proxy here; targets that take per-node peer addresses
   * use it so that every link can be faulted.
   */
  peerAddress(from: string, to: string): { host: string; port: number };
}

/**
 * A file the runtime puts in place before a process first starts (not before a restart: a restarted
 * process finds the file as it left it — Redis and Sentinel rewrite their own configuration).
 */
export interface SpecFile {
  /** Absolute path, laid out from the plan (e.g. beside `NodePlan.dataDir`). */
  path: string;
  content: string;
}

/**
 * A helper process that belongs to a node but is not the node itself (Redis Sentinel beside each
 * Redis server): started with the node's first start, in the same network place, and stopped at
 * teardown (and by `faultline cleanup`). Node faults (kill, stop, pause, power loss) do not touch it:
 * it survives them, as a monitoring process on another core would.
 */
export interface SidecarSpec {
  /** Short name, unique within the node (its log is `<node>-<name>.log`). */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Working directory; defaults to the node's data directory's parent. */
  cwd?: string;
  /** Files to write before it first starts. */
  files?: SpecFile[];
}

/** How to start one node. */
export interface NodeSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Working directory; defaults to the node's data directory's parent. */
  cwd?: string;
  /** Files to write before the node first starts. */
  files?: SpecFile[];
  /** Helper processes started with the node (see `SidecarSpec`). */
  sidecars?: SidecarSpec[];
}

/** A node a client can talk to. */
export interface NodeRef {
  name: string;
  host: string;
  clientPort: number;
  /**
   * The node's peer port, where the runtime exposes it: for clients that talk to what listens
   * there (Redis clients ask the Sentinel on it which node is the primary).
   */
  peerPort?: number;
}

/** Settings every target's client receives. */
export interface ClientContext<Opts> {
  opts: Opts;
  /** All nodes, for clients that fail over or discover a leader. */
  nodes: NodeRef[];
  /**
   * The run's workload, by name, when the client runs under one: for targets whose ops mean
   * different commands per data type (Redis reads a register with GET, a set with SMEMBERS).
   */
  workload?: string;
}

export interface Target<Opts = Record<string, unknown>> {
  name: string;
  description: string;
  /** zod schema for `--target-opt key=value` settings (values arrive as strings; coerce). */
  optionsSchema: z.ZodType<Opts>;
  /** The client ops (`f`s) this target's client supports; a workload needs all of its own. */
  ops: readonly string[];
  /** Node counts the target supports. */
  nodeCounts?: readonly number[];
  /**
   * True when every node is given, per peer, the address it dials (`ClusterPlan.peerAddress`), so a
   * runtime can put a proxy on each directed link and cut or slow single links. False or absent: the
   * nodes share one peer list, and link faults need a runtime that faults hosts (netns, docker).
   */
  perLinkPeers?: boolean;
  /**
   * How peer traffic is framed, when it is message-framed: `u32be-length` is a 4-byte big-endian
   * length before each message. A link proxy then drops, delays or duplicates whole messages;
   * without framing it can only cut, delay and throttle the byte stream.
   */
  peerFraming?: 'u32be-length';
  /**
   * How a node's wall clock can be skewed: `offset-file` (the target reads `NodePlan.clockOffsetFile`),
   * `libfaketime` (a dynamically linked program whose clock reads go through libc), or absent (cannot
   * be skewed per process, e.g. Go binaries, which read the clock through the vDSO).
   */
  clockSkew?: 'offset-file' | 'libfaketime';
  /**
   * Checks the target's software is installed; returns a one-line message telling the user how to
   * install it when it is not.
   */
  checkInstalled(opts: Opts): Promise<string | undefined>;
  /** How to start node `node` of `cluster`. */
  nodeSpec(node: NodePlan, cluster: ClusterPlan, opts: Opts): NodeSpec;
  /** Resolves true once the node serves requests; may be called repeatedly. */
  isReady(node: NodeRef, opts: Opts, signal: AbortSignal): Promise<boolean>;
  /**
   * Optional: ready once the cluster as a whole serves requests (e.g. a leader is elected).
   * Defaults to every node being ready.
   */
  isClusterReady?(nodes: NodeRef[], opts: Opts, signal: AbortSignal): Promise<boolean>;
  /** Opens a client bound to `node`; it serves every op in `ops`. */
  openClient(node: NodeRef, ctx: ClientContext<Opts>): Promise<Client>;
  /** Optional: the names of the nodes that currently lead (for leader-targeted nemeses). */
  leaders?(nodes: NodeRef[], opts: Opts, signal: AbortSignal): Promise<string[]>;
  /** Optional: the software version, recorded in test.json. */
  version?(opts: Opts): Promise<string | undefined>;
}
