/**
 * The `local` runtime: every node is a child process on loopback with its own ports, data directory
 * (`<run>/nodes/<name>/data`) and log file (`<run>/nodes/<name>.log`). Needs no root. Records every
 * PID it starts in `<run>/pids.json` so that `faultline cleanup` can find processes a killed harness
 * left behind. Abilities: kill -9 / restart with data kept, pause / resume.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import type { ClusterPlan, NodePlan, NodeRef, Target } from '../core/target.js';
import { startNodeProcess, tailLog, type NodeProcess } from './node-process.js';
import { freePorts } from './ports.js';
import { waitUntilReady } from './readiness.js';
import type { Cluster, KillAbility, PauseAbility, Runtime, RuntimeContext } from './runtime.js';

const STOP_GRACE_MS = 2_000;

/** Lays out `count` nodes on loopback with distinct ports and per-node directories. */
export async function planLocalCluster(count: number, runDir: string): Promise<ClusterPlan> {
  const ports = await freePorts(count * 2);
  const nodes: NodePlan[] = Array.from({ length: count }, (_, i) => {
    const name = `n${i + 1}`;
    const dir = join(runDir, 'nodes', name);
    return {
      name,
      index: i,
      host: '127.0.0.1',
      clientPort: ports[2 * i],
      peerPort: ports[2 * i + 1],
      dataDir: join(dir, 'data'),
      logFile: join(runDir, 'nodes', `${name}.log`),
    };
  });
  for (const n of nodes) mkdirSync(n.dataDir, { recursive: true });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return {
    nodes,
    token: `faultline-${randomBytes(4).toString('hex')}`,
    peerAddress(_from, to) {
      const n = byName.get(to);
      if (!n) throw new Error(`unknown node ${to}`);
      return { host: n.host, port: n.peerPort };
    },
  };
}

export type LocalCluster = Cluster & KillAbility & PauseAbility;

class LocalClusterImpl<O> implements LocalCluster {
  readonly nodes: NodeRef[];
  private readonly procs = new Map<string, NodeProcess>();
  private readonly everStarted = new Set<number>();

  constructor(
    readonly plan: ClusterPlan,
    private readonly target: Target<O>,
    private readonly opts: O,
    private readonly ctx: RuntimeContext,
  ) {
    this.nodes = plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort }));
  }

  private node(name: string): NodePlan {
    const n = this.plan.nodes.find((p) => p.name === name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  start(name: string): NodeProcess {
    const node = this.node(name);
    const spec = this.target.nodeSpec(node, this.plan, this.opts);
    const proc = startNodeProcess({ cwd: join(node.dataDir, '..'), ...spec }, node.logFile);
    if (proc.pid === undefined) {
      throw new UserError(`${this.target.name}: cannot start node ${name} (${spec.command}); see ${node.logFile}`);
    }
    this.procs.set(name, proc);
    this.everStarted.add(proc.pid);
    this.recordPids();
    this.ctx.logger.info(`started ${name} pid ${proc.pid}: ${spec.command} ${spec.args.join(' ')}`);
    return proc;
  }

  private recordPids(): void {
    writeFileSync(join(this.ctx.runDir, 'pids.json'), JSON.stringify({ harness: process.pid, nodes: [...this.everStarted] }) + '\n');
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
    return [...this.procs.values()].filter((p) => p.running && p.pid !== undefined).map((p) => p.pid as number);
  }

  async kill(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (!p || !p.running) return;
    p.signal('SIGKILL');
    await p.exited;
    this.ctx.logger.info(`killed ${name}`);
  }

  async restart(name: string): Promise<void> {
    const p = this.procs.get(name);
    if (p?.running) return;
    this.start(name);
  }

  async pause(name: string): Promise<void> {
    this.procs.get(name)?.signal('SIGSTOP');
  }

  async resume(name: string): Promise<void> {
    this.procs.get(name)?.signal('SIGCONT');
  }

  async teardown(): Promise<void> {
    await Promise.all([...this.procs.values()].map((p) => p.stop(STOP_GRACE_MS)));
    this.ctx.logger.info('all nodes stopped');
  }
}

/** The local runtime's setup resolves with a cluster that has its abilities. */
export interface LocalRuntime extends Runtime {
  setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster>;
}

/** Starts nodes as local child processes. */
export const localRuntime: LocalRuntime = {
  name: 'local',
  description: 'nodes are child processes on loopback (no root needed)',
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster> {
    const missing = await target.checkInstalled(opts);
    if (missing) throw new UserError(missing);
    const plan = await planLocalCluster(nodeCount, ctx.runDir);
    const cluster = new LocalClusterImpl(plan, target, opts, ctx);
    try {
      for (const n of plan.nodes) cluster.start(n.name);
      await cluster.awaitReady(60_000);
    } catch (e) {
      await cluster.teardown();
      throw e;
    }
    return cluster;
  },
};
