/**
 * Causal memory (CM) and its bad patterns, WriteHBInitRead and CyclicHB, process by process.
 *
 * CM asks each process p for one order of its ops and of everything in their causal past, extending
 * co, in which each of p's reads returns the last write before it. The paper's happens-before of p,
 * hb_p, is the smallest transitive relation containing co and: w1 hb_p w2 when w2 is read from by a
 * read r of p and w1, another write of the same key, is hb_p-before r. (The paper defines hb_o for
 * each op o with r po-before or equal to o; hb_p is hb_o for p's last op, which contains the others,
 * so CyclicHB and WriteHBInitRead need only that one per process.) CM fails iff for some p, hb_p is
 * cyclic or puts a write of x before a read of p that returned x's initial value.
 *
 * How it is computed. Label each op u with reach(u): the first position of p's program that u is
 * hb_p-before (or is). Under co alone this is where u enters p's causal past (`Clocks.firstKnowing`,
 * computed when first asked). w hb_p r for a read r of p iff reach(w) ≤ pos(r). The rule then says:
 * a write w of x gets an hb edge to the write read by p's first read of x at or after reach(w) —
 * edges to later reads' writes follow, since those writes are ordered by the rule too. An edge
 * w → t lowers reach(w) to reach(t) if smaller; a lower reach lowers the reach of w's predecessors
 * (po, rf, and hb edges into it) and may give w an edge to an earlier read's write. Labels only
 * decrease, so a worklist reaches the least fixpoint. It starts from the cf edges of p's reads (see
 * `conflict.ts`): they are the rule's edges under co, one per writing process (its last write in the
 * read's past; its earlier writes follow by po). Only ops whose label changes are ever touched.
 *
 * Patterns. WriteHBInitRead: a write w of x with reach(w) at or before a read of p that returned x's
 * initial value. CyclicHB: every op of an hb_p cycle reaches every other, so the cycle lies within
 * one label class, and (co alone being acyclic) it is made of hb edges whose ends share that label,
 * joined by co paths.
 */
import type { Clocks } from './clocks.js';
import type { ConflictEdges } from './conflict.js';
import { edge, roles, type Found } from './found.js';
import { findHbCycle } from './hb-cycle.js';
import { INIT, type Prepared } from './history.js';
import { poPred } from './order.js';
import { compressPo } from './paths.js';
import type { Edge, EdgeLabel, Pattern } from './types.js';

/** One process's reads of one key: positions in program order and the writes they read (or INIT). */
interface KeyReads {
  pos: number[];
  rf: number[];
}

/** Arrays over all ops, shared by the processes in turn; `used` lists the entries to reset. */
interface Scratch {
  /** An op's label (baseline or lowered), valid where `known` is 1; NONE if not in p's past. */
  reach: Int32Array;
  known: Uint8Array;
  /** What lowered an op's label: the successor it came from and the edge's label. */
  whyNext: Int32Array;
  whyLabel: Uint8Array;
  /** The ops whose `known` is set, the first `usedCount` entries (each op at most once). */
  used: Int32Array;
  usedCount: number;
}

const NONE = 0x7fffffff;
const LABELS: EdgeLabel[] = ['po', 'rf', 'co', 'cf', 'hb'];
const [PO, RF, , , HB] = [0, 1, 2, 3, 4];

/**
 * Finds WriteHBInitRead and CyclicHB instances, for every process with cf edges among its reads.
 * `order` is the topological order of po ∪ rf the clocks were computed along.
 */
export function findCmPatterns(h: Prepared, clocks: Clocks, order: Int32Array, cf: ConflictEdges, found: Found<Pattern>): void {
  const rank = new Int32Array(h.n);
  for (let i = 0; i < h.n; i++) rank[order[i]] = i;
  const byProc = new Map<number, number[]>();
  for (let i = 0; i < cf.from.length; i++) {
    const p = h.proc[cf.read[i]];
    let list = byProc.get(p);
    if (!list) byProc.set(p, (list = []));
    list.push(i);
  }
  const scratch: Scratch = {
    reach: new Int32Array(h.n),
    known: new Uint8Array(h.n),
    whyNext: new Int32Array(h.n).fill(-1),
    whyLabel: new Uint8Array(h.n),
    used: new Int32Array(h.n),
    usedCount: 0,
  };
  for (const [p, edges] of byProc) {
    checkProcess(h, clocks, rank, cf, edges, p, scratch, found);
    const { used, known, whyNext } = scratch;
    for (let i = 0; i < scratch.usedCount; i++) {
      known[used[i]] = 0;
      whyNext[used[i]] = -1;
    }
    scratch.usedCount = 0;
  }
}

