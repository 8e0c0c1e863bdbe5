/**
 * A real 3-node raft-kv cluster the external runtime did not start, for the nemesis contract: the
 * fixture makes a network namespace per node on a bridge (src/runtimes/netns-net.ts), starts a node
 * in each through its control program (external-ctl.ts), and writes a cluster file whose commands give
 * the external runtime every fault it can configure — `partition` (per cut link: a DROP rule for the
 * sender's address in the receiver's FLCUT chain) and `heal` (flush FLCUT in each namespace), `kill`
 * and `stop` (SIGKILL, SIGTERM, each waiting until the process is gone) with `restart`, `pause` and
 * `resume` (SIGSTOP, SIGCONT), and `clock` (the node's offset file). The runtime counts no link
 * traffic, so the fixture does, from the kernel counters of the chains it installed before the nodes
 * started (FLCUT, FLLOSS, FLSEEN, as the netns runtime lays them out). `down` kills every process any
 * node ever had, removes the namespaces (their rules go with them), links and files, and throws if
 * any of the network is left.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../src/core/logger.js';
import { nodeNames } from '../../src/core/node-names.js';
import type { ClusterPlan, NodePlan } from '../../src/core/target.js';
import { directPeers } from '../../src/runtimes/direct-peers.js';
import { externalRuntime } from '../../src/runtimes/external.js';
import { hostCommand } from '../../src/runtimes/host-program.js';
import { installChains, iptablesNetworkAbilities, type NetHost } from '../../src/runtimes/iptables-faults.js';
import { createNetwork, planNetwork, removeNetwork, sh } from '../../src/runtimes/netns-net.js';
import { RAFT_KV_PROGRAM, raftKvNodeSpec } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { writeCtl, writeStart } from './external-ctl.js';
import { leftOfNetwork } from './netns.js';
import { killAlive, processAlive } from './processes.js';
import type { Fixture } from './runtimes-under-test.js';

/** Starts the cluster and writes its cluster file; resolves with the external runtime's options for it. */
export async function startExternalNetnsCluster(size = 3): Promise<Fixture> {
  const { rec, addresses } = await planNetwork(size); // names only: nothing made yet
  const dir = mkdtempSync(join(tmpdir(), 'faultline-external-cluster-'));
  const pidsOf = () => readdirSync(dir).filter((f) => f.endsWith('.pids')).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map(Number));
  const down = async () => {
    try {
      const pids = pidsOf().filter(processAlive);
      killAlive(pids); // paused ones too: SIGKILL ends a stopped process
      for (let i = 0; i < 100 && pids.some(processAlive); i++) await sleep(20); // gone before their namespaces
      await removeNetwork(rec);
      const left = [...(await leftOfNetwork(rec)), ...pidsOf().filter(processAlive).map((p) => `process ${p}`)];
      if (left.length > 0) throw new Error(`external cluster fixture left ${left.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const names = rec.namespaces; // the cluster file's names: the namespaces
    const nodes: NodePlan[] = nodeNames(size).map((name, i) => ({
      name, index: i, host: addresses[i]!, clientPort: 7000, peerPort: 7001,
      dataDir: join(dir, names[i]!, 'data'), logFile: join(dir, `${names[i]}.log`), clockOffsetFile: join(dir, `${names[i]}.clock-offset-ms`),
    }));
    const plan: ClusterPlan = { nodes, token: 'external-contract', peerAddress: directPeers(nodes) };
    const hosts: NetHost[] = nodes.map((n, i) => ({ name: n.name, address: n.host, exec: (cmd, args, input) => sh('ip', ['netns', 'exec', names[i]!, cmd, ...args], input) }));
    await createNetwork(rec, addresses);
    await installChains(hosts);
    const ctl = writeCtl(dir);
    const opts = raftKvOptionsSchema.parse({});
    for (const [i, n] of nodes.entries()) {
      mkdirSync(n.dataDir, { recursive: true });
      writeFileSync(n.clockOffsetFile!, '0\n');
      const cmd = hostCommand(RAFT_KV_PROGRAM, raftKvNodeSpec(n, plan, opts));
      writeStart(dir, names[i]!, names[i]!, [cmd.command, ...cmd.args]);
      execFileSync(ctl, ['restart', names[i]!], { stdio: 'inherit' });
    }
    const inNs = (...args: string[]) => ['ip', 'netns', 'exec', '{node}', 'iptables', '-w', ...args];
    const file = join(dir, 'cluster.json');
    writeFileSync(file, JSON.stringify({
      nodes: nodes.map((n, i) => ({ name: names[i], host: n.host, port: n.clientPort })),
      commands: {
        partition: inNs('-A', 'FLCUT', '-s', '{fromHost}/32', '-j', 'DROP'),
        heal: inNs('-F', 'FLCUT'),
        ...Object.fromEntries(['kill', 'stop', 'restart', 'pause', 'resume'].map((v) => [v, [ctl, v, '{node}']])),
        clock: [ctl, 'clock', '{node}', '{offsetMs}'],
      },
    }));
    const { linkStats } = iptablesNetworkAbilities(hosts, silentLogger);
    return { options: externalRuntime.optionsSchema!.parse({ cluster: file }), linkStats, down };
  } catch (e) {
    await down();
    throw e;
  }
}
