/**
 * Session guarantees (Terry, Demers, Petersen, Spreitzer, Theimer and Welch, "Session Guarantees for
 * Weakly Consistent Replicated Data", 1994) judged from a differentiated read/write history, each
 * process a session.
 *
 * A register history does not show the order in which the store applied writes (the version order),
 * and the guarantees are about it. What every store that respects causality must agree on is that a
 * write is newer than every write of its key in its causal past (co = (po ∪ rf)+), and that the
 * initial value is older than every write. So "w1 is older than w2" here means exactly that (the
 * causal version order); writes that co leaves concurrent are unordered, and a read may return either
 * without violating anything. This is also what makes each guarantee follow from causal consistency
 * (CC, `check.ts`): every violation below is a WriteCORead or WriteCOInitRead. In particular a
 * process that reads 1, then 2, then 1 of two concurrent writes breaks no guarantee here (nor CC); CM
 * and CCv rule it out. A process "observes" a write when it reads it.
 *
 * For a read r of key x by process p, returning the write w_r (or the initial value):
 *  - read-your-writes: r returns no value older than p's last write of x before r;
 *  - monotonic-reads: r returns no value older than a write an earlier read of p returned for x;
 *  - monotonic-writes (judged for every other process s): if p observed s's write u before r, then
 *    r returns no value older than s's last write of x before u, nor (if u writes x) s's writes of x
 *    before u — s's writes became visible to p in the order s made them;
 *  - writes-follow-reads (every other process t): if p observed t's write u before r, then r returns
 *    no value older than a write t's reads of x had returned before t wrote u (nor, if u writes x,
 *    that write itself) — t's write is ordered after what t had read.
 * All four are decided exactly under this reading: nothing is left to guess. Each violation is a
 * stale read — one with a newer write of its key in its causal past (`cc.ts`) — so only processes
 * with stale reads are walked, and the guarantees are checked at those reads only. Two things leave them
 * undecided (`unknown`), unless a violation was found: a read of a value no write wrote (its place in
 * the version order is unknown), and a cyclic causal order (a read from its own future: no version
 * order extends it; see the causal check's CyclicCO).
 */
import { ReadScan } from './cc.js';
import { computeClocks } from './clocks.js';
import { edge, Found, opIds as ids, roles } from './found.js';
import { INIT, lastWriteBefore, prepare, THIN_AIR, type Prepared } from './history.js';
import { newerThan, Views, type Older } from './observations.js';
import { causalOrder } from './order.js';
import { Others, type Seen } from './session-others.js';
import type { Edge, HistoryOp, Violation } from './types.js';

/** The four guarantees, by their model names. */
export const GUARANTEES = ['read-your-writes', 'monotonic-reads', 'monotonic-writes', 'writes-follow-reads'] as const;
/** One of `GUARANTEES`. */
export type Guarantee = (typeof GUARANTEES)[number];
/** The anomaly kind of each guarantee's violations. */
export const SESSION_KINDS = { 'read-your-writes': 'ryw-violation', 'monotonic-reads': 'mr-violation', 'monotonic-writes': 'mw-violation', 'writes-follow-reads': 'wfr-violation' } as const;
/** An anomaly kind of `SESSION_KINDS`. */
export type SessionKind = (typeof SESSION_KINDS)[Guarantee];

/** What `checkSessions` found. */
export interface SessionResult {
  /** Per guarantee: holds, ruled out (by its kind), or unknown. */
  status: Record<Guarantee, 'holds' | 'ruled-out' | 'unknown'>;
  violations: Violation<SessionKind>[];
  counts: Partial<Record<SessionKind, number>>;
  /** Why undecided guarantees are unknown. */
  undecided?: string;
  stats: { ops: number; processes: number; keys: number; thinAirReads: number };
}

/** Options of `checkSessions`. */
export interface SessionOptions {
  /** Violations kept per guarantee (all are counted). Default 10. */
  limit?: number;
}

