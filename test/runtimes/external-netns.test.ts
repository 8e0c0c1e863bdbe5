/**
 * The external runtime partitioning a real etcd cluster through the user's own iptables commands: the
 * test makes three hosts (network namespaces on a bridge, src/runtimes/netns-net.ts) and starts one
 * etcd member in each itself, then runs `faultline run --runtime external --target etcd --nemesis
 * partition` with a cluster file whose `partition` command is `ip netns exec {node} iptables -A INPUT
 * -s {fromHost} -j DROP` (once per cut link) and whose `heal` flushes INPUT in each namespace. The run
 * is valid, the test sees (polling each namespace's INPUT chain) DROP rules that really dropped
 * packets, and afterwards no rule is left. Root, iproute2, iptables and etcd; everything the test
 * creates (processes, namespaces, links) is removed after it, pass or fail.
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ClusterPlan, NodePlan } from '../../src/core/target.js';
import { hostCommand } from '../../src/runtimes/host-program.js';
import { createNetwork, planNetwork, removeNetwork, type NetnsRecord } from '../../src/runtimes/netns-net.js';
import { etcdOptionsSchema, etcdTarget } from '../../targets/etcd/index.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, etcdFacility, netnsFacilities } from '../support/facility.js';
import { leftOfNetwork } from '../support/netns.js';
import { killAlive } from '../support/processes.js';

const run = promisify(execFile);

describeWith([...netnsFacilities, etcdFacility], 'external runtime partitioning etcd through user iptables commands', () => {
  let dir: string;
  let rec: NetnsRecord | undefined;
  const pids: number[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-external-netns-'));
  });
  afterEach(async () => {
    killAlive(pids.splice(0));
    if (rec) {
      await new Promise((r) => setTimeout(r, 200)); // let the killed members go before their namespaces
      await removeNetwork(rec);
      expect(await leftOfNetwork(rec)).toEqual([]);
      rec = undefined;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** The DROP rules in `ns`'s INPUT chain with the packets each dropped. */
  async function drops(ns: string): Promise<number[]> {
    const { stdout } = await run('ip', ['netns', 'exec', ns, 'iptables', '-w', '-L', 'INPUT', '-n', '-v', '-x']);
    return stdout.split('\n').filter((l) => /\sDROP\s/.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
  }

  it('cuts links with the user\'s iptables commands, the run is valid, and no rule is left', async () => {
    const net = await planNetwork(3);
    rec = net.rec;
    await createNetwork(net.rec, net.addresses);
    const nodes: NodePlan[] = net.rec.namespaces.map((ns, i) => ({
      name: `n${i + 1}`, index: i, host: net.addresses[i]!, clientPort: 2379, peerPort: 2380,
      dataDir: join(dir, `n${i + 1}`), logFile: join(dir, `n${i + 1}.log`),
    }));
    const plan: ClusterPlan = { nodes, token: 'external-netns', peerAddress: (_f, to) => ({ host: nodes.find((n) => n.name === to)!.host, port: 2380 }) };
    const opts = etcdOptionsSchema.parse({});
    for (const [i, n] of nodes.entries()) {
      mkdirSync(n.dataDir, { recursive: true });
      const cmd = hostCommand(etcdTarget.program(opts), etcdTarget.nodeSpec(n, plan, opts));
      const out = openSync(n.logFile, 'a');
      const p = spawn('ip', ['netns', 'exec', net.rec.namespaces[i]!, cmd.command, ...cmd.args], { stdio: ['ignore', out, out] });
      pids.push(p.pid!);
    }
    const file = join(dir, 'cluster.json');
    const inNs = (...args: string[]) => ['ip', 'netns', 'exec', '{node}', 'iptables', '-w', ...args];
    writeFileSync(file, JSON.stringify({
      nodes: nodes.map((n, i) => ({ name: net.rec.namespaces[i], host: n.host, port: n.clientPort })),
      commands: { partition: inNs('-A', 'INPUT', '-s', '{fromHost}', '-j', 'DROP'), heal: inNs('-F', 'INPUT') },
    }));
    let dropped = 0;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        for (const ns of net.rec.namespaces) dropped = Math.max(dropped, ...(await drops(ns)), 0);
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const r = await runCliProcess(
      ['run', '--runtime', 'external', '--runtime-opt', `cluster=${file}`, '--target', 'etcd', '--nemesis', 'partition', '--time-limit', '8',
        '--nemesis-interval', '1', '--concurrency', '3', '--nemesis-opt', 'settle=1', '--reports-dir', join(dir, 'reports')],
      { cwd: dir, timeoutMs: 100_000 },
    );
    polling = false;
    await poller;
    expect(r.stdout, r.stderr).toMatch(/verdict\s+valid/);
    expect(r.code).toBe(0);
    expect(dropped, 'a DROP rule the partition command added dropped packets').toBeGreaterThan(0);
    for (const ns of net.rec.namespaces) expect(await drops(ns), `${ns} has no rule left`).toEqual([]);
  });
});
