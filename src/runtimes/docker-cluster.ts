/**
 * A started docker cluster: one container per node (docker-node.ts) on the run's network, with the
 * abilities the engine gives — kill -9 and restart with data kept, graceful stop, pause / resume
 * (cgroup freezer) — and partitions and loss as iptables rules in each node's network namespace,
 * run in its holder container through the engine (iptables-faults.ts, docker.ts); the holder keeps
 * the namespace, so a killed and restarted node keeps its rules. A node's sidecars are containers of
 * their own in its holder's namespace, started after the node's first start; node faults touch only
 * the node's container, so they survive them (as on the local runtime), and a restart does not start
 * them again. Teardown stops the containers (sidecars too), then removes them, the
 * network and (when the run built it and does not keep it) the image; it never throws and is safe to
 * call twice, and an exit hook does the same with the docker CLI if the harness dies without it.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import type { ClusterPlan, NodeRef } from '../core/target.js';
import { ContainerNode } from './docker-node.js';
import { removeImage } from './docker-image.js';
import { engineIsLocal, notFound } from './docker-engine.js';
import { onHarnessExit } from './exit-guard.js';
import { removeFiles } from './local-clock.js';
import { tailLines } from './node-process.js';
import { procIdentity, writePidRecord, type PidRecord, type ProcIdentity } from './pid-record.js';
import type { Cluster, KillAbility, PauseAbility, RuntimeContext, StopAbility } from './runtime.js';

const STOP_GRACE_S = 2;

/** Nodes as containers. */
export class DockerCluster implements Cluster, KillAbility, StopAbility, PauseAbility {
  readonly nodes: NodeRef[];
  readonly containers = new Map<string, ContainerNode>();
  /** The nodes' sidecar containers (`NodeSpec.sidecars`), by `<node>-<sidecar>` name. */
  readonly sidecars = new Map<string, ContainerNode>();
  private readonly disposeExitHook: () => void;
  private tornDown?: Promise<void>;

  constructor(
    private readonly d: Docker,
    readonly plan: ClusterPlan,
    readonly record: PidRecord,
    private readonly ctx: RuntimeContext,
  ) {
    this.nodes = plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort, peerPort: n.peerPort }));
    writePidRecord(ctx.runDir, record);
    this.disposeExitHook = onHarnessExit(() => this.removeNow());
  }

  /** Changes the record and writes it at once (before what it names is created). */
  updateRecord(change: (r: PidRecord) => void): void {
    change(this.record);
    writePidRecord(this.ctx.runDir, this.record);
  }

  node(name: string): ContainerNode {
    const c = this.containers.get(name);
    if (!c) throw new Error(`unknown node ${name}`);
    return c;
  }

  /** A node's container (or a sidecar's, with its log) stopped without the harness asking: a finding, with the tail of its log. */
  exitedByItself(name: string, code: number, logFile = this.plan.nodes.find((n) => n.name === name)!.logFile): void {
    if (this.tornDown) return;
    this.ctx.logger.warn(`node ${name} exited with code ${code} on its own`);
    this.ctx.onNodeExit?.({ node: name, code, at: new Date().toISOString(), logTail: tailLines(logFile, 20) });
  }

  /** Starts node `name`'s container and puts its fault rules in place. */
  async start(name: string): Promise<void> {
    const pid = await this.node(name).start();
    // With a local engine the container's main process is on this host: recorded like a local node's.
    const id = engineIsLocal() ? await execedIdentity(pid) : undefined;
    if (id) this.updateRecord((r) => (r.nodes.push(id.pid), r.procs.push({ name, ...id })));
    this.ctx.logger.info(`started ${name} (container ${this.node(name).spec.container}, pid ${pid})`);
  }

  /** Starts sidecar `name`'s container (once, after its node's first start), recorded like a node. */
  async startSidecar(name: string): Promise<void> {
    const c = this.sidecars.get(name);
    if (!c) throw new Error(`unknown sidecar ${name}`);
    const pid = await c.start();
    const id = engineIsLocal() ? await execedIdentity(pid) : undefined;
    if (id) this.updateRecord((r) => (r.nodes.push(id.pid), r.procs.push({ name, ...id })));
    this.ctx.logger.info(`started sidecar ${name} (container ${c.spec.container}, pid ${pid})`);
  }

  async kill(name: string): Promise<void> {
    await this.node(name).unpause().catch(() => undefined);
    await this.node(name).kill();
    this.ctx.logger.info(`killed ${name}`);
  }

  async stop(name: string): Promise<void> {
    await this.node(name).unpause().catch(() => undefined);
    await this.node(name).stop(STOP_GRACE_S);
    this.ctx.logger.info(`stopped ${name}`);
  }

  async restart(name: string): Promise<void> {
    if (this.node(name).running) return;
    await this.start(name);
  }

  async pause(name: string): Promise<void> {
    await this.node(name).pause();
  }

  async resume(name: string): Promise<void> {
    await this.node(name).unpause();
  }

  /** Synchronous last resort (exit hook): the docker CLI removes the containers and the network. */
  private removeNow(): void {
    const r = this.record.docker!;
    spawnSync('docker', ['rm', '-f', '-v', ...r.containers], { stdio: 'ignore', timeout: 20_000 });
    spawnSync('docker', ['network', 'rm', r.network], { stdio: 'ignore', timeout: 10_000 });
    for (const image of r.removeImages ?? []) spawnSync('docker', ['rmi', image], { stdio: 'ignore', timeout: 10_000 });
    removeFiles(this.record.files);
  }

  teardown(): Promise<void> {
    this.tornDown ??= this.tearDownOnce();
    return this.tornDown;
  }

  private async tearDownOnce(): Promise<void> {
    const warn = (what: string) => (e: unknown) => this.ctx.logger.warn(`teardown: ${what}: ${e instanceof Error ? e.message : String(e)}`);
    const nodes = [...this.containers.values()];
    const sidecars = [...this.sidecars.values()];
    await Promise.all([...nodes, ...sidecars].map((c) => c.unpause().then(() => c.stop(STOP_GRACE_S)).catch(warn(`stop ${c.spec.node}`))));
    // Sidecars first: they are in their node's holder's namespace, which goes with the node's removal.
    await Promise.all(sidecars.map((c) => c.remove().catch(warn(`remove ${c.spec.container}`))));
    await Promise.all(nodes.map((c) => c.remove().catch(warn(`remove ${c.spec.container}`))));
    const r = this.record.docker!;
    try {
      await this.d.getNetwork(r.network).remove();
    } catch (e) {
      if (!notFound(e)) warn(`network ${r.network}`)(e);
    }
    for (const image of r.removeImages ?? []) await removeImage(this.d, image);
    removeFiles(this.record.files);
    this.disposeExitHook();
    this.ctx.logger.info('all containers removed');
  }
}

/**
 * The identity of a container's main process once it runs its own program. Right after the engine
 * reports the PID, the process may still be the runtime's init half-way through exec: its command
 * line reads empty (seen on a loaded machine) or as `runc init`, and an identity recorded then would
 * never match the running program again. Tries for up to a second; the last reading otherwise.
 */
async function execedIdentity(pid: number): Promise<ProcIdentity | undefined> {
  let id = procIdentity(pid);
  for (let i = 0; i < 50 && id !== undefined && (id.cmdline === '' || id.cmdline.startsWith('runc')); i++) {
    await sleep(20);
    id = procIdentity(pid);
  }
  return id;
}
