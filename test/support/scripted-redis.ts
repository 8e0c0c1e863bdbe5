/**
 * A Redis primary with replicas and a Sentinel beside each node, started outside faultline as a
 * user's cluster is, for the external runtime's tests: every process is detached and started by the
 * control program (ctl-program.ts), the servers as nodes `n1`, `n2`, … (the ones the cluster file's
 * commands act on) and the Sentinels as `n1-sentinel`, … (which no command touches). The configuration
 * files are the Redis target's own (targets/redis/config.ts), all on 127.0.0.1 with free ports.
 * `stop()` kills every process it ever started, by PID (paused ones are continued so that they die).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeName } from '../../src/core/node-names.js';
import type { ClusterPlan, NodePlan } from '../../src/core/target.js';
import { placeFiles } from '../../src/runtimes/host-program.js';
import { freePorts } from '../../src/runtimes/ports.js';
import { redisNodeSpec, redisProgram } from '../../targets/redis/index.js';
import { redisOptionsSchema } from '../../targets/redis/options.js';
import { oneShot } from '../../targets/redis/probe.js';
import { ctlPath, writeCtl, type CtlNode } from './ctl-program.js';
import { processAlive, processState } from './processes.js';

export class ScriptedRedis {
  private constructor(
    readonly dir: string,
    readonly plan: ClusterPlan,
  ) {}

  /** `size` Redis servers and their Sentinels (`--target-opt`-style settings in `targetOpts`), started through ctl.cjs. */
  static async start(dir: string, size: number, targetOpts: Record<string, string> = {}): Promise<ScriptedRedis> {
    const ports = await freePorts(size * 2);
    const nodes: NodePlan[] = Array.from({ length: size }, (_, i) => ({
      name: nodeName(i), index: i, host: '127.0.0.1', clientPort: ports[2 * i]!, peerPort: ports[2 * i + 1]!,
      dataDir: join(dir, nodeName(i), 'data'), logFile: join(dir, `${nodeName(i)}.log`),
    }));
    const plan: ClusterPlan = { nodes, token: 'external-redis-test', peerAddress: (_from, to) => ({ host: '127.0.0.1', port: nodes.find((n) => n.name === to)!.peerPort }) };
    const opts = redisOptionsSchema.parse(targetOpts);
    const program = redisProgram(opts);
    if (program.kind !== 'binary') throw new Error('redis runs a binary');
    const ctlNodes: Record<string, CtlNode> = {};
    for (const n of nodes) {
      const spec = redisNodeSpec(n, plan, opts);
      mkdirSync(n.dataDir, { recursive: true });
      placeFiles(spec, dir);
      ctlNodes[n.name] = { command: program.name, args: spec.args, log: n.logFile, pidFile: join(dir, `${n.name}.pid`) };
      for (const s of spec.sidecars ?? []) {
        placeFiles(s, dir);
        const name = `${n.name}-${s.name}`;
        ctlNodes[name] = { command: program.name, args: s.args, log: join(dir, `${name}.log`), pidFile: join(dir, `${name}.pid`) };
      }
    }
    writeCtl(dir, { nodes: ctlNodes });
    const c = new ScriptedRedis(dir, plan);
    for (const name of Object.keys(ctlNodes)) c.run('start', name);
    return c;
  }

  /** Runs `ctl.cjs verb ...args` to completion. */
  run(verb: string, ...args: string[]): void {
    execFileSync(process.execPath, [ctlPath(this.dir), verb, ...args], { stdio: 'inherit' });
  }

  /** A command of the cluster file that runs `ctl.cjs verb ...args`. */
  command(verb: string, ...args: string[]): string[] {
    return [process.execPath, ctlPath(this.dir), verb, ...args];
  }

  /** The names ctl.cjs knows: every server and every Sentinel. */
  private names(): string[] {
    return this.plan.nodes.flatMap((n) => [n.name, `${n.name}-sentinel`]);
  }

  /** The lines of `<name>.pid<suffix>` (`s`: every PID it had; `.stopped`, `.resumed`: what the commands did). */
  record(name: string, suffix: 's' | '.stopped' | '.resumed'): number[] {
    const f = join(this.dir, `${name}.pid${suffix}`);
    return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];
  }

  /** The current PID of a server (`n1`) or Sentinel (`n1-sentinel`). */
  pid(name: string): number {
    return Number(readFileSync(join(this.dir, `${name}.pid`), 'utf8'));
  }

  /** The process state letter (R, S, T, …) of a server or Sentinel, or undefined when it is gone. */
  state(name: string): string | undefined {
    return processState(this.pid(name));
  }

  /** What a server's client port (or, with `sentinel`, its Sentinel's port) answers to PING, or the error. */
  async ping(node: NodePlan, sentinel = false): Promise<string> {
    try {
      return await oneShot(node.host, sentinel ? node.peerPort : node.clientPort, AbortSignal.timeout(5_000), (r) => r.ping());
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  }

  /** Kills every server and Sentinel ever started, by PID (paused ones are continued so they die); resolves once they are gone (at most 10 s). */
  async stop(): Promise<void> {
    const pids = this.names().flatMap((name) => this.record(name, 's'));
    for (const pid of pids.filter(processAlive)) {
      try {
        process.kill(pid, 'SIGKILL');
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
    for (let i = 0; i < 200 && pids.some(processAlive); i++) await sleep(50);
  }
}
