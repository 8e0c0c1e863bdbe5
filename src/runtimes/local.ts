/**
 * The `local` runtime: every node is a child process on loopback with its own ports, data directory
 * (`<run>/nodes/<name>/data`) and log file (`<run>/nodes/<name>.log`). Needs no root. The processes
 * themselves — start, record in pids.json, kill, stop, pause, restart, teardown — are the host-process
 * core (host-cluster.ts) it shares with the netns runtime.
 *
 * Abilities: kill -9 / graceful stop / restart with data kept, pause / resume (SIGSTOP / SIGCONT);
 * for targets that take per-link peer addresses, partitions and link faults through a proxy on every
 * directed link (link-proxy-set.ts), which also counts each link's messages; for targets whose clock
 * can be skewed, per-node clock offsets (local-clock.ts). Clients reach nodes directly, unless the run
 * asks for `partition-clients`: then a client homed at h reaches every other node x through a proxy on
 * the client link h→x, and partitions cut those links as they cut h's own (`clientNodes`). When the
 * run asks for `power-loss`, every data directory is a powerloss-fs mount and the cluster can lose
 * power (local-power-loss.ts). A node's sidecars (`NodeSpec.sidecars`) start with its first start and
 * survive its faults (local-sidecars.ts, through the host-process core); a spec's files are written
 * before the process that needs them first starts.
 */
import { UserError } from '../core/errors.js';
import type { NodeRef, Target } from '../core/target.js';
import { HostCluster } from './host-cluster.js';
import { hostProgramMissing } from './host-program.js';
import { cleanupLocalRun } from './local-cleanup.js';
import type { LinkProxySet } from './link-proxy-set.js';
import { clockFile } from './local-clock.js';
import { planLocalCluster, type LocalPlan } from './local-plan.js';
import { clockAbility, localRefusal, proxyAbilities } from './local-faults.js';
import { LocalDisks } from './local-power-loss.js';
import type {
  ClientViewAbility,
  ClockAbility,
  Cluster,
  FaultKind,
  HostProcessAbility,
  KillAbility,
  LinkFaultAbility,
  LinkStatsAbility,
  PartitionAbility,
  PauseAbility,
  PowerLossAbility,
  Runtime,
  RuntimeContext,
  StopAbility,
} from './runtime.js';

export type LocalCluster = Cluster &
  HostProcessAbility &
  KillAbility &
  StopAbility &
  PauseAbility &
  Partial<PartitionAbility & LinkFaultAbility & LinkStatsAbility & ClockAbility & PowerLossAbility> & {
    readonly plan: LocalPlan;
    /** The link proxies, when the target takes per-link peer addresses. */
    readonly proxies?: LinkProxySet;
    /** Where a client homed at `home` reaches each node (through client-link proxies when partitions cut clients). */
    clientNodes(home: string): NodeRef[];
  };

class LocalClusterImpl<O> extends HostCluster<O> implements ClientViewAbility {
  constructor(
    readonly localPlan: LocalPlan,
    target: Target<O>,
    opts: O,
    ctx: RuntimeContext,
  ) {
    super({ runtime: 'local', plan: localPlan, target, opts, ctx, clockMode: localPlan.clockMode });
    this.onTeardown({ run: async () => void (await localPlan.proxies?.close()) });
    this.onTeardown({ run: async () => void (await localPlan.clientProxies?.close()) });
  }

  get proxies(): LinkProxySet | undefined {
    return this.localPlan.proxies;
  }

  clientNodes(home: string): NodeRef[] {
    const links = this.localPlan.clientProxies;
    if (!links) return this.nodes;
    this.node(home);
    return this.nodes.map((n) => (n.name === home ? n : { ...n, ...hostPort(links.address(home, n.name)) }));
  }
}

const hostPort = (a: { host: string; port: number }) => ({ host: a.host, clientPort: a.port });

/** Link proxies cost a hop on every peer message: only partitions and link faults need them. */
function needsLinks(faults: readonly FaultKind[] | undefined): boolean {
  return faults === undefined || faults.includes('partition') || faults.includes('link');
}

/** The local runtime's setup resolves with a cluster that has its abilities. */
export interface LocalRuntime extends Runtime {
  setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster>;
}

/** Starts nodes as local child processes. */
export const localRuntime: LocalRuntime = {
  name: 'local',
  description: 'nodes are child processes on loopback (no root needed); link faults through per-link proxies',
  unsupported: localRefusal,
  cleanup: cleanupLocalRun,
  async check(target, opts) {
    return hostProgramMissing(target.name, target.program(opts));
  },
  async setup<O>(target: Target<O>, opts: O, nodeCount: number, ctx: RuntimeContext): Promise<LocalCluster> {
    const missing = await this.check(target, opts);
    if (missing) throw new UserError(missing);
    const plan = await planLocalCluster(nodeCount, ctx.runDir, {
      proxies: target.perLinkPeers && needsLinks(ctx.faults) ? { framed: target.peerFraming === 'u32be-length', seed: ctx.seed ?? 0 } : undefined,
      clientProxies: target.perLinkPeers === true && ctx.faults?.includes('partition-clients') === true,
      clock: localRefusal('clock', target) === undefined ? target.clockSkew : undefined,
    });
    const impl = new LocalClusterImpl(plan, target, opts, ctx);
    const cluster: LocalCluster = impl;
    if (plan.proxies) Object.assign(cluster, proxyAbilities(plan.proxies, target.peerFraming !== undefined, ctx.logger, plan.clientProxies));
    if (plan.clockMode) {
      const files = new Map(plan.nodes.map((n) => [n.name, clockFile(ctx.runDir, n.name, plan.clockMode!)]));
      Object.assign(cluster, clockAbility(files, plan.clockMode, ctx.logger));
    }
    try {
      if (ctx.faults?.includes('power-loss') === true) {
        const why = localRefusal('power-loss', target);
        if (why) throw new UserError(`power-loss: ${why}`);
        const disks = await LocalDisks.mountAll(plan.nodes, (node, m) => {
          impl.recordHelper(`${node}-disk`, m.pid);
          impl.updateRecord((r) => (r.mounts = [...(r.mounts ?? []), m.mountpoint]));
        });
        // Run once the nodes have stopped: a clean unmount writes pending data back.
        impl.onTeardown({ run: () => disks.unmountAll(), now: () => disks.killNow() });
        Object.assign(cluster, disks.ability({ kill: (n) => impl.kill(n), logger: ctx.logger, seed: ctx.seed ?? 0 }));
      }
      await impl.startAll(60_000);
    } catch (e) {
      await impl.teardown();
      throw e;
    }
    return cluster;
  },
};