function checkProcess(h: Prepared, clocks: Clocks, rank: Int32Array, cf: ConflictEdges, edges: number[], p: number, sc: Scratch, found: Found<Pattern>): void {
  const reads = new Map<number, KeyReads>();
  const lastInit = new Map<number, number>();
  for (const u of h.ops[p]) {
    if (h.isWrite[u]) continue;
    const x = h.key[u];
    let kr = reads.get(x);
    if (!kr) reads.set(x, (kr = { pos: [], rf: [] }));
    kr.pos.push(h.pos[u]);
    kr.rf.push(h.rf[u]);
    if (h.rf[u] === INIT) lastInit.set(x, h.pos[u]);
  }
  const { reach, known, whyNext, whyLabel, used } = sc;
  const hbIn = new Map<number, number[]>();
  const hbFrom: number[] = [];
  const hbTo: number[] = [];
  const queue: number[] = [];
  const reachOf = (u: number): number => {
    if (known[u] === 0) {
      const b = clocks.firstKnowing(p, u);
      reach[u] = b === Infinity ? NONE : b;
      known[u] = 1;
      used[sc.usedCount++] = u;
    }
    return reach[u];
  };
  const lower = (u: number, rho: number, next: number, label: number): void => {
    if (rho < reachOf(u)) {
      reach[u] = rho;
      whyNext[u] = next;
      whyLabel[u] = label;
      queue.push(u);
    }
  };
  const addHb = (w: number, t: number): void => {
    if (w === t) return;
    // A repeated edge (several reads can give the same one) only repeats no-op lowerings.
    let into = hbIn.get(t);
    if (!into) hbIn.set(t, (into = []));
    into.push(w);
    hbFrom.push(w);
    hbTo.push(t);
    lower(w, reachOf(t), t, HB);
  };
  const reported = new Set<number>();
  for (const i of edges) addHb(cf.from[i], cf.to[i]);
  while (queue.length > 0) {
    const u = queue.pop()!;
    const rho = reach[u];
    const pred = poPred(h, u);
    if (pred >= 0) lower(pred, rho, u, PO);
    if (!h.isWrite[u] && h.rf[u] >= 0) lower(h.rf[u], rho, u, RF);
    const into = hbIn.get(u);
    if (into) for (const w of into) lower(w, rho, u, HB);
    if (!h.isWrite[u]) continue;
    const x = h.key[u];
    const init = lastInit.get(x);
    if (init !== undefined && init >= rho && !reported.has(u)) {
      reported.add(u);
      const r = h.ops[p][init];
      found.add('WriteHBInitRead', () => ({
        ops: [h.ids[u], h.ids[r]],
        edges: witnessPath(h, clocks, p, u, r, sc),
        key: h.keys[x],
        process: h.processIds[p],
        roles: roles(h, { write: u, read: r }),
      }));
    }
    const kr = reads.get(x);
    if (!kr) continue;
    const j = firstAtOrAfter(kr.pos, rho);
    if (j < kr.pos.length && kr.rf[j] >= 0) addHb(u, kr.rf[j]);
  }
  findHbCycle(h, clocks, rank, p, hbFrom, hbTo, reachOf, found);
}

/** Index of the first entry of the increasing `pos` that is ≥ `at`. */
function firstAtOrAfter(pos: number[], at: number): number {
  let lo = 0;
  let hi = pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pos[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** u's path to read r of p: the edges that lowered u's label, then co and po into r. */
function witnessPath(h: Prepared, clocks: Clocks, p: number, u: number, r: number, sc: Scratch): Edge[] {
  const out: Edge[] = [];
  const seen = new Set<number>();
  let v = u;
  while (sc.whyNext[v] >= 0 && !seen.has(v)) {
    seen.add(v);
    out.push(edge(h, v, sc.whyNext[v], LABELS[sc.whyLabel[v]]));
    v = sc.whyNext[v];
  }
  if (h.proc[v] !== p) {
    const at = clocks.firstKnowing(p, v);
    const entry = h.ops[p][at];
    out.push(edge(h, v, entry, 'co'));
    v = entry;
  }
  if (v !== r) out.push(edge(h, v, r, 'po'));
  return compressPo(out);
}
