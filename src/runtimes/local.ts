/**
 * The `local` runtime: every node is a child process on loopback with its own ports, data directory
 * (`<run>/nodes/<name>/data`) and log file (`<run>/nodes/<name>.log`). Needs no root. Records every
 * process it starts in `<run>/pids.json` (pid-record.ts) so that `faultline cleanup` can find what a
 * killed harness left behind, and registers an exit hook that kills its nodes if the harness dies
 * without tearing down. A node that exits without being asked to (no kill, stop or teardown) is
 * reported through `RuntimeContext.onNodeExit` with the tail of its log.
 *
 * Abilities: kill -9 / graceful stop / restart with data kept, pause / resume (SIGSTOP / SIGCONT);
 * for targets that take per-link peer addresses, partitions and link faults through a proxy on every
 * directed link (link-proxy-set.ts); for targets whose clock can be skewed, per-node clock offsets
 * (local-clock.ts). Clients reach nodes directly, unless the run asks for `partition-clients`: then
 * a client homed at h reaches every other node x through a proxy on the client link h→x, and
 * partitions cut those links as they cut h's own (`clientNodes`). When the run asks for `power-loss`,
 * every data directory is a powerloss-fs mount and the cluster can lose power (local-power-loss.ts).
 * A node's sidecars (`NodeSpec.sidecars`) start with its first start and survive its faults
 * (local-sidecars.ts); a spec's files are written before the process that needs them first starts.
 */
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { NodePlan, NodeRef, Target } from '../core/target.js';
import { onHarnessExit } from './exit-guard.js';
import { cleanupLocalRun } from './local-cleanup.js';
import { hostCommand, hostProgramMissing, placeFiles } from './host-program.js';
import type { LinkProxySet } from './link-proxy-set.js';
import { clockFile, faketimeEnv, removeFiles, shmFiles } from './local-clock.js';
import { planLocalCluster, type LocalPlan } from './local-plan.js';
import { clockAbility, localRefusal, proxyAbilities } from './local-faults.js';
import { LocalDisks } from './local-power-loss.js';
import type { PowerLossMount } from './powerloss-mount.js';
import { startNodeProcess, tailLines, tailLog, type NodeProcess } from './node-process.js';
import { LocalSidecars } from './local-sidecars.js';
import { procIdentity, writePidRecord, type PidRecord } from './pid-record.js';
import { waitUntilReady } from './readiness.js';
import type { ClientViewAbility, ClockAbility, Cluster, FaultKind, HostProcessAbility, KillAbility, LinkFaultAbility, PartitionAbility, PauseAbility, PowerLossAbility, Runtime, RuntimeContext, StopAbility } from './runtime.js';

const STOP_GRACE_MS = 2_000;

export type LocalCluster = Cluster &
  HostProcessAbility &
  KillAbility &
  StopAbility &
  PauseAbility &
  Partial<PartitionAbility & LinkFaultAbility & ClockAbility & PowerLossAbility> & {
    /** The link proxies, when the target takes per-link peer addresses. */
    readonly proxies?: LinkProxySet;
    /** Where a client homed at `home` reaches each node (through client-link proxies when partitions cut clients). */
    clientNodes(home: string): NodeRef[];
  };

class LocalClusterImpl<O> implements Cluster, HostProcessAbility, KillAbility, StopAbility, PauseAbility, ClientViewAbility {
  readonly nodes: NodeRef[];
  private readonly procs = new Map<string, NodeProcess>();
  private readonly sidecars = new LocalSidecars();
  /** Nodes started at least once (their files are in place, their sidecars started). */
  private readonly started = new Set<string>();
  private readonly record: PidRecord;
  private readonly disposeExitHook: () => void;
  /** The powerloss-fs mounts of the data directories, when the run asked for power loss. */
  disks?: LocalDisks;

