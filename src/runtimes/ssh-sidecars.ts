/**
 * Sidecars on the ssh runtime (`NodeSpec.sidecars`, e.g. Redis Sentinel beside each Redis server),
 * with the semantics of the host-process runtimes (local-sidecars.ts): each starts right after its
 * node's first start, on the node's host, running the target's program with its own args; node
 * faults (kill, stop, pause) never touch it, and a node's restart does not start it again; teardown
 * stops it. It is started exactly as a node is (ssh-node.ts): detached in a session of its own,
 * known by PID and start time, in the node's directory inside the run's remote directory (so
 * `faultline cleanup` finds it by its working directory even before the record names it), its files
 * put in place first, its remote log `<sidecar>.log` beside the node's `node.log` followed into the
 * run's `nodes/<node>-<sidecar>.log`. One that exits without being asked to is reported like a node.
 */
import { posix } from 'node:path';
import { UserError } from '../core/errors.js';
import type { NodePlan, SidecarSpec } from '../core/target.js';
import { sidecarLogFile, sidecarName } from './local-sidecars.js';
import type { SshHost } from './ssh-conn.js';
import { placeRemoteFiles } from './ssh-files.js';
import { RemoteNode, type RemoteExit } from './ssh-node.js';
import type { RemoteProc } from './ssh-scripts.js';

/** What starting a node's sidecars needs from its cluster. */
export interface RemoteSidecarStart {
  node: NodePlan;
  host: SshHost;
  /** The node's working directory on its host (a sidecar runs there too). */
  cwd: string;
  /** The command line that starts the target's program on the host, before the sidecar's own args. */
  command: readonly string[];
  /** Hears of each sidecar's processes as soon as they are known (for pids.json). */
  record(name: string, procs: { wrapper: RemoteProc; node: RemoteProc }): void;
  /** Hears of a sidecar that exited without being asked to, with its local log. */
  exited(name: string, logFile: string, exit: RemoteExit): void;
}

/** The sidecars of one ssh cluster, by `<node>-<sidecar>` name. */
export class RemoteSidecars {
  private readonly procs = new Map<string, RemoteNode>();

  /** Starts `specs` for one node (files first); rejects with a one-line error if one cannot start. */
  async start(s: RemoteSidecarStart, specs: readonly SidecarSpec[], targetName: string): Promise<void> {
    for (const spec of specs) {
      const name = sidecarName(s.node.name, spec.name);
      if (this.procs.has(name)) throw new Error(`sidecar ${name} started twice`);
      if (spec.cwd && spec.cwd !== s.cwd) throw new UserError(`the ssh runtime runs sidecars in their node's directory, and target ${targetName} asks for ${spec.cwd}`);
      await placeRemoteFiles(s.host, s.cwd, spec.files ?? []);
      const log = sidecarLogFile(s.node, spec.name);
      const paths = { cwd: s.cwd, log: posix.join(s.cwd, `${spec.name}.log`), exit: posix.join(s.cwd, `exit-${spec.name}`) };
      const r = new RemoteNode(name, s.host, paths, log, (exit) => s.exited(name, log, exit));
      this.procs.set(name, r);
      await r.start([...s.command, ...spec.args], spec.env ?? {}, (p) => s.record(name, p));
    }
  }

  /** Every sidecar started (for teardown). */
  all(): RemoteNode[] {
    return [...this.procs.values()];
  }
}
