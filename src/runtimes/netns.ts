/**
 * The `netns` runtime (Linux, root): every node is a host of its own — a network namespace with its
 * own address on a bridge the runtime creates (netns-net.ts) — running its program through
 * `ip netns exec`, which execs it in place (the PID is the node's). Clients reach the nodes from the
 * harness's namespace through the bridge's address. Since every node has its own address, all use the
 * same ports, and peers dial each other directly: no proxy carries peer traffic.
 *
 * Abilities: kill -9 / graceful stop / restart with data kept, pause / resume (the host-process core,
 * host-cluster.ts); partitions of every grudge, one-way included, and random packet loss, as iptables
 * rules in the namespaces, with per-link packet counters (iptables-faults.ts); clock offsets as in the
 * local runtime (the offset file, or libfaketime for dynamically linked binaries). Delay, duplication,
 * bandwidth limits, partitions of clients and power loss are refused up front.
 *
 * Everything it creates is in the run's pids.json before it exists; teardown removes it, and so does
 * `faultline cleanup` (`cleanupNetnsRun`) after a SIGKILLed harness.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import { nodeNames } from '../core/node-names.js';
import type { ClusterPlan, NodePlan, Target } from '../core/target.js';
import { HostCluster } from './host-cluster.js';
import { findOnPath, hostProgramMissing } from './host-program.js';
import { cleanupHostProcesses } from './local-cleanup.js';
import { clockFile, writeClockFile } from './local-clock.js';
import { clockAbility } from './local-faults.js';
import { installChains, iptablesNetworkAbilities, type NetHost } from './iptables-faults.js';
import { netnsRefusal } from './netns-faults.js';
import { createNetwork, planNetwork, removeNetwork, sh, type NetnsRecord } from './netns-net.js';
import { readPidRecord } from './pid-record.js';
import type { CleanupReport, Cluster, Runtime, RuntimeContext } from './runtime.js';
import { directPeers } from './direct-peers.js';

const CLIENT_PORT = 7000;
const PEER_PORT = 7001;

/** Synchronous last resort (exit hook): remove the namespaces, links and rule of `rec`. */
function removeNetworkNow(rec: NetnsRecord): void {
  for (const ns of rec.namespaces) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  for (const l of [...rec.veths, rec.bridge]) spawnSync('ip', ['link', 'del', l], { stdio: 'ignore' });
  if (rec.forwardRule) spawnSync('iptables', ['-w', '-D', ...rec.forwardRule], { stdio: 'ignore' });
}

/** `Runtime.cleanup` of the netns runtime: the processes first, then the network. */
export async function cleanupNetnsRun(dir: string): Promise<CleanupReport> {
  const rec = readPidRecord(dir);
  if (!rec) return { dir, killed: [], files: 0, skipped: 'unreadable pids.json' };
  const report = await cleanupHostProcesses(dir, rec);
  return rec.netns ? { ...report, removed: await removeNetwork(rec.netns) } : report;
}

export const netnsRuntime: Runtime = {
  name: 'netns',
  description: 'each node a host in its own network namespace on a bridge (Linux, root); partitions and loss as iptables rules',
  unsupported: netnsRefusal,
  cleanup: cleanupNetnsRun,
  async check(target, opts) {
    if (process.platform !== 'linux') return 'the netns runtime needs Linux';
    if (process.getuid?.() !== 0) return 'the netns runtime needs root (it creates namespaces, links and iptables rules); run as root or use --runtime local';
    if (!findOnPath('ip')) return 'the netns runtime needs ip (apt-get install iproute2)';
    if (!findOnPath('iptables')) return 'the netns runtime needs iptables (apt-get install iptables)';
    return hostProgramMissing(target.name, target.program(opts));
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<Cluster> {
    const missing = await this.check(target, opts);
    if (missing) throw new UserError(missing);
    const runDir = resolve(ctx.runDir);
    const { rec, addresses } = await planNetwork(nodeCount);
    const clockMode = netnsRefusal('clock', target) === undefined ? target.clockSkew : undefined;
    const nodes: NodePlan[] = nodeNames(nodeCount).map((name, i) => {
      const node: NodePlan = {
        name,
        index: i,
        host: addresses[i]!,
        clientPort: CLIENT_PORT,
        peerPort: PEER_PORT,
        dataDir: join(runDir, 'nodes', name, 'data'),
        logFile: join(runDir, 'nodes', `${name}.log`),
      };
      mkdirSync(node.dataDir, { recursive: true });
      if (clockMode) writeClockFile(clockFile(runDir, name, clockMode), clockMode, 0);
      if (clockMode === 'offset-file') node.clockOffsetFile = clockFile(runDir, name, clockMode);
      return node;
    });
    const plan: ClusterPlan = { nodes, token: `faultline-${randomBytes(4).toString('hex')}`, peerAddress: directPeers(nodes) };
    const nsOf = new Map(nodes.map((n, i) => [n.name, rec.namespaces[i]!]));
    // The record names the network before it exists (the constructor writes it).
    const impl = new HostCluster({
      runtime: 'netns',
      plan,
      target,
      opts,
      ctx,
      clockMode,
      record: { netns: rec },
      wrap: (node, l) => ({ ...l, command: 'ip', args: ['netns', 'exec', nsOf.get(node.name)!, l.command, ...l.args] }),
    });
    impl.onTeardown({ run: async () => void (await removeNetwork(rec)), now: () => removeNetworkNow(rec) });
    const cluster: Cluster = impl;
    const hosts: NetHost[] = nodes.map((n) => ({ name: n.name, address: n.host, exec: (cmd, args, input) => sh('ip', ['netns', 'exec', nsOf.get(n.name)!, cmd, ...args], input) }));
    Object.assign(cluster, iptablesNetworkAbilities(hosts, ctx.logger));
    if (clockMode) Object.assign(cluster, clockAbility(new Map(nodes.map((n) => [n.name, clockFile(runDir, n.name, clockMode)])), clockMode, ctx.logger));
    try {
      await createNetwork(rec, addresses);
      await installChains(hosts);
      ctx.logger.info(`network ${rec.bridge} ${rec.bridgeAddress}: ${nodes.map((n) => `${n.name}=${n.host} (${nsOf.get(n.name)})`).join(', ')}`);
      await impl.startAll(60_000);
    } catch (e) {
      await impl.teardown();
      throw e;
    }
    return cluster;
  },
};
