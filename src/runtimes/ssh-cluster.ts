/**
 * A cluster of the ssh runtime: one node per host, each a `RemoteNode` (ssh-node.ts). It keeps the
 * run's record in pids.json (ssh-record.ts) up to date before anything it names is created, puts a
 * node's files in place on its host before its first start, waits for readiness with the target's
 * probes from the harness, and offers kill -9, graceful stop, restart with data kept, pause and
 * resume. A node's sidecars start on its host after its first start and are untouched by its faults
 * (ssh-sidecars.ts, as on the local runtime). Teardown stops every node and sidecar (SIGTERM, SIGKILL
 * after a grace period), then removes what is
 * left on the hosts (ssh-cleanup.ts: processes, iptables chains, the run's remote directory), closes
 * the connections and never throws; if the harness exits without one, an exit hook does the same
 * synchronously.
 */
import { rmSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { UserError } from '../core/errors.js';
import type { ClusterPlan, NodePlan, NodeRef, Target } from '../core/target.js';
import { onHarnessExit } from './exit-guard.js';
import { tailLines, tailLog } from './node-process.js';
import { procIdentity, writePidRecord, type PidRecord } from './pid-record.js';
import { waitUntilReady } from './readiness.js';
import type { Cluster, KillAbility, PauseAbility, RuntimeContext, StopAbility } from './runtime.js';
import { cleanupHosts, cleanupHostsNow } from './ssh-cleanup.js';
import type { SshHost } from './ssh-conn.js';
import { placeRemoteFiles } from './ssh-files.js';
import { RemoteNode, type RemoteExit } from './ssh-node.js';
import { shellQuote } from './ssh-quote.js';
import { RemoteSidecars } from './ssh-sidecars.js';
import type { SshRecord } from './ssh-record.js';

const STOP_GRACE_S = 2;

export interface SshClusterOptions<O> {
  plan: ClusterPlan;
  target: Target<O>;
  opts: O;
  ctx: RuntimeContext;
  /** Every host, in the order of the options; node i runs on host i. */
  hosts: SshHost[];
  /** The ssh part of the record (written with the rest before anything starts). */
  record: SshRecord;
  /** The command line that starts the program on a host, before the node's own args. */
  command: string[];
  /** The local directory of the ssh control sockets (removed at teardown). */
  controlDir: string;
}

export class SshCluster<O> implements Cluster, KillAbility, StopAbility, PauseAbility {
  readonly nodes: NodeRef[];
  readonly plan: ClusterPlan;
  private readonly record: PidRecord;
  private readonly remote = new Map<string, RemoteNode>();
  private readonly started = new Set<string>();
  /** The nodes' sidecars (`NodeSpec.sidecars`): started with a node's first start, untouched by its faults. */
  private readonly sidecars = new RemoteSidecars();
  private readonly disposeExitHook: () => void;
  private tornDown?: Promise<void>;

  constructor(private readonly o: SshClusterOptions<O>) {
    this.plan = o.plan;
    this.nodes = o.plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort, peerPort: n.peerPort }));
    this.record = { runtime: 'ssh', harness: process.pid, harnessIdentity: procIdentity(process.pid), nodes: [], procs: [], files: [], ssh: o.record };
    writePidRecord(o.ctx.runDir, this.record);
    for (const n of o.plan.nodes) {
      const paths = { cwd: dirname(n.dataDir), log: posix.join(dirname(n.dataDir), 'node.log'), exit: posix.join(dirname(n.dataDir), 'exit') };
      this.remote.set(n.name, new RemoteNode(n.name, o.hosts[n.index]!, paths, n.logFile, (exit) => this.exitedByItself(n, exit)));
    }
    this.disposeExitHook = onHarnessExit(() => cleanupHostsNow(o.record, o.controlDir));
  }

  /** Changes the record and writes it at once (before what it names is created). */
  updateRecord(change: (r: SshRecord) => void): void {
    change(this.o.record);
    writePidRecord(this.o.ctx.runDir, this.record);
  }

  private node(name: string): RemoteNode {
    const r = this.remote.get(name);
    if (!r) throw new Error(`unknown node ${name}`);
    return r;
  }

  /** A node (or a sidecar, by its `<node>-<sidecar>` name and log) exited without being asked to: a finding. */
  private exitedByItself(node: Pick<NodePlan, 'name' | 'logFile'>, exit: RemoteExit): void {
    const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
    this.o.ctx.logger.warn(`node ${node.name} ${how} on its own`);
    this.o.ctx.onNodeExit?.({ node: node.name, ...exit, at: new Date().toISOString(), logTail: tailLines(node.logFile, 20) });
  }

  /** Starts node `name` on its host (its files are put in place the first time only). */
  async start(name: string): Promise<void> {
    const { target, opts, ctx } = this.o;
    const plan = this.plan.nodes.find((n) => n.name === name)!;
    const r = this.node(name);
    const spec = target.nodeSpec(plan, this.plan, opts);
    if (spec.cwd && spec.cwd !== r.paths.cwd) throw new UserError(`the ssh runtime runs nodes in their own directory, and target ${target.name} asks for ${spec.cwd}`);
    const first = !this.started.has(name);
    if (first) {
      await r.host.sh(`mkdir -p ${shellQuote(plan.dataDir)}`);
      await placeRemoteFiles(r.host, r.paths.cwd, spec.files ?? []);
    }
    this.started.add(name);
    const node = await r.start([...this.o.command, ...spec.args], spec.env ?? {}, (p) => this.updateRecord((rec) => rec.procs.push({ name, host: plan.index, ...p })));
    ctx.logger.info(`started ${name} on ${r.host.label} pid ${node.pid}`);
    if (first && spec.sidecars?.length) {
      await this.sidecars.start({
        node: plan, host: r.host, cwd: r.paths.cwd, command: this.o.command,
        record: (sc, p) => {
          this.updateRecord((rec) => rec.procs.push({ name: sc, host: plan.index, ...p }));
          ctx.logger.info(`started sidecar ${sc} on ${r.host.label} pid ${p.node.pid}`);
        },
        exited: (sc, logFile, exit) => this.exitedByItself({ name: sc, logFile }, exit),
      }, spec.sidecars, target.name);
    }
  }

  /** Starts every node and waits until each and then the cluster are ready, or throws a one-line error. */
  async startAll(timeoutMs: number): Promise<void> {
    await Promise.all(this.plan.nodes.map((n) => this.start(n.name)));
    await waitUntilReady({
      target: this.o.target,
      opts: this.o.opts,
      nodes: this.nodes,
      timeoutMs,
      signal: this.o.ctx.signal,
      exitedEarly: (name) => {
        const r = this.node(name);
        if (r.running) return undefined;
        const log = this.plan.nodes.find((n) => n.name === name)!.logFile;
        return `node ${name} on ${r.host.label} exited (${r.exit?.code ?? r.exit?.signal}) during startup; last lines of ${log}:\n${tailLog(log)}`;
      },
    });
  }

  async kill(name: string): Promise<void> {
    await this.node(name).signal(['CONT', 'KILL'], { graceS: 0 });
    this.o.ctx.logger.info(`killed ${name}`);
  }

  async stop(name: string): Promise<void> {
    await this.node(name).signal(['CONT', 'TERM'], { graceS: STOP_GRACE_S });
    this.o.ctx.logger.info(`stopped ${name}`);
  }

  async restart(name: string): Promise<void> {
    if (!this.node(name).running) await this.start(name);
  }

  async pause(name: string): Promise<void> {
    await this.node(name).signal(['STOP']);
  }

  async resume(name: string): Promise<void> {
    await this.node(name).signal(['CONT']);
  }

  /** Stops every node, removes what is left on the hosts, closes the connections; a second call waits for the first. */
  teardown(): Promise<void> {
    this.tornDown ??= this.tearDownOnce();
    return this.tornDown;
  }

  private async tearDownOnce(): Promise<void> {
    const warn = (e: unknown) => this.o.ctx.logger.warn(`teardown: ${e instanceof Error ? e.message : String(e)}`);
    const all = [...this.remote.values(), ...this.sidecars.all()];
    await Promise.all(all.map((r) => r.signal(['CONT', 'TERM'], { graceS: STOP_GRACE_S }).catch(warn)));
    await Promise.all(all.map((r) => r.close()));
    const left = await cleanupHosts(this.o.hosts, this.o.record);
    if (left.killed.length) warn(`killed remote processes left after the stop: ${left.killed.join(', ')}`);
    for (const f of left.failed) warn(f);
    await Promise.all(this.o.hosts.map((h) => h.close()));
    rmSync(this.o.controlDir, { recursive: true, force: true });
    this.disposeExitHook();
    this.o.ctx.logger.info('all nodes stopped');
  }
}
