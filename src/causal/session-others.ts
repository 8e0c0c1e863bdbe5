/**
 * Monotonic writes and writes-follow-reads: guarantees a session gives the other sessions, judged at
 * a stale read of an observer p by what p has observed of the other processes (see `session.ts` for
 * the definitions). For each other process s, only the last write of s that p observed matters: s's
 * writes before it, and s's reads before it, only grow with it.
 */
import { edge, opIds as ids, roles, type Found } from './found.js';
import { lastWriteBefore, type Prepared } from './history.js';
import { newerThan, type Older, type Views } from './observations.js';
import type { SessionKind } from './session.js';
import type { Edge } from './types.js';

/** The last write of another process that an observer read, and the observer's read of it. */
export interface Seen {
  write: number;
  by: number;
}

/** r returned w_r (or the initial value), older than `than`. */
function staleTo(h: Prepared, wr: number, r: number, than: number): Edge[] {
  return wr < 0 ? [] : [edge(h, wr, r, 'rf'), edge(h, wr, than, 'co')];
}

/** s's last write u observed (u → by, by po-before r): the edges from u to the read r. */
function seenPath(h: Prepared, seen: Seen, r: number): Edge[] {
  return [edge(h, seen.write, seen.by, 'rf'), edge(h, seen.by, r, 'po')];
}

/** Checks monotonic writes and writes-follow-reads at stale reads. */
export class Others {
  constructor(
    private readonly h: Prepared,
    private readonly older: Older,
    private readonly views: Views,
    private readonly found: Found<SessionKind>,
  ) {}

  /** Checks read r (returning w_r) against what its process has `seen` of each other process. */
  check(seen: Map<number, Seen>, r: number, wr: number): void {
    for (const [s, last] of seen) {
      this.monotonicWrites(s, last, r, wr);
      this.writesFollowReads(s, last, r, wr);
    }
  }

  /** s's writes of x before u must all be visible to r, and none of them may come back after u. */
  private monotonicWrites(s: number, last: Seen, r: number, wr: number): void {
    const h = this.h;
    const x = h.key[r];
    const u = last.write;
    const w1 = lastWriteBefore(h, s, x, h.pos[u]);
    if (w1 < 0) return;
    const back = wr === w1 && h.key[u] === x;
    if (!back && (wr === w1 || !this.older(wr, w1))) return;
    this.found.add('mw-violation', () => ({
      ops: ids(h, wr, w1, u, last.by, r),
      edges: [edge(h, w1, u, 'po'), ...seenPath(h, last, r), ...(back ? [edge(h, wr, r, 'rf')] : staleTo(h, wr, r, w1))],
      key: h.keys[x],
      roles: roles(h, { read: r, observed: u, observer: last.by, overwritten: w1, returned: wr }),
    }));
  }

  /** What s had read of x before writing u must be visible to r (and, if u writes x, not come back). */
  private writesFollowReads(s: number, last: Seen, r: number, wr: number): void {
    const h = this.h;
    const x = h.key[r];
    const u = last.write;
    const obs = this.views.before(s, x, h.pos[u]);
    let hit = newerThan(obs, wr, this.older);
    let back = false;
    if (!hit && h.key[u] === x) {
      for (let i = 0; i < obs.length && !hit; i += 2) if (obs[i] === wr) hit = [obs[i], obs[i + 1]];
      back = hit !== undefined;
    }
    if (!hit) return;
    const [w1, r1] = hit;
    this.found.add('wfr-violation', () => ({
      ops: ids(h, wr, w1, r1, u, last.by, r),
      edges: [edge(h, w1, r1, 'rf'), edge(h, r1, u, 'po'), ...seenPath(h, last, r), ...(back ? [edge(h, wr, r, 'rf')] : staleTo(h, wr, r, w1))],
      key: h.keys[x],
      roles: roles(h, { read: r, observed: u, observer: last.by, writerRead: r1, writerReadWrite: w1, returned: wr }),
    }));
  }
}