  constructor(
    readonly plan: LocalPlan,
    private readonly target: Target<O>,
    private readonly opts: O,
    private readonly ctx: RuntimeContext,
  ) {
    this.nodes = plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort, peerPort: n.peerPort }));
    const clockFiles = plan.clockMode ? plan.nodes.map((n) => clockFile(ctx.runDir, n.name, plan.clockMode!)) : [];
    this.record = { runtime: 'local', harness: process.pid, harnessIdentity: procIdentity(process.pid), nodes: [], procs: [], files: clockFiles };
    this.disposeExitHook = onHarnessExit(() => this.killNow());
  }

  get proxies(): LinkProxySet | undefined {
    return this.plan.proxies;
  }

  clientNodes(home: string): NodeRef[] {
    const links = this.plan.clientProxies;
    if (!links) return this.nodes;
    this.node(home);
    return this.nodes.map((n) => (n.name === home ? n : { ...n, ...hostPort(links.address(home, n.name)) }));
  }

  private node(name: string): NodePlan {
    const n = this.plan.nodes.find((p) => p.name === name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  start(name: string): NodeProcess {
    const node = this.node(name);
    const spec = this.target.nodeSpec(node, this.plan, this.opts);
    const cwd = spec.cwd ?? join(node.dataDir, '..');
    const first = !this.started.has(name);
    if (first) placeFiles(spec, cwd);
    this.started.add(name);
    const env = this.plan.clockMode === 'libfaketime' ? { ...spec.env, ...faketimeEnv(clockFile(this.ctx.runDir, name, 'libfaketime')) } : spec.env;
    const program = this.target.program(this.opts);
    const launch = { ...hostCommand(program, spec), env, cwd };
    const proc = startNodeProcess(launch, node.logFile, (exit) => this.exitedByItself(name, exit));
    if (proc.pid === undefined) {
      throw new UserError(`${this.target.name}: cannot start node ${name} (${launch.command}); see ${node.logFile}`);
    }
    const pid = proc.pid;
    this.procs.set(name, proc);
    this.recordProcess(name, pid);
    if (this.plan.clockMode === 'libfaketime') {
      this.record.files.push(...shmFiles(pid));
      void proc.exited.then(() => removeFiles(shmFiles(pid)));
    }
    writePidRecord(this.ctx.runDir, this.record);
    this.ctx.logger.info(`started ${name} pid ${pid}: ${launch.command} ${launch.args.join(' ')}`);
    if (first && spec.sidecars?.length) {
      this.sidecars.start(
        node,
        program,
        spec.sidecars,
        (sc, scPid) => {
          this.recordProcess(sc, scPid);
          writePidRecord(this.ctx.runDir, this.record);
          this.ctx.logger.info(`started sidecar ${sc} pid ${scPid}`);
        },
        (sc, log, exit) => this.exitedByItself(sc, exit, log),
      );
    }
    return proc;
  }

  /** Adds a process to the pid record (not yet written). */
  private recordProcess(name: string, pid: number): void {
    this.record.nodes.push(pid);
    const id = procIdentity(pid);
    if (id) this.record.procs.push({ name, ...id });
  }

  /** A node (or a sidecar) exited without being asked to: a finding, reported with the tail of its log. */
  private exitedByItself(name: string, exit: { code?: number; signal?: string }, logFile = this.node(name).logFile): void {
    const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    this.ctx.logger.warn(`node ${name} ${how} on its own`);
    this.ctx.onNodeExit?.({ node: name, ...exit, at: new Date().toISOString(), logTail: tailLines(logFile, 20) });
  }

  /** Records a powerloss-fs helper and its mount, for `faultline cleanup`. */
  recordDisk(node: string, m: PowerLossMount): void {
    const id = m.pid === undefined ? undefined : procIdentity(m.pid);
    if (id) this.record.procs.push({ name: `${node}-disk`, ...id });
    this.record.mounts = [...(this.record.mounts ?? []), m.mountpoint];
    writePidRecord(this.ctx.runDir, this.record);
  }

  /** Waits until every node and then the cluster are ready, or throws a one-line error. */
  async awaitReady(timeoutMs: number): Promise<void> {
    await waitUntilReady({
      target: this.target,
      opts: this.opts,
      nodes: this.nodes,
      timeoutMs,
      signal: this.ctx.signal,
      exitedEarly: (name) => {
        const p = this.procs.get(name);
        if (!p || p.running) return undefined;
        const node = this.node(name);
        return `node ${name} exited (${p.exit?.code ?? p.exit?.signal}) during startup; last lines of ${node.logFile}:\n${tailLog(node.logFile)}`;
      },
    });
  }

  pids(): number[] {
    return [...[...this.procs.values()].filter((p) => p.running && p.pid !== undefined).map((p) => p.pid as number), ...this.sidecars.pids()];
  }

  async kill(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p || !p.running) return;
    p.signal('SIGKILL');
    await p.exited;
    this.ctx.logger.info(`killed ${name}`);
  }

  async stop(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p || !p.running) return;
    await p.stop(STOP_GRACE_MS);
    this.ctx.logger.info(`stopped ${name}`);
  }

  async restart(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (p?.running) return;
    this.start(name);
  }

  async pause(name: string): Promise<void> {
    this.node(name);
    this.procs.get(name)?.signal('SIGSTOP');
  }

  async resume(name: string): Promise<void> {
    this.node(name);
    this.procs.get(name)?.signal('SIGCONT');
  }

  /** Synchronous last resort (exit hook): thaw and kill every node, remove clock and shm files. */
  private killNow(): void {
    for (const p of this.procs.values()) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
    this.sidecars.killNow();
    this.disks?.killNow();
    removeFiles(this.record.files);
  }

  async teardown(): Promise<void> {
    await Promise.all([...[...this.procs.values()].map((p) => p.stop(STOP_GRACE_MS)), this.sidecars.stopAll(STOP_GRACE_MS)]);
    await this.disks?.unmountAll(); // after the nodes: a clean shutdown writes pending data back
    await this.plan.proxies?.close();
    await this.plan.clientProxies?.close();
    removeFiles(this.record.files);
    this.disposeExitHook();
    this.ctx.logger.info('all nodes stopped');
  }
}

