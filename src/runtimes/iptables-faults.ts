/**
 * Network faults in the kernel, for runtimes whose nodes each have a network namespace of their own
 * (netns: `ip netns exec`; docker: `docker exec` in the node's network holder; ssh: the remote host): iptables rules
 * in each node's namespace act on the packets it receives. Three chains run from INPUT in order:
 * `FLCUT` (partitions: packets from a node this one cannot hear from are dropped, or answered with a
 * TCP reset), `FLLOSS` (random loss with `-m statistic`), `FLSEEN` (one counting rule per peer: what
 * got through). A grudge `{n1: [n2]}` is rules in n1's namespace only, so one-way cuts are exact. The
 * link counters are those rules' packet counts; what a rule dropped before its chain was replaced is
 * carried over, so counts only grow.
 *
 * Each runtime says how to run a command in a node's namespace (`NetHost.exec`); the rules are the
 * same everywhere. Delay, duplication and bandwidth limits are not applied here (no netem in this
 * kernel); runtimes refuse them up front.
 */
import type { Logger } from '../core/logger.js';
import type { CutMode, Grudge, LinkFaultAbility, LinkStatsAbility, PartitionAbility } from './runtime.js';

const CHAINS = ['FLCUT', 'FLLOSS', 'FLSEEN'] as const;
type Chain = (typeof CHAINS)[number];

/** Runs `cmd args` inside one node's network namespace, `input` on its stdin; resolves with its stdout, rejects on failure. */
export type NetExec = (cmd: string, args: readonly string[], input?: string) => Promise<string>;

/** A node as the fault rules see it: its name, its address as its peers see it, and how to run a command in its namespace. */
export interface NetHost {
  name: string;
  address: string;
  exec: NetExec;
  /**
   * False while the node's namespace does not exist (a container that is down has none); its rules
   * are then skipped, and `reinstall` puts the current ones in place once it is back. Default: always.
   */
  live?(): boolean;
}

/**
 * Replaces the rules of `chains` in `ns` at once (iptables-restore without flushing the rest: a chain
 * declared is emptied first); `extra` rules go in after them (jumps from INPUT).
 */
async function restore(h: NetHost, chains: Partial<Record<Chain, string[][]>>, extra: string[][] = []): Promise<void> {
  const text = ['*filter', ...Object.keys(chains).map((c) => `:${c} - [0:0]`)];
  for (const [c, rules] of Object.entries(chains)) for (const r of rules ?? []) text.push(`-A ${c} ${r.join(' ')}`);
  for (const r of extra) text.push(r.join(' '));
  await h.exec('iptables-restore', ['-w', '--noflush'], [...text, 'COMMIT', ''].join('\n'));
}

/** Creates the chains in every namespace of `hosts` (before their nodes start); `peers` are every node of the cluster. */
export async function installChains(hosts: readonly NetHost[], peers: readonly NetHost[] = hosts): Promise<void> {
  await Promise.all(
    hosts.map((h) =>
      restore(
        h,
        { FLCUT: [], FLLOSS: [], FLSEEN: peers.filter((p) => p.name !== h.name).map((p) => ['-s', `${p.address}/32`, '-j', 'RETURN']) },
        CHAINS.map((c) => ['-A', 'INPUT', '-j', c]),
      ),
    ),
  );
}

/** Packets per source address counted by the rules of each of our chains in `ns` (one iptables call). */
async function counts(h: NetHost): Promise<Record<Chain, Map<string, number>>> {
  const out = await h.exec('iptables', ['-w', '-n', '-v', '-x', '-L']);
  const all = { FLCUT: new Map<string, number>(), FLLOSS: new Map<string, number>(), FLSEEN: new Map<string, number>() };
  let m: Map<string, number> | undefined;
  // Sections: "Chain NAME (…)", a header row, then rows: pkts bytes target prot opt in out source destination [extra]
  for (const line of out.split('\n')) {
    const chain = /^Chain (\S+)/.exec(line);
    if (chain) {
      m = (all as Record<string, Map<string, number>>)[chain[1]!];
      continue;
    }
    const f = line.trim().split(/\s+/);
    if (!m || f.length < 8 || !/^\d+$/.test(f[0]!)) continue;
    m.set(f[7]!, (m.get(f[7]!) ?? 0) + Number(f[0]));
  }
  return all;
}

