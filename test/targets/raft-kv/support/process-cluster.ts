/**
 * Real raft-kv server processes for integration tests, started from the compiled dist/ with the
 * target's own `nodeSpec`, on free loopback ports. Every process is tracked by PID so the test can
 * kill -9 it, restart it with its data, and kill everything in afterEach even when the test failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeName } from '../../../../src/core/node-names.js';
import type { ClusterPlan, NodePlan, NodeRef } from '../../../../src/core/target.js';
import { hostCommand } from '../../../../src/runtimes/host-program.js';
import { nodeStatus, RAFT_KV_PROGRAM, raftKvNodeSpec } from '../../../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../../../targets/raft-kv/options.js';
import type { NodeStatus } from '../../../../targets/raft-kv/kv/protocol.js';

/** A port the OS just handed out for 127.0.0.1 (bind :0, read it, release it). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export class ProcessCluster {
  readonly procs = new Map<string, ChildProcess>();
  readonly nodes: NodeRef[];

  private constructor(
    readonly plan: ClusterPlan,
    readonly dir: string,
    private readonly extraArgs: string[],
    private readonly opts: Record<string, string>,
  ) {
    this.nodes = plan.nodes.map((n) => ({ name: n.name, host: n.host, clientPort: n.clientPort }));
  }

  /** Lays out `size` nodes in a fresh temporary directory and starts them all. */
  static async start(size: number, opts: Record<string, string> = {}, extraArgs: string[] = []): Promise<ProcessCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'raft-kv-test-'));
    const nodes: NodePlan[] = [];
    for (let i = 0; i < size; i++) {
      const name = nodeName(i);
      nodes.push({
        name, index: i, host: '127.0.0.1', clientPort: await freePort(), peerPort: await freePort(),
        dataDir: join(dir, name), logFile: join(dir, `${name}.log`),
      });
    }
    const plan: ClusterPlan = {
      nodes,
      token: 'test',
      peerAddress: (_from, to) => {
        const n = nodes.find((x) => x.name === to)!;
        return { host: n.host, port: n.peerPort };
      },
    };
    const c = new ProcessCluster(plan, dir, extraArgs, opts);
    for (const n of nodes) c.startNode(n.name);
    return c;
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

  /** kill -9 everything and delete the data directory. Never throws. */
  async destroy(): Promise<void> {
    await this.killAll();
    rmSync(this.dir, { recursive: true, force: true });
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
