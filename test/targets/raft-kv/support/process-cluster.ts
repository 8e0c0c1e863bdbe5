/**
 * Real raft-kv server processes for integration tests, started from the compiled dist/ with the
 * target's own `nodeSpec`, on free loopback ports. Every process is tracked by PID so the test can
 * kill -9 it, restart it with its data, and kill everything in afterEach even when the test failed.
 * With `proxied`, every directed peer link goes through the local runtime's link proxies (in this
 * test process), so a test can partition the cluster with `partition(grudge)`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { freePorts } from '../../../../src/runtimes/ports.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeName } from '../../../../src/core/node-names.js';
import type { ClusterPlan, NodePlan, NodeRef } from '../../../../src/core/target.js';
import { hostCommand } from '../../../../src/runtimes/host-program.js';
import { LinkProxySet } from '../../../../src/runtimes/link-proxy-set.js';
import type { Grudge } from '../../../../src/runtimes/runtime.js';
import { clockOffsetFile, nodeStatus, RAFT_KV_PROGRAM, raftKvNodeSpec } from '../../../../targets/raft-kv/index.js';
import { writeClockFile } from '../../../../src/runtimes/local-clock.js';
import { raftKvOptionsSchema } from '../../../../targets/raft-kv/options.js';
import type { NodeStatus } from '../../../../targets/raft-kv/kv/protocol.js';


/** How a test cluster is wired. */
export interface ProcessClusterOptions {
  /** Put a link proxy on every directed peer link (default false: nodes dial each other directly). */
  proxied?: boolean;
}

export class ProcessCluster {
  readonly procs = new Map<string, ChildProcess>();
  readonly nodes: NodeRef[];
  proxies: LinkProxySet | undefined;

  private constructor(
    readonly plan: ClusterPlan,
    readonly dir: string,
    private readonly extraArgs: string[],
    private readonly opts: Record<string, string>,
  ) {
    this.nodes = plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort }));
  }

  /** Lays out `size` nodes in a fresh temporary directory and starts them all. */
  static async start(size: number, opts: Record<string, string> = {}, extraArgs: string[] = [], wiring: ProcessClusterOptions = {}): Promise<ProcessCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'raft-kv-test-'));
    const nodes: NodePlan[] = [];
    // Below the ephemeral range, as the runtimes choose them: a port the OS hands out for bind(0) can be
    // taken by another process's outgoing connection while its node is down, and a restart then fails.
    const ports = await freePorts(size * 2);
    for (let i = 0; i < size; i++) {
      const name = nodeName(i);
      nodes.push({
        name, index: i, host: '127.0.0.1', clientPort: ports[2 * i], peerPort: ports[2 * i + 1],
        dataDir: join(dir, name), logFile: join(dir, `${name}.log`),
      });
    }
    let proxies: LinkProxySet | undefined;
    if (wiring.proxied) {
      const upstreams = new Map(nodes.map((n) => [n.name, { host: n.host, port: n.peerPort }]));
      proxies = await LinkProxySet.start({ upstreams, framed: true, seed: 1 });
    }
    const plan: ClusterPlan = {
      nodes,
      token: 'test',
      peerAddress: (from, to) => {
        if (proxies) return proxies.address(from, to);
        const n = nodes.find((x) => x.name === to)!;
        return { host: n.host, port: n.peerPort };
      },
    };
    const c = new ProcessCluster(plan, dir, extraArgs, opts);
    c.proxies = proxies;
    for (const n of nodes) c.startNode(n.name);
    return c;
  }

  /** Cuts links as the local runtime does: node j holding a grudge against i loses i→j. `{}` heals. */
  partition(grudge: Grudge): void {
    if (!this.proxies) throw new Error('partition needs a cluster started with { proxied: true }');
    this.proxies.partition(grudge);
  }

  /** Node names split into two sides that hear nothing from each other. */
  split(a: readonly string[], b: readonly string[]): void {
    const grudge: Record<string, string[]> = {};
    for (const x of a) grudge[x] = [...b];
    for (const y of b) grudge[y] = [...a];
    this.partition(grudge);
  }

  startNode(name: string): void {
    const node = this.plan.nodes.find((n) => n.name === name)!;
    const spec = raftKvNodeSpec(node, this.plan, raftKvOptionsSchema.parse({ 'election-timeout': '300', ...this.opts }));
    const out = openSync(node.logFile, 'a');
    const cmd = hostCommand(RAFT_KV_PROGRAM, spec);
    const p = spawn(cmd.command, [...cmd.args, ...this.extraArgs], { stdio: ['ignore', out, out] });
    this.procs.set(name, p);
  }

  /** kill -9 one node and wait until it is gone. */
  async kill(name: string): Promise<void> {
    const p = this.procs.get(name);
    this.procs.delete(name);
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((resolve) => p.once('exit', resolve));
    process.kill(p.pid!, 'SIGKILL');
    await gone;
  }

  /** SIGTERM one node (a graceful stop) and wait until it is gone; resolves with how it exited. */
  async terminate(name: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const p = this.procs.get(name)!;
    this.procs.delete(name);
    const gone = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      p.exitCode !== null || p.signalCode !== null ? resolve({ code: p.exitCode, signal: p.signalCode }) : p.once('exit', (code, signal) => resolve({ code, signal })),
    );
    process.kill(p.pid!, 'SIGTERM');
    return gone;
  }

  /** kill -9 every node this cluster started. Never throws. */
  async killAll(): Promise<void> {
    await Promise.all([...this.procs.keys()].map((n) => this.kill(n).catch(() => undefined)));
  }

  /** kill -9 everything, stop the proxies and delete the data directory. Never throws. */
  async destroy(): Promise<void> {
    await this.killAll();
    await this.proxies?.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Sets node `name`'s wall-clock offset (ms), as the clock nemesis does: the node re-reads it every 50 ms. */
  setClockOffset(name: string, ms: number): void {
    const node = this.plan.nodes.find((n) => n.name === name)!;
    writeClockFile(clockOffsetFile(node), 'offset-file', ms);
  }

  log(name: string): string {
    return readFileSync(this.plan.nodes.find((n) => n.name === name)!.logFile, 'utf8');
  }

  async status(name: string): Promise<NodeStatus | undefined> {
    return nodeStatus(this.nodes.find((n) => n.name === name)!, AbortSignal.timeout(1000)).catch(() => undefined);
  }

  /** Polls until `pred` holds (or throws after `timeoutMs`, with `what` in the message). */
  async until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** Waits for a leader among the running nodes (optionally other than `not`) and returns its name. */
  async leader(not?: string): Promise<string> {
    return this.until('a leader', async () => {
      const st = await Promise.all([...this.procs.keys()].map((n) => this.status(n)));
      const l = st.filter((s) => s?.role === 'leader').sort((a, b) => b!.term - a!.term)[0];
      return l && l.id !== not ? l.id : undefined;
    });
  }

  node(name: string): NodeRef {
    return this.nodes.find((n) => n.name === name)!;
  }
}
