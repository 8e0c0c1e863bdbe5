/**
 * The netns runtime's network faults, in the kernel: iptables rules in each node's namespace act on
 * the packets it receives. Three chains run from INPUT in order: `FLCUT` (partitions: packets from a
 * node this one cannot hear from are dropped, or answered with a TCP reset), `FLLOSS` (random loss with
 * `-m statistic`), `FLSEEN` (one counting rule per peer: what got through). A grudge `{n1: [n2]}` is
 * rules in n1's namespace only, so one-way cuts are exact. The link counters are those rules' packet
 * counts; what a rule dropped before its chain was replaced is carried over, so counts only grow.
 *
 * Delay, duplication and bandwidth limits are refused up front (`netnsRefusal`): the kernel here has no
 * netem (delay and duplication need it), and routing every packet through link proxies would cost the
 * kernel-level faults this runtime exists for; the local runtime applies them.
 */
import type { Logger } from '../core/logger.js';
import type { Target } from '../core/target.js';
import { hasLibfaketime } from './local-clock.js';
import { sh } from './netns-net.js';
import type { FaultKind, Grudge, LinkFaultAbility, LinkStatsAbility, PartitionAbility } from './runtime.js';

const CHAINS = ['FLCUT', 'FLLOSS', 'FLSEEN'] as const;
type Chain = (typeof CHAINS)[number];

/** A node as the fault rules see it: its namespace and address. */
export interface NetnsHost {
  name: string;
  ns: string;
  address: string;
}

/**
 * Replaces the rules of `chains` in `ns` at once (iptables-restore without flushing the rest: a chain
 * declared is emptied first); `extra` rules go in after them (jumps from INPUT).
 */
async function restore(ns: string, chains: Partial<Record<Chain, string[][]>>, extra: string[][] = []): Promise<void> {
  const text = ['*filter', ...Object.keys(chains).map((c) => `:${c} - [0:0]`)];
  for (const [c, rules] of Object.entries(chains)) for (const r of rules ?? []) text.push(`-A ${c} ${r.join(' ')}`);
  for (const r of extra) text.push(r.join(' '));
  await sh('ip', ['netns', 'exec', ns, 'iptables-restore', '-w', '--noflush'], [...text, 'COMMIT', ''].join('\n'));
}

/** Creates the chains in every namespace (before the nodes start). */
export async function installChains(hosts: readonly NetnsHost[]): Promise<void> {
  await Promise.all(
    hosts.map((h) =>
      restore(
        h.ns,
        { FLCUT: [], FLLOSS: [], FLSEEN: hosts.filter((p) => p !== h).map((p) => ['-s', `${p.address}/32`, '-j', 'RETURN']) },
        CHAINS.map((c) => ['-A', 'INPUT', '-j', c]),
      ),
    ),
  );
}

/** Packets per source address counted by the rules of each of our chains in `ns` (one iptables call). */
async function counts(ns: string): Promise<Record<Chain, Map<string, number>>> {
  const out = await sh('ip', ['netns', 'exec', ns, 'iptables', '-w', '-n', '-v', '-x', '-L']);
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
export function netnsNetworkAbilities(hosts: readonly NetnsHost[], logger: Logger): PartitionAbility & LinkFaultAbility & LinkStatsAbility {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const host = (n: string) => {
    const h = byName.get(n);
    if (!h) throw new Error(`unknown node ${n}`);
    return h;
  };
  /** Drops counted by rules since replaced, per `to` namespace and source address. */
  const carried = new Map<string, number>();
  let grudge: Grudge = {};

  /** Replaces `chain` in every namespace with the rules `rulesFor` gives, carrying its drop counts over. */
  async function replace(chain: 'FLCUT' | 'FLLOSS', rulesFor: (h: NetnsHost) => string[][]): Promise<void> {
    await Promise.all(
      hosts.map(async (h) => {
        for (const [src, n] of (await counts(h.ns))[chain]) carried.set(`${h.ns} ${src}`, (carried.get(`${h.ns} ${src}`) ?? 0) + n);
        await restore(h.ns, { [chain]: rulesFor(h) });
      }),
    );
  }
  let loss = new Map<string, number>(); // "from to" → probability

  return {
    framedLinks: false,
    async linkStats(from, to) {
      const [f, t] = [host(from), host(to)];
      const c = await counts(t.ns);
      const src = f.address;
      return { delivered: c.FLSEEN.get(src) ?? 0, dropped: (c.FLCUT.get(src) ?? 0) + (c.FLLOSS.get(src) ?? 0) + (carried.get(`${t.ns} ${src}`) ?? 0) };
    },
    async partition(g, mode = 'blackhole') {
      for (const [n, from] of Object.entries(g)) for (const x of [n, ...from]) host(x);
      await replace('FLCUT', (h) =>
        (g[h.name] ?? []).flatMap((x) => {
          const s = ['-s', `${host(x).address}/32`];
          return mode === 'reset' ? [[...s, '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset'], [...s, '-j', 'DROP']] : [[...s, '-j', 'DROP']];
        }),
      );
      grudge = g;
      logger.info(`partition (${mode}): ${JSON.stringify(g)}`);
    },
    async healPartition() {
      const was = grudge;
      if (Object.keys(was).length === 0) return;
      await replace('FLCUT', () => []);
      grudge = {};
      logger.info(`partition healed (was ${JSON.stringify(was)})`);
    },
    async setLinkFaults(links, faults) {
      const other = Object.entries(faults).filter(([k, v]) => k !== 'loss' && v !== undefined && v !== 0);
      if (other.length > 0) throw new Error(`the netns runtime applies only loss, not ${other.map(([k]) => k).join(', ')}`);
      const next = new Map(loss);
      for (const l of links) {
        host(l.from);
        host(l.to);
        if (faults.loss) next.set(`${l.from} ${l.to}`, faults.loss);
        else next.delete(`${l.from} ${l.to}`);
      }
      loss = next;
      await replace('FLLOSS', (h) =>
        [...loss].flatMap(([k, p]) => {
          const [from, to] = k.split(' ') as [string, string];
          if (to !== h.name) return [];
          const s = ['-s', `${host(from).address}/32`];
          return [p >= 1 ? [...s, '-j', 'DROP'] : [...s, '-m', 'statistic', '--mode', 'random', '--probability', String(p), '-j', 'DROP']];
        }),
      );
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

/** Why the netns runtime cannot apply `fault` to `target`, or undefined. */
export function netnsRefusal(fault: FaultKind, target: Target<any>): string | undefined {
  switch (fault) {
    case 'link-delay':
    case 'link-duplicate':
    case 'link-bandwidth':
      return `the netns runtime cuts and drops packets in the kernel but cannot ${fault === 'link-delay' ? 'delay' : fault === 'link-duplicate' ? 'duplicate' : 'throttle'} them (no netem in this kernel); use --runtime local (link proxies) or --nemesis-opt packet.modes=loss`;
    case 'partition-clients':
      return 'the netns runtime leaves the clients (on the host) outside partitions; use --runtime local for partition.clients=true';
    case 'power-loss':
      return 'the netns runtime has no power-loss disks; use --runtime local';
    case 'clock':
      if (target.clockSkew === 'offset-file') return undefined;
      if (target.clockSkew === 'libfaketime') return hasLibfaketime() ? undefined : 'libfaketime is not installed (apt-get install faketime), so the netns runtime cannot skew clocks';
      return `target ${target.name} does not read its clock through libc or an offset file (Go binaries read it through the vDSO), so the netns runtime cannot skew one node's clock`;
    default:
      return undefined;
  }
}
