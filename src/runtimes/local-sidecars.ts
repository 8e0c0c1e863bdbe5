/**
 * Sidecars on the runtimes whose nodes are host processes (local, netns): helper processes that belong to a node but are not the node itself
 * (`NodeSpec.sidecars`, e.g. Redis Sentinel beside each Redis server). Each starts right after its
 * node's first start, as a child process where the node runs (the runtime's `wrap` puts it in the
 * node's namespace), with its own log file
 * (`<run>/nodes/<node>-<sidecar>.log`); node faults (kill, stop, pause, power loss) never touch it,
 * and a node's restart does not start it again. Teardown stops every sidecar; the harness's exit hook
 * and `faultline cleanup` kill them through the same pid record as the nodes.
 * A sidecar runs the target's program (`Target.program`), which the runtime has already checked.
 */
import { dirname, join } from 'node:path';
import type { NodePlan, Program, SidecarSpec } from '../core/target.js';
import { hostCommand, placeFiles } from './host-program.js';
import { startNodeProcess, type LaunchSpec, type NodeProcess } from './node-process.js';

/** The name a sidecar goes by in logs, the pid record and crash reports: `<node>-<sidecar>`. */
export const sidecarName = (node: string, sidecar: string): string => `${node}-${sidecar}`;

/** Where a sidecar's output goes: beside its node's log. */
export const sidecarLogFile = (node: NodePlan, sidecar: string): string => join(dirname(node.logFile), `${sidecarName(node.name, sidecar)}.log`);

/** The sidecars of one cluster, by `<node>-<sidecar>` name. */
export class LocalSidecars {
  private readonly procs = new Map<string, NodeProcess>();

  /**
   * Starts the sidecars of `node`, each running `program` (files first). `started` hears of each
   * process (for the pid record); `exited` of one that exits without being asked to.
   */
  start(
    node: NodePlan,
    program: Program,
    specs: readonly SidecarSpec[],
    started: (name: string, pid: number, command: string, proc: NodeProcess) => void,
    exited: (name: string, logFile: string, exit: { code?: number; signal?: string }) => void,
    wrap: (launch: LaunchSpec) => LaunchSpec = (l) => l,
  ): void {
    for (const spec of specs) {
      const name = sidecarName(node.name, spec.name);
      if (this.procs.has(name)) throw new Error(`sidecar ${name} started twice`);
      const cwd = spec.cwd ?? join(node.dataDir, '..');
      placeFiles(spec, cwd);
      const log = sidecarLogFile(node, spec.name);
      const direct: LaunchSpec = { ...hostCommand(program, spec), env: spec.env, cwd };
      const proc = startNodeProcess(wrap(direct), log, (exit) => exited(name, log, exit));
      if (proc.pid === undefined) throw new Error(`cannot start sidecar ${name} (${direct.command}); see ${log}`);
      this.procs.set(name, proc);
      started(name, proc.pid, direct.command, proc);
    }
  }

  /** PIDs of the sidecars still running. */
  pids(): number[] {
    return [...this.procs.values()].filter((p) => p.running && p.pid !== undefined).map((p) => p.pid as number);
  }

  /** Stops every sidecar (SIGTERM, then SIGKILL after `graceMs`); resolves once all are gone. */
  async stopAll(graceMs: number): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.stop(graceMs)));
  }

  /** Synchronous last resort (exit hook): kill every sidecar. */
  killNow(): void {
    for (const p of this.procs.values()) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
  }
}