/** Checks the four session guarantees of `ops` (each process's ops in program order, all happened). */
export function checkSessions(ops: readonly HistoryOp[], opts: SessionOptions = {}): SessionResult {
  const h = prepare(ops);
  const found = new Found<SessionKind>(opts.limit ?? 10);
  let thin = 0;
  for (let r = 0; r < h.n; r++) if (h.rf[r] === THIN_AIR) thin++;
  const stats = { ops: h.n, processes: h.ops.length, keys: h.keys.length, thinAirReads: thin };
  let undecided: string | undefined;
  const ordered = causalOrder(h);
  if (ordered.cycle) {
    const ids = ordered.cycle.ops.map((u) => h.ids[u]);
    undecided = `the causal order is cyclic (ops ${ids.join(' → ')} → ${ids[0]}): some read returned a value from its own causal future`;
  } else {
    const scan = new ReadScan(h, undefined, false);
    const clocks = computeClocks(h, ordered.order, scan.visit);
    const older: Older = (a, b) => a === INIT || (a >= 0 && a !== b && clocks.knows(b, a));
    checkStaleReads(h, older, scan.stale, found);
    if (thin > 0) {
      const r = h.rf.indexOf(THIN_AIR);
      undecided = `${thin} read(s) returned a value no write wrote (first: op ${h.ids[r]}), which has no place in the version order`;
    }
  }
  const status = {} as SessionResult['status'];
  for (const g of GUARANTEES) status[g] = found.has(SESSION_KINDS[g]) ? 'ruled-out' : undecided ? 'unknown' : 'holds';
  return { status, violations: found.kept, counts: Object.fromEntries(found.counts), ...(undecided ? { undecided } : {}), stats };
}

/** The edge pair every violation ends with: r returned w_r, which is older than `than`. */
export function staleRead(h: Prepared, wr: number, r: number, than: number): Edge[] {
  if (wr < 0) return [];
  return wr === than ? [edge(h, wr, r, 'rf')] : [edge(h, wr, r, 'rf'), edge(h, wr, than, 'co')];
}

/**
 * Walks each process that has a stale read, keeping the last write it observed of every other
 * process, and checks each guarantee at each of its stale reads.
 */
function checkStaleReads(h: Prepared, older: Older, stale: Uint8Array, found: Found<SessionKind>): void {
  const views = new Views(h, older);
  const others = new Others(h, older, views, found);
  for (let p = 0; p < h.ops.length; p++) {
    if (!h.ops[p].some((u) => stale[u] === 1)) continue;
    const seen = new Map<number, Seen>();
    for (const u of h.ops[p]) {
      if (h.isWrite[u]) continue;
      const wr = h.rf[u];
      if (stale[u]) {
        readYourWrites(h, older, u, wr, found);
        monotonicReads(h, older, views, u, wr, found);
        others.check(seen, u, wr);
      }
      if (wr >= 0 && h.proc[wr] !== p) {
        const had = seen.get(h.proc[wr]);
        if (!had || h.pos[had.write] < h.pos[wr]) seen.set(h.proc[wr], { write: wr, by: u });
      }
    }
  }
}

/** r returns no value older than its process's last write of the key before it. */
function readYourWrites(h: Prepared, older: Older, u: number, wr: number, found: Found<SessionKind>): void {
  const own = lastWriteBefore(h, h.proc[u], h.key[u], h.pos[u]);
  if (own < 0 || own === wr || !older(wr, own)) return;
  found.add('ryw-violation', () => ({
    ops: ids(h, wr, own, u),
    edges: [edge(h, own, u, 'po'), ...staleRead(h, wr, u, own)],
    key: h.keys[h.key[u]],
    roles: roles(h, { read: u, own, returned: wr }),
  }));
}

/** r returns no value older than one its process's earlier reads of the key returned. */
function monotonicReads(h: Prepared, older: Older, views: Views, u: number, wr: number, found: Found<SessionKind>): void {
  const newer = newerThan(views.before(h.proc[u], h.key[u], h.pos[u]), wr, older);
  if (!newer) return;
  const [w1, r1] = newer;
  found.add('mr-violation', () => ({
    ops: ids(h, wr, w1, r1, u),
    edges: [edge(h, w1, r1, 'rf'), edge(h, r1, u, 'po'), ...staleRead(h, wr, u, w1)],
    key: h.keys[h.key[u]],
    roles: roles(h, { read: u, earlierRead: r1, earlierWrite: w1, returned: wr }),
  }));
}
