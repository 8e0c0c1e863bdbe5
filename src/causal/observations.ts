/**
 * What a process has observed of one key: the maximal writes (under "causally older") among those its
 * reads returned, each with the read that returned it. A newer observation drops the observations
 * causally older than it; one causally older than (or equal to) a kept one changes nothing.
 *
 * `Views` keeps, per process and key, the observations after each of the process's reads of the key,
 * built when first asked for by replaying the process's reads once: the session checks ask only at
 * stale reads, which a valid history has none of.
 */
import { INIT, type Prepared } from './history.js';

/** Observed writes as flat pairs [write, read, write, read, …]; never mutated once built. */
export type Observed = readonly number[];

/** Nothing observed. */
export const NOTHING: Observed = [];

/**
 * `older(a, b)`: write a (or INIT) is causally older than write b — a is in b's causal past and is
 * not b, or a is INIT.
 */
export type Older = (a: number, b: number) => boolean;

/** The observations after `read` returned `write` (a write, not INIT). */
export function observe(obs: Observed, write: number, read: number, older: Older): Observed {
  for (let i = 0; i < obs.length; i += 2) if (obs[i] === write || older(write, obs[i])) return obs;
  const out: number[] = [];
  for (let i = 0; i < obs.length; i += 2) if (!older(obs[i], write)) out.push(obs[i], obs[i + 1]);
  out.push(write, read);
  return out;
}

/** The first observed [write, read] that `value` (a write or INIT) is causally older than, or undefined. */
export function newerThan(obs: Observed, value: number, older: Older): [number, number] | undefined {
  for (let i = 0; i < obs.length; i += 2) if (value === INIT || older(value, obs[i])) return [obs[i], obs[i + 1]];
  return undefined;
}

/** One process's reads of one key: positions, and the observations after each. */
interface KeyView {
  pos: number[];
  obs: Observed[];
}

/** Observations per process and key, built on demand. */
export class Views {
  private readonly byProc = new Map<number, Map<number, KeyView>>();

  constructor(
    private readonly h: Prepared,
    private readonly older: Older,
  ) {}

  /** Process p's observations of key x made by its reads at positions < `before`. */
  before(p: number, x: number, before: number): Observed {
    const v = this.of(p).get(x);
    if (!v) return NOTHING;
    let lo = 0;
    let hi = v.pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v.pos[mid] < before) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? NOTHING : v.obs[lo - 1];
  }

  private of(p: number): Map<number, KeyView> {
    let views = this.byProc.get(p);
    if (views) return views;
    views = new Map();
    const h = this.h;
    for (const u of h.ops[p]) {
      const w = h.rf[u];
      if (h.isWrite[u] || w < 0) continue;
      const x = h.key[u];
      let v = views.get(x);
      if (!v) views.set(x, (v = { pos: [], obs: [] }));
      v.pos.push(h.pos[u]);
      v.obs.push(observe(v.obs.at(-1) ?? NOTHING, w, u, this.older));
    }
    this.byProc.set(p, views);
    return views;
  }
}
