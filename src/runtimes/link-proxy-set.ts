/**
 * The link proxies of one cluster: one `LinkProxy` per directed link i→j, all in the harness process,
 * and the state each link is in. A partition is applied as a grudge (for each node, the nodes it
 * cannot hear from): node j holding a grudge against i cuts link i→j. Link faults (delay, loss,
 * duplication, bandwidth) are set per link and are independent of cuts.
 *
 * Randomness (jitter, loss, duplication) comes from a small seeded generator, so a run's seed decides
 * the draws; which message a draw falls on still depends on timing.
 */
import type { CutMode, Grudge, Link, LinkFaults } from './runtime.js';
import { LinkProxy } from './link-proxy.js';
import type { LinkState } from './link-proxy-pipe.js';
import { seededRandom } from '../core/seeded-random.js';

export interface LinkProxySetOptions {
  /** Node name → where it listens for peers. */
  upstreams: ReadonlyMap<string, { host: string; port: number }>;
  framed: boolean;
  seed: number;
  host?: string;
  /** Ports for the proxies, one per directed link in start order (default: any free port). */
  ports?: readonly number[];
}

const key = (from: string, to: string) => `${from}>${to}`;


/** Every directed link of a cluster, proxied. */
export class LinkProxySet {
  private readonly proxies = new Map<string, LinkProxy>();
  private readonly states = new Map<string, LinkState>();
  private grudge: Grudge = {};

  private constructor() {}

  /** Starts a proxy for every ordered pair of distinct nodes. */
  static async start(o: LinkProxySetOptions): Promise<LinkProxySet> {
    const set = new LinkProxySet();
    const random = seededRandom(o.seed);
    const names = [...o.upstreams.keys()];
    try {
      for (const from of names) {
        for (const to of names) {
          if (from === to) continue;
          set.states.set(key(from, to), { cut: null, faults: {}, delivered: 0, dropped: 0 });
          const proxy = new LinkProxy({
            link: { from, to },
            upstream: o.upstreams.get(to)!,
            framed: o.framed,
            state: () => set.state(from, to),
            reverseState: () => set.state(to, from),
            random,
          });
          set.proxies.set(key(from, to), proxy);
          await proxy.listen(o.host ?? '127.0.0.1', o.ports?.[set.proxies.size - 1] ?? 0);
        }
      }
    } catch (e) {
      await set.close();
      throw e;
    }
    return set;
  }

  /** The address node `from` dials to reach `to`. */
  address(from: string, to: string): { host: string; port: number } {
    return this.proxy(from, to).address;
  }

  /** Every proxy's port (for cleanup checks). */
  ports(): number[] {
    return [...this.proxies.values()].map((p) => p.address.port);
  }

  /** The state of link from→to. */
  state(from: string, to: string): LinkState {
    const s = this.states.get(key(from, to));
    if (!s) throw new Error(`no link ${from}→${to}`);
    return s;
  }

  /** The grudge currently applied. */
  currentGrudge(): Grudge {
    return this.grudge;
  }

  /** Replaces the partition: node j's grudge against i cuts link i→j. */
  partition(grudge: Grudge, mode: CutMode = 'blackhole'): void {
    for (const [k, s] of this.states) {
      const [from, to] = k.split('>') as [string, string];
      s.cut = grudge[to]?.includes(from) ? mode : null;
    }
    this.grudge = Object.fromEntries(Object.entries(grudge).filter(([, v]) => v.length > 0).map(([k, v]) => [k, [...v]]));
    this.refresh();
  }

  /** Sets the faults of each link (replacing what it had). */
  setFaults(links: readonly Link[], faults: LinkFaults): void {
    for (const l of links) this.state(l.from, l.to).faults = { ...faults };
  }

  /** Removes every link fault (cuts stay). */
  clearFaults(): void {
    for (const s of this.states.values()) s.faults = {};
  }

  /** Links that currently have a fault other than a cut. */
  faultedLinks(): Array<Link & { faults: LinkFaults }> {
    const out: Array<Link & { faults: LinkFaults }> = [];
    for (const [k, s] of this.states) {
      if (Object.keys(s.faults).length === 0) continue;
      const [from, to] = k.split('>') as [string, string];
      out.push({ from, to, faults: s.faults });
    }
    return out;
  }

  /** Stops every proxy and closes every proxied connection. */
  async close(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((p) => p.close()));
  }

  private proxy(from: string, to: string): LinkProxy {
    const p = this.proxies.get(key(from, to));
    if (!p) throw new Error(`no link ${from}→${to}`);
    return p;
  }

  private refresh(): void {
    for (const p of this.proxies.values()) p.refresh();
  }
}