const hostPort = (a: { host: string; port: number }) => ({ host: a.host, clientPort: a.port });

/** Link proxies cost a hop on every peer message: only partitions and link faults need them. */
function needsLinks(faults: readonly FaultKind[] | undefined): boolean {
  return faults === undefined || faults.includes('partition') || faults.includes('link');
}

/** The local runtime's setup resolves with a cluster that has its abilities. */
export interface LocalRuntime extends Runtime {
  setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster>;
}

/** Starts nodes as local child processes. */
export const localRuntime: LocalRuntime = {
  name: 'local',
  description: 'nodes are child processes on loopback (no root needed); link faults through per-link proxies',
  unsupported: localRefusal,
  cleanup: cleanupLocalRun,
  async check(target, opts) {
    return hostProgramMissing(target.name, target.program(opts));
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster> {
    const missing = await this.check(target, opts);
    if (missing) throw new UserError(missing);
    const plan = await planLocalCluster(nodeCount, ctx.runDir, {
      proxies: target.perLinkPeers && needsLinks(ctx.faults) ? { framed: target.peerFraming === 'u32be-length', seed: ctx.seed ?? 0 } : undefined,
      clientProxies: target.perLinkPeers === true && ctx.faults?.includes('partition-clients') === true,
      clock: localRefusal('clock', target) === undefined ? target.clockSkew : undefined,
    });
    const impl = new LocalClusterImpl(plan, target, opts, ctx);
    const cluster: LocalCluster = impl;
    if (plan.proxies) Object.assign(cluster, proxyAbilities(plan.proxies, target.peerFraming !== undefined, ctx.logger, plan.clientProxies));
    if (plan.clockMode) {
      const files = new Map(plan.nodes.map((n) => [n.name, clockFile(ctx.runDir, n.name, plan.clockMode!)]));
      Object.assign(cluster, clockAbility(files, plan.clockMode, ctx.logger));
    }
    try {
      if (ctx.faults?.includes('power-loss') === true) {
        const why = localRefusal('power-loss', target);
        if (why) throw new UserError(`power-loss: ${why}`);
        impl.disks = await LocalDisks.mountAll(plan.nodes, (node, m) => impl.recordDisk(node, m));
        Object.assign(cluster, impl.disks.ability({ kill: (n) => impl.kill(n), logger: ctx.logger, seed: ctx.seed ?? 0 }));
      }
      for (const n of plan.nodes) impl.start(n.name);
      await impl.awaitReady(60_000);
    } catch (e) {
      await impl.teardown();
      throw e;
    }
    return cluster;
  },
};
