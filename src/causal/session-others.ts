/**
 * Monotonic writes and writes-follow-reads: guarantees a session gives the other sessions, judged at
 * each read of an observer p by what p has observed of the other processes (see `session.ts` for the
 * definitions). For each other process s, only the last write of s that p observed matters: s's
 * writes before it, and s's reads before it, only grow with it.
 */
import { edge, opIds as ids, roles, type Found } from './found.js';
import { lastWriteBefore, THIN_AIR, type Prepared } from './history.js';
import { newerThan, type Older, type Snapshots } from './observations.js';
import type { SessionKind } from './session.js';
import type { Edge } from './types.js';

/** The last write of process s that an observer saw, and the observer's op that saw it. */
interface Seen {
  write: number;
  by: number;
}

/** s's last write u observed (u → by, by po-before r): the edges from u to the read r. */
function seenPath(h: Prepared, seen: Seen, r: number): Edge[] {
  return [edge(h, seen.write, seen.by, 'rf'), edge(h, seen.by, r, 'po')];
}

/** Checks monotonic writes and writes-follow-reads at every read of every process. */
export function checkOthers(h: Prepared, older: Older, snaps: Snapshots, found: Found<SessionKind>): void {
  const K = h.keys.length;
  // Per key, the processes that read it (those with snapshots).
  const readers: number[][] = h.keys.map(() => []);
  for (const slot of snaps.keys()) readers[slot % K].push(Math.floor(slot / K));
  for (let p = 0; p < h.ops.length; p++) {
    const seen = new Map<number, Seen>();
    // Each check only concerns processes p has seen that write (resp. read) x: walk the smaller side.
    const each = (procs: ArrayLike<number>, has: (s: number) => boolean, check: (s: number, last: Seen) => void): void => {
      if (procs.length < seen.size) {
        for (let i = 0; i < procs.length; i++) {
          const last = seen.get(procs[i]);
          if (last) check(procs[i], last);
        }
      } else {
        for (const [s, last] of seen) if (has(s)) check(s, last);
      }
    };
    for (const r of h.ops[p]) {
      if (h.isWrite[r]) continue;
      const wr = h.rf[r];
      if (wr === THIN_AIR) continue;
      const x = h.key[r];
      each(h.writers[x], (s) => h.procKeyWrites.has(s * K + x), (s, last) => monotonicWrites(h, older, s, last, r, wr, found));
      each(readers[x], (s) => snaps.has(s * K + x), (s, last) => writesFollowReads(h, older, snaps, s, last, r, wr, found));
      if (wr >= 0 && h.proc[wr] !== p) {
        const s = h.proc[wr];
        const had = seen.get(s);
        if (!had || h.pos[had.write] < h.pos[wr]) seen.set(s, { write: wr, by: r });
      }
    }
  }
}

/** s's writes of x before u must all be visible to r, and none of them may come back after u. */
function monotonicWrites(h: Prepared, older: Older, s: number, last: Seen, r: number, wr: number, found: Found<SessionKind>): void {
  const x = h.key[r];
  const u = last.write;
  const w1 = lastWriteBefore(h, s, x, h.pos[u]);
  if (w1 < 0) return;
  const back = wr === w1 && h.key[u] === x;
  if (!back && (wr === w1 || !older(wr, w1))) return;
  found.add('mw-violation', () => ({
    ops: ids(h, wr, w1, u, last.by, r),
    edges: [edge(h, w1, u, 'po'), ...seenPath(h, last, r), ...(back ? [edge(h, wr, r, 'rf')] : staleTo(h, wr, r, w1))],
    key: h.keys[x],
    roles: roles(h, { read: r, observed: u, observer: last.by, overwritten: w1, returned: wr }),
  }));
}

/** What s had read of x before writing u must be visible to r (and, if u writes x, not come back). */
function writesFollowReads(h: Prepared, older: Older, snaps: Snapshots, s: number, last: Seen, r: number, wr: number, found: Found<SessionKind>): void {
  const x = h.key[r];
  const snap = snaps.get(s * h.keys.length + x);
  if (!snap) return;
  const u = last.write;
  // s's observations of x after its last read of x before u
  let lo = 0;
  let hi = snap.pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (snap.pos[mid] < h.pos[u]) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return;
  const obs = snap.obs[lo - 1];
  let hit = newerThan(obs, wr, older);
  let back = false;
  if (!hit && h.key[u] === x) {
    for (let i = 0; i < obs.length && !hit; i += 2) if (obs[i] === wr) hit = [obs[i], obs[i + 1]];
    back = hit !== undefined;
  }
  if (!hit) return;
  const [w1, r1] = hit;
  found.add('wfr-violation', () => ({
    ops: ids(h, wr, w1, r1, u, last.by, r),
    edges: [edge(h, w1, r1, 'rf'), edge(h, r1, u, 'po'), ...seenPath(h, last, r), ...(back ? [edge(h, wr, r, 'rf')] : staleTo(h, wr, r, w1))],
    key: h.keys[x],
    roles: roles(h, { read: r, observed: u, observer: last.by, writerRead: r1, writerReadWrite: w1, returned: wr }),
  }));
}

/** r returned w_r (or the initial value), older than `than`. */
function staleTo(h: Prepared, wr: number, r: number, than: number): Edge[] {
  return wr < 0 ? [] : [edge(h, wr, r, 'rf'), edge(h, wr, than, 'co')];
}
