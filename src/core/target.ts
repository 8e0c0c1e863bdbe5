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

/** The names of a cluster's nodes, n1 … n<count>: made here and nowhere else. */
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

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

/** How to start one node. */
export interface NodeSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Working directory; defaults to the node's data directory's parent. */
  cwd?: string;
}

/** One configuration of a target across the consistency/availability trade-off. */
export interface Tradeoff {
  /** Short name, e.g. `read-index`. */
  name: string;
  /** `--target-opt` settings that select it. */
  opts: Readonly<Record<string, string>>;
  /** What it trades, in a few words. */
  note: string;
}

/** A node a client can talk to. */
export interface NodeRef {
  name: string;
  host: string;
  clientPort: number;
}

/** Settings every target's client receives. */
export interface ClientContext<Opts> {
  opts: Opts;
  /** All nodes, for clients that fail over or discover a leader. */
  nodes: NodeRef[];
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
  /**
   * Optional: configurations of the target across the consistency/availability trade-off (its read and
   * replication modes), strongest first, for `faultline cap`: each a name and the `--target-opt`
   * settings that select it.
   */
  tradeoffs?: readonly Tradeoff[];
  /** Optional: the names of the nodes that currently lead (for leader-targeted nemeses). */
  leaders?(nodes: NodeRef[], opts: Opts, signal: AbortSignal): Promise<string[]>;
  /** Optional: the software version, recorded in test.json. */
  version?(opts: Opts): Promise<string | undefined>;
}
