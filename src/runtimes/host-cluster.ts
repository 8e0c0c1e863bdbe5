/**
 * The core shared by runtimes whose nodes are processes on the harness's own host (local, netns):
 * starting each node from its target's spec (program resolved on this host, files put in place before
 * its first start, libfaketime preloaded when the clock is skewed that way), recording every process
 * in `<run>/pids.json` for `faultline cleanup`, an exit hook that kills the nodes if the harness dies
 * without tearing down, kill -9 / graceful stop / restart with data kept, pause / resume (SIGSTOP /
 * SIGCONT), readiness, and a teardown that stops every process and then runs the runtime's own steps
 * (unmount disks, close proxies, remove namespaces). A node that exits without being asked to is
 * reported through `RuntimeContext.onNodeExit` with the tail of its log. A node's sidecars start with
 * its first start (local-sidecars.ts), are recorded and reported like nodes, and stop at teardown.
 *
 * A runtime may wrap each command line (`wrap`: the netns runtime prefixes `ip netns exec <ns>`, which
 * execs the program in place, so the PID is the node's); the identity recorded for cleanup is then
 * taken once the process has become the program.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../core/errors.js';
import type { ClusterPlan, NodePlan, NodeRef, NodeSpec, Target } from '../core/target.js';
import { onHarnessExit } from './exit-guard.js';
import { hostCommand, placeFiles } from './host-program.js';
import { clockFile, faketimeEnv, removeFiles, shmFiles, type ClockMode } from './local-clock.js';
import { LocalSidecars } from './local-sidecars.js';
import { startNodeProcess, tailLines, tailLog, type LaunchSpec, type NodeProcess } from './node-process.js';
import { procIdentity, writePidRecord, type PidRecord } from './pid-record.js';
import { waitUntilReady } from './readiness.js';
import type { Cluster, HostProcessAbility, KillAbility, PauseAbility, RuntimeContext, StopAbility } from './runtime.js';

const STOP_GRACE_MS = 2_000;

export interface HostClusterOptions<O> {
  /** The runtime's name, recorded in pids.json for `faultline cleanup`. */
  runtime: string;
  plan: ClusterPlan;
  target: Target<O>;
  opts: O;
  ctx: RuntimeContext;
  /** How node clocks are skewed, if they are (libfaketime is then preloaded). */
  clockMode?: ClockMode;
  /** Wraps a node's command line (default: as it is). */
  wrap?(node: NodePlan, launch: LaunchSpec): LaunchSpec;
  /** Runtime-specific fields of the record, written before any node starts. */
  record?: Partial<PidRecord>;
}

/** A step of the teardown (after the nodes are stopped) and its synchronous last-resort form. */
export interface TeardownStep {
  run(): Promise<void>;
  /** For the exit hook, where nothing asynchronous can run. */
  now?(): void;
}

/** Nodes as processes on this host. */
export class HostCluster<O> implements Cluster, HostProcessAbility, KillAbility, StopAbility, PauseAbility {
  readonly nodes: NodeRef[];
  readonly plan: ClusterPlan;
  private readonly procs = new Map<string, NodeProcess>();
  /** The nodes' sidecars (`NodeSpec.sidecars`): started with a node's first start, untouched by its faults. */
  private readonly sidecars = new LocalSidecars();
  /** Nodes started at least once (their files are in place, their sidecars started). */
  private readonly started = new Set<string>();
  /** The record of pids.json; runtimes add to it through `updateRecord`. */
  readonly record: PidRecord;
  private readonly steps: TeardownStep[] = [];
  private readonly disposeExitHook: () => void;
  private tornDown?: Promise<void>;

