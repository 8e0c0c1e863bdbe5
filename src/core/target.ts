/**
 * Targets: how to run one system under test. A target describes what node i needs, in terms that do
 * not depend on where it runs: the program (a system binary by name with the Debian package that
 * provides it, or a Node script of this package), its args with the runtime's layout filled in
 * (hosts, ports, data dir, peer addresses: the runtime chooses them and hands them over as the
 * `NodePlan`/`ClusterPlan`), env, files to put in place, and a readiness probe. The runtime decides
 * how to provide it — a local process, a process in a network namespace, a container, a remote host —
 * and checks the program is there on its own hosts before anything starts. A target also says which
 * client ops (`read`, `write`, `cas`, `append`, `txn`, …) its client supports with the given settings
 * (a setting may remove some: raft-kv's leaderless mode has no `cas`, `append` or `txn`); a workload
 * runs on every target configuration whose client supports all of the workload's ops.
 *
 * Target-specific settings arrive as `--target-opt key=value` strings and are validated against the
 * target's own zod schema (`optionsSchema`).
 */
import type { z } from 'zod';
import type { Client } from './client.js';
import type { FaultKind } from '../runtimes/runtime.js';

/**
 * Where the runtime has placed one node. Every address and path is as the node itself sees it (a
 * container's data directory is a path inside the container), except `logFile`, which the harness
 * writes on its own host.
 */
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
 * The program every node of a target runs, named so that any runtime can provide it and say what is
 * missing: `binary` is a system binary (a name looked up on PATH, or an absolute path) with the
 * Debian package that provides it; `node-script` is a Node program of this package, named by its
 * source path from the package root (`targets/raft-kv/server.ts`), run from its compiled form.
 */
export type Program =
  | {
      kind: 'binary';
      /** The binary: a name on the host's PATH or an absolute path. */
      name: string;
      /** The Debian package that provides it (`etcd-server`), named when it is missing. */
      debianPackage: string;
      /** The option that chose `name`, when one did (`--target-opt binary=/opt/etcd`), named when it is missing. */
      chosenBy?: string;
    }
  | {
      kind: 'node-script';
      /** Source path from the package root, e.g. `targets/raft-kv/server.ts`. */
      script: string;
    };

/** A file the runtime puts in place before a node first starts (not again on a restart: it is the node's own then). */
export interface NodeFile {
  /** Path as the node sees it: absolute, or relative to the node's working directory. */
  path: string;
  content: string;
  /** File mode; default 0o644. */
  mode?: number;
}

/**
 * A helper process that belongs to a node but is not the node itself (Redis Sentinel beside each
 * Redis server): it runs the target's program (`Target.program`) with its own args, is started with
 * the node's first start in the same network place, and is stopped at teardown (and by
 * `faultline cleanup`). Node faults (kill, stop, pause, power loss) do not touch it: it survives
 * them, as a monitoring process on another core would.
 */
export interface SidecarSpec {
  /** Short name, unique within the node (its log is `<node>-<name>.log`). */
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Working directory as it sees it; defaults to the parent of the node's data directory. */
  cwd?: string;
  /** Files to put in place before it first starts. */
  files?: NodeFile[];
}

/** How to start one node: the target's program with these args, env and files. */
export interface NodeSpec {
  args: string[];
  env?: Record<string, string>;
  /** Files to put in place before the node first starts. */
  files?: NodeFile[];
  /** Working directory as the node sees it; defaults to the parent of the node's data directory. */
  cwd?: string;
  /** Helper processes started with the node (see `SidecarSpec`). */
  sidecars?: SidecarSpec[];
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
  /** The harness log, for problems a client sees that no single op's outcome can carry (its helper process died, wrote garbage). */
  log?(message: string): void;
}

export interface Target<Opts = Record<string, unknown>> {
  name: string;
  description: string;
  /** zod schema for `--target-opt key=value` settings (values arrive as strings; coerce). */
  optionsSchema: z.ZodType<Opts>;
  /**
   * The client ops (`f`s) this target's client supports when configured with the validated settings
   * `opts`; a workload needs all of its own. A pure function of `opts`.
   */
  ops(opts: Opts): readonly string[];
  /** Node counts the target supports. */
  nodeCounts?: readonly number[];
  /**
   * True when every node is given, per peer, the address it dials (`ClusterPlan.peerAddress`), so a
   * runtime can put a proxy on each directed link and cut or slow single links. False or absent: the
   * nodes share one peer list, and link faults need a runtime that faults hosts (netns, docker).
   */
  perLinkPeers?: boolean;
  /**
   * Optional: what the target's clients and readiness probes reach at each node's peer port
   * (`NodeRef.peerPort`), when they reach anything there: a service beside the node, named for
   * messages (`its Redis Sentinel`). Runtimes that lay out the nodes themselves always give the peer
   * port; a runtime that learns it from the user (external) refuses such a target up front when some
   * node lacks it. Absent: clients use the client port only.
   */
  peerPortService?: string;
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
   * Optional: why this target cannot take `fault` on any runtime (a graceful stop it does not survive,
   * a node that must never be paused), or undefined when it can. Runtimes decide the rest.
   */
  refusesFault?(fault: FaultKind): string | undefined;
  /**
   * The program every node runs with `opts`. Each runtime checks it is there on its own hosts before
   * anything starts, and refuses naming the Debian package to install (or the build step) when not.
   */
  program(opts: Opts): Program;
  /** How to start node `node` of `cluster` (with the program of `program(opts)`). */
  nodeSpec(node: NodePlan, cluster: ClusterPlan, opts: Opts): NodeSpec;
  /** Resolves true once the node serves requests; may be called repeatedly. */
  isReady(node: NodeRef, opts: Opts, signal: AbortSignal): Promise<boolean>;
  /**
   * Optional: ready once the cluster as a whole serves requests (e.g. a leader is elected).
   * Defaults to every node being ready.
   */
  isClusterReady?(nodes: NodeRef[], opts: Opts, signal: AbortSignal): Promise<boolean>;
  /** Opens a client bound to `node`; it serves every op in `ops(ctx.opts)`. */
  openClient(node: NodeRef, ctx: ClientContext<Opts>): Promise<Client>;
  /**
   * Optional: configurations of the target across the consistency/availability trade-off (its read and
   * replication modes), strongest first, for `faultline cap`: each a name and the `--target-opt`
   * settings that select it.
   */
  tradeoffs?: readonly Tradeoff[];
  /** Optional: the names of the nodes that currently lead (for leader-targeted nemeses). */
  leaders?(nodes: NodeRef[], opts: Opts, signal: AbortSignal): Promise<string[]>;
  /**
   * Optional: true when the configuration `opts` has no leader at all (every node takes writes, as
   * raft-kv's `replication=leaderless`), so leader-targeted faults are refused up front instead of
   * finding no leader at every try.
   */
  leaderless?(opts: Opts): boolean;
  /** Optional: the software version, recorded in test.json. */
  version?(opts: Opts): Promise<string | undefined>;
}

/**
 * Why leader-targeted faults cannot run against `target` configured with `opts` (it cannot say which
 * node leads, or this configuration has no leader), or undefined when they can. `opts` may be the raw
 * `--target-opt` strings or the validated options; undefined means the defaults.
 */
export function noLeaders(target: Target<any>, opts?: unknown): string | undefined {
  if (!target.leaders) return `target ${target.name} cannot say which node leads`;
  if (!target.leaderless) return undefined;
  const parsed = target.optionsSchema.safeParse(opts ?? {});
  if (parsed.success && target.leaderless(parsed.data)) return `target ${target.name} has no leader in this configuration (every node takes writes)`;
  return undefined;
}
