/**
 * A raft-kv cluster started outside faultline, as a user's cluster is: each node a detached process
 * started by a small control program (`ctl.cjs`, written into the test's directory) that the test and
 * the external runtime's cluster file both call — `start|restart|kill|pause|resume <node>` acting on
 * the PID in the node's pid file, and `cut <from> <to>` / `heal` asking the test (over HTTP on
 * loopback) to cut or heal links of the link proxies the test puts between the nodes. The test
 * observes the nodes itself through /proc: which PIDs each node had, and whether it was ever stopped.
 * `stop()` kills every node process it started (by PID, also paused ones) and closes the proxies.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { nodeName } from '../../src/core/node-names.js';
import type { ClusterPlan, NodePlan } from '../../src/core/target.js';
import { hostCommand } from '../../src/runtimes/host-program.js';
import { LinkProxySet } from '../../src/runtimes/link-proxy-set.js';
import { freePorts } from '../../src/runtimes/ports.js';
import type { Grudge } from '../../src/runtimes/runtime.js';
import { RAFT_KV_PROGRAM, raftKvNodeSpec } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { ctlPath, writeCtl } from './ctl-program.js';
import { processAlive, processState } from './processes.js';


/** What the test saw of one node through /proc. */
export interface NodeObservation {
  pids: Set<number>;
  stopped: boolean;
}

export class ScriptedCluster {
  readonly observed = new Map<string, NodeObservation>();
  private timer: NodeJS.Timeout | undefined;
  private grudge: Record<string, string[]> = {};

  private constructor(
    readonly dir: string,
    readonly plan: ClusterPlan,
    readonly proxies: LinkProxySet | undefined,
  ) {}

  private control: Server | undefined;

  /** `size` raft-kv nodes on loopback, started through ctl.cjs; with `proxied`, link proxies between them that `cut`/`heal` control. */
  static async start(dir: string, size: number, o: { proxied?: boolean } = {}): Promise<ScriptedCluster> {
    const ports = await freePorts(size * 2);
    const nodes: NodePlan[] = Array.from({ length: size }, (_, i) => ({
      name: nodeName(i), index: i, host: '127.0.0.1', clientPort: ports[2 * i]!, peerPort: ports[2 * i + 1]!,
      dataDir: join(dir, nodeName(i)), logFile: join(dir, `${nodeName(i)}.log`),
    }));
    const proxies = o.proxied ? await LinkProxySet.start({ upstreams: new Map(nodes.map((n) => [n.name, { host: n.host, port: n.peerPort }])), framed: true, seed: 1 }) : undefined;
    const plan: ClusterPlan = { nodes, token: 'external-test', peerAddress: (from, to) => proxies?.address(from, to) ?? { host: '127.0.0.1', port: nodes.find((n) => n.name === to)!.peerPort } };
    let control: Server | undefined;
    const c = new ScriptedCluster(dir, plan, proxies);
    if (proxies) {
      control = createServer((q, s) => {
        const u = new URL(q.url ?? '/', 'http://x');
        const [from, to] = [u.searchParams.get('from') ?? '', u.searchParams.get('to') ?? ''];
        if (u.pathname === '/cut') (c.grudge[to] ??= []).push(from);
        else c.grudge = {};
        proxies.partition(c.grudge as Grudge);
        s.end('ok');
      });
      await new Promise<void>((r) => control!.listen(0, '127.0.0.1', r));
      c.control = control;
    }
    const opts = raftKvOptionsSchema.parse({ 'election-timeout': '300' });
    const conf = {
      control: control ? `http://127.0.0.1:${(control.address() as AddressInfo).port}` : undefined,
      nodes: Object.fromEntries(nodes.map((n) => [n.name, { ...hostCommand(RAFT_KV_PROGRAM, raftKvNodeSpec(n, plan, opts)), log: n.logFile, pidFile: join(dir, `${n.name}.pid`) }])),
    };
    writeCtl(dir, conf);
    for (const n of nodes) c.run('start', n.name);
    c.timer = setInterval(() => c.observe(), 20);
    return c;
  }

  /** The control program's path. */
  get ctl(): string {
    return ctlPath(this.dir);
  }

  /** Runs `ctl.cjs verb ...args` to completion. */
  run(verb: string, ...args: string[]): void {
    execFileSync(process.execPath, [this.ctl, verb, ...args], { stdio: 'inherit' });
  }

  /** A command of the cluster file that runs `ctl.cjs verb ...args`. */
  command(verb: string, ...args: string[]): string[] {
    return [process.execPath, this.ctl, verb, ...args];
  }

  /** The node's current PID. */
  pid(name: string): number {
    return Number(readFileSync(join(this.dir, `${name}.pid`), 'utf8'));
  }

  /** Every PID the node ever had. */
  allPids(name: string): number[] {
    const f = join(this.dir, `${name}.pids`);
    return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').map(Number) : [];
  }

  /** The node's process state letter (R, S, T, …), or undefined when it is gone. */
  state(name: string): string | undefined {
    return processState(this.pid(name));
  }

  private observe(): void {
    for (const n of this.plan.nodes) {
      const o = this.observed.get(n.name) ?? { pids: new Set<number>(), stopped: false };
      const st = this.state(n.name);
      if (st !== undefined) o.pids.add(this.pid(n.name));
      if (st === 'T' || st === 't' || existsSync(join(this.dir, `${n.name}.pid.stopped`))) o.stopped = true;
      this.observed.set(n.name, o);
    }
  }

  /** Kills every node process ever started (by PID; paused ones are continued so they die), closes the proxies. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const n of this.plan.nodes) {
      for (const pid of this.allPids(n.name).filter(processAlive)) {
        try {
          process.kill(pid, 'SIGKILL');
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone meanwhile
        }
      }
    }
    await this.proxies?.close();
    await new Promise<void>((r) => (this.control ? this.control.close(() => r()) : r()));
  }
}