  constructor(private readonly o: HostClusterOptions<O>) {
    this.plan = o.plan;
    this.nodes = o.plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort, peerPort: n.peerPort }));
    const clockFiles = o.clockMode ? o.plan.nodes.map((n) => clockFile(o.ctx.runDir, n.name, o.clockMode!)) : [];
    this.record = { runtime: o.runtime, harness: process.pid, harnessIdentity: procIdentity(process.pid), nodes: [], procs: [], files: clockFiles, ...o.record };
    writePidRecord(o.ctx.runDir, this.record);
    this.disposeExitHook = onHarnessExit(() => this.killNow());
  }

  /** Changes the record and writes it at once (before what it names is created). */
  updateRecord(change: (r: PidRecord) => void): void {
    change(this.record);
    writePidRecord(this.o.ctx.runDir, this.record);
  }

  /** Adds a teardown step, run after the nodes stop, in the order added. */
  onTeardown(step: TeardownStep): void {
    this.steps.push(step);
  }

  node(name: string): NodePlan {
    const n = this.plan.nodes.find((p) => p.name === name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  /** Starts node `name` (its files are put in place the first time only). */
  start(name: string): NodeProcess {
    const { target, opts, ctx } = this.o;
    const node = this.node(name);
    const spec = target.nodeSpec(node, this.plan, opts);
    const cwd = spec.cwd ?? join(node.dataDir, '..');
    const first = !this.started.has(name);
    if (first) placeFiles(spec, cwd);
    this.started.add(name);
    const env = this.o.clockMode === 'libfaketime' ? { ...spec.env, ...faketimeEnv(clockFile(ctx.runDir, name, 'libfaketime')) } : spec.env;
    const direct: LaunchSpec = { ...hostCommand(target.program(opts), spec), env, cwd };
    const launch = this.o.wrap ? this.o.wrap(node, direct) : direct;
    const proc = startNodeProcess(launch, node.logFile, (exit) => this.exitedByItself(name, exit));
    if (proc.pid === undefined) throw new UserError(`${target.name}: cannot start node ${name} (${direct.command}); see ${node.logFile}`);
    const pid = proc.pid;
    this.procs.set(name, proc);
    this.updateRecord((r) => {
      r.nodes.push(pid);
      if (this.o.clockMode === 'libfaketime') r.files.push(...shmFiles(pid));
    });
    if (this.o.clockMode === 'libfaketime') void proc.exited.then(() => removeFiles(shmFiles(pid)));
    if (this.o.wrap) void this.recordOnceExeced(name, pid, direct.command, proc);
    else this.recordIdentity(name, pid);
    ctx.logger.info(`started ${name} pid ${pid}: ${launch.command} ${launch.args.join(' ')}`);
    if (first && spec.sidecars?.length) this.startSidecars(node, spec.sidecars);
    return proc;
  }

  /** Starts a node's sidecars, each recorded for cleanup like a node; one that exits by itself is a finding. */
  private startSidecars(node: NodePlan, specs: NonNullable<NodeSpec['sidecars']>): void {
    const { target, opts, ctx } = this.o;
    this.sidecars.start(
      node,
      target.program(opts),
      specs,
      (sc, pid, command, proc) => {
        this.updateRecord((r) => r.nodes.push(pid));
        if (this.o.wrap) void this.recordOnceExeced(sc, pid, command, proc);
        else this.recordIdentity(sc, pid);
        ctx.logger.info(`started sidecar ${sc} pid ${pid}`);
      },
      (sc, log, exit) => this.exitedByItself(sc, exit, log),
      this.o.wrap ? (launch) => this.o.wrap!(node, launch) : undefined,
    );
  }

  private recordIdentity(name: string, pid: number): void {
    const id = procIdentity(pid);
    if (id) this.updateRecord((r) => r.procs.push({ name, ...id }));
  }

  /** A wrapped start execs the program in place: record the identity it has then (at most 5 s on). */
  private async recordOnceExeced(name: string, pid: number, command: string, proc: NodeProcess): Promise<void> {
    for (let i = 0; i < 250 && proc.running; i++) {
      const id = procIdentity(pid);
      if (id && id.cmdline.split(' ')[0] === command) {
        this.updateRecord((r) => r.procs.push({ name, ...id }));
        return;
      }
      await sleep(20);
    }
  }

  /** Records a helper process (e.g. a node's powerloss-fs), for `faultline cleanup`. */
  recordHelper(name: string, pid: number | undefined): void {
    const id = pid === undefined ? undefined : procIdentity(pid);
    if (id) this.updateRecord((r) => r.procs.push({ name, ...id }));
  }

  /** A node exited without being asked to: a finding, reported with the tail of its log. */
  private exitedByItself(name: string, exit: { code?: number; signal?: string }, logFile = this.node(name).logFile): void {
    const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    this.o.ctx.logger.warn(`node ${name} ${how} on its own`);
    this.o.ctx.onNodeExit?.({ node: name, ...exit, at: new Date().toISOString(), logTail: tailLines(logFile, 20) });
  }

  /** Starts every node and waits until each and then the cluster are ready, or throws a one-line error. */
  async startAll(timeoutMs: number): Promise<void> {
    for (const n of this.plan.nodes) this.start(n.name);
    await waitUntilReady({
      target: this.o.target,
      opts: this.o.opts,
      nodes: this.nodes,
      timeoutMs,
      signal: this.o.ctx.signal,
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
    this.o.ctx.logger.info(`killed ${name}`);
  }

  async stop(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p || !p.running) return;
    await p.stop(STOP_GRACE_MS);
    this.o.ctx.logger.info(`stopped ${name}`);
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

  /** Synchronous last resort (exit hook): thaw and kill every node, run the steps' last resorts, remove files. */
  private killNow(): void {
    for (const p of this.procs.values()) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
    this.sidecars.killNow();
    for (const s of this.steps) {
      try {
        s.now?.();
      } catch {
        // best effort: the others must still run
      }
    }
    removeFiles(this.record.files);
  }

  /** Stops every node, then runs the teardown steps; a second call waits for the first. */
  teardown(): Promise<void> {
    this.tornDown ??= this.tearDownOnce();
    return this.tornDown;
  }

  private async tearDownOnce(): Promise<void> {
    await Promise.all([...[...this.procs.values()].map((p) => p.stop(STOP_GRACE_MS)), this.sidecars.stopAll(STOP_GRACE_MS)]);
    for (const s of this.steps) {
      try {
        await s.run();
      } catch (e) {
        this.o.ctx.logger.warn(`teardown: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    removeFiles(this.record.files);
    this.disposeExitHook();
    this.o.ctx.logger.info('all nodes stopped');
  }
}
