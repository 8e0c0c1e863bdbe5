/**
 * The local runtime's network and clock abilities, built from its link proxies and clock files and
 * attached to the cluster only when the target allows them (so the type guards in runtime.ts tell
 * the truth). Also `localRefusal`: why the local runtime cannot apply a fault to a target.
 */
import type { Logger } from '../core/logger.js';
import type { Target } from '../core/target.js';
import { hasLibfaketime, writeClockFile, type ClockMode } from './local-clock.js';
import type { LinkProxySet } from './link-proxy-set.js';
import { powerLossUnavailable } from './powerloss-fs.js';
import type { ClockAbility, FaultKind, LinkFaultAbility, LinkStatsAbility, PartitionAbility } from './runtime.js';

/**
 * Partition and link-fault abilities over the peer link `proxies`; a partition also cuts the client
 * links of `clientProxies` when there are any (link faults stay on peer links).
 */
export function proxyAbilities(proxies: LinkProxySet, framed: boolean, logger: Logger, clientProxies?: LinkProxySet): PartitionAbility & LinkFaultAbility & LinkStatsAbility {
  return {
    framedLinks: framed,
    async linkStats(from, to) {
      const { delivered, dropped } = proxies.state(from, to);
      return { delivered, dropped };
    },
    async partition(grudge, mode = 'blackhole') {
      proxies.partition(grudge, mode);
      clientProxies?.partition(grudge, mode);
      logger.info(`partition (${mode})${clientProxies ? ', clients included' : ''}: ${JSON.stringify(grudge)}`);
    },
    async healPartition() {
      const was = proxies.currentGrudge();
      proxies.partition({});
      clientProxies?.partition({});
      // Healing is idempotent and runs at every final heal; the log says so only when it undid something.
      if (Object.keys(was).length > 0) logger.info(`partition healed (was ${JSON.stringify(was)})`);
    },
    async setLinkFaults(links, faults) {
      proxies.setFaults(links, faults);
      logger.info(`link faults ${JSON.stringify(faults)} on ${links.map((l) => `${l.from}→${l.to}`).join(' ')}`);
    },
    async clearLinkFaults() {
      proxies.clearFaults();
      logger.info('link faults removed');
    },
  };
}

/** Clock abilities over per-node clock files. */
export function clockAbility(files: ReadonlyMap<string, string>, mode: ClockMode, logger: Logger): ClockAbility {
  const offsets = new Map<string, number>([...files.keys()].map((n) => [n, 0]));
  const set = (node: string, ms: number) => {
    const file = files.get(node);
    if (!file) throw new Error(`unknown node ${node}`);
    writeClockFile(file, mode, ms);
    offsets.set(node, Math.round(ms));
  };
  return {
    async setClockOffset(node, ms) {
      set(node, ms);
      logger.info(`clock of ${node} offset ${Math.round(ms)} ms`);
    },
    clockOffsets: () => Object.fromEntries(offsets),
    async resetClocks() {
      for (const n of files.keys()) set(n, 0);
      logger.info('clocks reset');
    },
  };
}

const HOST_RUNTIMES = 'use a runtime that faults hosts (--runtime netns)';

/** Why the local runtime cannot apply `fault` to `target`, or undefined. */
export function localRefusal(fault: FaultKind, target: Target<any>): string | undefined {
  switch (fault) {
    case 'partition':
    case 'link':
    case 'link-delay':
    case 'link-bandwidth':
      return target.perLinkPeers
        ? undefined
        : `target ${target.name} takes one shared peer list, so the local runtime cannot ${fault === 'partition' ? 'cut' : 'slow or lose traffic on'} single links; ${HOST_RUNTIMES}`;
    case 'link-loss':
    case 'link-duplicate': {
      const what = fault === 'link-loss' ? 'loss' : 'duplication';
      if (!target.perLinkPeers) return `target ${target.name} takes one shared peer list, so the local runtime cannot slow or lose traffic on single links; ${HOST_RUNTIMES}`;
      return target.peerFraming
        ? undefined
        : `the local runtime's link proxies apply ${what} to whole messages, and target ${target.name}'s peer traffic is not message-framed; use --nemesis-opt packet.modes=delay,bandwidth`;
    }
    case 'partition-clients':
      return undefined; // clients speak TCP to the nodes; any target's client links can be proxied
    case 'clock':
      if (target.clockSkew === 'offset-file') return undefined;
      if (target.clockSkew === 'libfaketime') {
        return hasLibfaketime() ? undefined : 'libfaketime is not installed (apt-get install faketime), so the local runtime cannot skew clocks';
      }
      return `target ${target.name} does not read its clock through libc or an offset file (Go binaries read it through the vDSO), so no runtime here can skew one node's clock; that needs a VM per node, which faultline does not have yet`;
    case 'power-loss':
      return powerLossUnavailable(); // any target: the fault acts on the filesystem under its data directory
    default:
      return undefined;
  }
}