/** Partition, loss and link counters over the namespaces' iptables rules. */
/** The iptables abilities, and `reinstall` for a node whose namespace was created anew (a restarted container). */
export type IptablesAbilities = PartitionAbility & LinkFaultAbility & LinkStatsAbility & {
  /** Puts the chains and the current partition and loss rules into `node`'s fresh namespace (its counters start at 0). */
  reinstall(node: string): Promise<void>;
};

/** Partition, loss and link counters over the namespaces' iptables rules. */
export function iptablesNetworkAbilities(hosts: readonly NetHost[], logger: Logger): IptablesAbilities {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const host = (n: string) => {
    const h = byName.get(n);
    if (!h) throw new Error(`unknown node ${n}`);
    return h;
  };
  const live = (h: NetHost) => h.live?.() ?? true;
  /** Drops counted by rules since replaced, per `to` namespace and source address. */
  const carried = new Map<string, number>();
  let grudge: Grudge = {};
  let mode: CutMode = 'blackhole';
  let loss = new Map<string, number>(); // "from to" → probability

  const cutRules = (h: NetHost): string[][] =>
    (grudge[h.name] ?? []).flatMap((x) => {
      const s = ['-s', `${host(x).address}/32`];
      return mode === 'reset' ? [[...s, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'], [...s, '-j', 'DROP']] : [[...s, '-j', 'DROP']];
    });
  const lossRules = (h: NetHost): string[][] =>
    [...loss].flatMap(([k, p]) => {
      const [from, to] = k.split(' ') as [string, string];
      if (to !== h.name) return [];
      const s = ['-s', `${host(from).address}/32`];
      return [p >= 1 ? [...s, '-j', 'DROP'] : [...s, '-m', 'statistic', '--mode', 'random', '--probability', String(p), '-j', 'DROP']];
    });

  /**
   * Replaces `chain` in every live namespace with the rules `rulesFor` gives, carrying its drop counts
   * over; resolves with the packets the replaced rules dropped.
   */
  async function replace(chain: 'FLCUT' | 'FLLOSS', rulesFor: (h: NetHost) => string[][]): Promise<number> {
    let dropped = 0;
    await Promise.all(
      hosts.filter(live).map(async (h) => {
        for (const [src, n] of (await counts(h))[chain]) {
          carried.set(`${h.name} ${src}`, (carried.get(`${h.name} ${src}`) ?? 0) + n);
          dropped += n;
        }
        await restore(h, { [chain]: rulesFor(h) });
      }),
    );
    return dropped;
  }

  return {
    framedLinks: false,
    async reinstall(node) {
      const h = host(node);
      await installChains([h], hosts);
      await restore(h, { FLCUT: cutRules(h), FLLOSS: lossRules(h) });
    },
    async linkStats(from, to) {
      const [f, t] = [host(from), host(to)];
      const src = f.address;
      const before = carried.get(`${t.name} ${src}`) ?? 0;
      if (!live(t)) return { delivered: 0, dropped: before };
      const c = await counts(t);
      return { delivered: c.FLSEEN.get(src) ?? 0, dropped: (c.FLCUT.get(src) ?? 0) + (c.FLLOSS.get(src) ?? 0) + before };
    },
    async partition(g, m = 'blackhole') {
      for (const [n, from] of Object.entries(g)) for (const x of [n, ...from]) host(x);
      grudge = g;
      mode = m;
      await replace('FLCUT', cutRules);
      logger.info(`partition (${m}): ${JSON.stringify(g)}`);
    },
    async healPartition() {
      const was = grudge;
      if (Object.keys(was).length === 0) return;
      grudge = {};
      const dropped = await replace('FLCUT', () => []);
      logger.info(`partition healed (was ${JSON.stringify(was)}; its rules dropped ${dropped} packets)`);
    },
    async setLinkFaults(links, faults) {
      const other = Object.entries(faults).filter(([k, v]) => k !== 'loss' && v !== undefined && v !== 0);
      if (other.length > 0) throw new Error(`kernel link faults are loss only, not ${other.map(([k]) => k).join(', ')}`);
      const next = new Map(loss);
      for (const l of links) {
        host(l.from);
        host(l.to);
        if (faults.loss) next.set(`${l.from} ${l.to}`, faults.loss);
        else next.delete(`${l.from} ${l.to}`);
      }
      loss = next;
      await replace('FLLOSS', lossRules);
      logger.info(`link faults ${JSON.stringify(faults)} on ${links.map((l) => `${l.from}→${l.to}`).join(' ')}`);
    },
    async clearLinkFaults() {
      if (loss.size === 0) return;
      loss = new Map();
      await replace('FLLOSS', () => []);
      logger.info('link faults removed');
    },
  };
}
