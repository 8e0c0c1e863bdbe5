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
 * one label class and contains an hb edge w → t with reach(w) = reach(t) (co alone is acyclic); a
 * backwards search from w within that class finds it.
 */
import type { Clocks } from './clocks.js';
import type { ConflictEdges } from './conflict.js';
import { findCycle, sparseColours, type PredGraph } from './cycles.js';
import { edge, roles, type Found } from './found.js';
import { INIT, type Prepared } from './history.js';
import { poPred } from './order.js';
import { compressPo } from './paths.js';
import type { Edge, EdgeLabel, Pattern } from './types.js';

/** One process's reads of one key: positions in program order and the writes they read (or INIT). */
interface KeyReads {
  pos: number[];
  rf: number[];
}

/** What lowered an op's label: the successor it got it from and the edge between them. */
interface Why {
  next: number;
  label: EdgeLabel;
}

/** Finds WriteHBInitRead and CyclicHB instances, for every process with cf edges among its reads. */
export function findCmPatterns(h: Prepared, clocks: Clocks, cf: ConflictEdges, found: Found<Pattern>): void {
  const byProc = new Map<number, number[]>();
  for (let i = 0; i < cf.from.length; i++) {
    const p = h.proc[cf.read[i]];
    let list = byProc.get(p);
    if (!list) byProc.set(p, (list = []));
    list.push(i);
  }
  for (const [p, edges] of byProc) checkProcess(h, clocks, cf, edges, p, found);
}

function checkProcess(h: Prepared, clocks: Clocks, cf: ConflictEdges, edges: number[], p: number, found: Found<Pattern>): void {
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
  const reach = new Map<number, number>();
  const why = new Map<number, Why>();
  const hbIn = new Map<number, number[]>();
  const hb = new Set<number>();
  const hbList: [number, number][] = [];
  const queue: number[] = [];
  const reachOf = (u: number): number => reach.get(u) ?? clocks.firstKnowing(p, u);
  const lower = (u: number, rho: number, next: number, label: EdgeLabel): void => {
    if (rho < reachOf(u)) {
      reach.set(u, rho);
      why.set(u, { next, label });
      queue.push(u);
    }
  };
  const addHb = (w: number, t: number): void => {
    const id = w * h.n + t;
    if (w === t || hb.has(id)) return;
    hb.add(id);
    hbList.push([w, t]);
    let into = hbIn.get(t);
    if (!into) hbIn.set(t, (into = []));
    into.push(w);
    lower(w, reachOf(t), t, 'hb');
  };
  const reported = new Set<number>();
  for (const i of edges) addHb(cf.from[i], cf.to[i]);
  while (queue.length > 0) {
    const u = queue.pop()!;
    const rho = reach.get(u)!;
    const pred = poPred(h, u);
    if (pred >= 0) lower(pred, rho, u, 'po');
    if (!h.isWrite[u] && h.rf[u] >= 0) lower(h.rf[u], rho, u, 'rf');
    for (const w of hbIn.get(u) ?? []) lower(w, rho, u, 'hb');
    if (!h.isWrite[u]) continue;
    const x = h.key[u];
    const init = lastInit.get(x);
    if (init !== undefined && init >= rho && !reported.has(u)) {
      reported.add(u);
      const r = h.ops[p][init];
      found.add('WriteHBInitRead', () => ({
        ops: [h.ids[u], h.ids[r]],
        edges: witnessPath(h, clocks, p, u, r, why),
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
  findHbCycle(h, p, hbList, hbIn, reachOf, found);
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
function witnessPath(h: Prepared, clocks: Clocks, p: number, u: number, r: number, why: Map<number, Why>): Edge[] {
  const out: Edge[] = [];
  const seen = new Set<number>();
  let v = u;
  for (let w = why.get(v); w !== undefined && !seen.has(v); w = why.get(v)) {
    seen.add(v);
    out.push(edge(h, v, w.next, w.label));
    v = w.next;
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

/** Looks for an hb_p cycle through each hb edge whose ends share a label (see the header). */
function findHbCycle(
  h: Prepared,
  p: number,
  hbList: [number, number][],
  hbIn: Map<number, number[]>,
  reachOf: (u: number) => number,
  found: Found<Pattern>,
): void {
  const graph: PredGraph = {
    degree: (v) => 2 + (hbIn.get(v)?.length ?? 0),
    pred: (v, i) => (i === 0 ? poPred(h, v) : i === 1 ? (h.isWrite[v] ? -1 : h.rf[v]) : hbIn.get(v)![i - 2]),
    label: (_v, i) => (i === 0 ? 'po' : i === 1 ? 'rf' : 'hb'),
  };
  const colours = sparseColours();
  for (const [w, t] of hbList) {
    const rho = reachOf(w);
    if (rho !== reachOf(t)) continue;
    const cycle = findCycle(graph, [w], colours, (v) => reachOf(v) === rho);
    if (!cycle) continue;
    const edges = compressPo(cycle.ops.map((a, i) => edge(h, a, cycle.ops[(i + 1) % cycle.ops.length], cycle.labels[i])));
    // The key, if the cycle's hb edges all order writes of one key.
    const keys = new Set(cycle.ops.filter((_, i) => cycle.labels[i] === 'hb').map((a) => h.keys[h.key[a]]));
    found.add('CyclicHB', () => ({
      ops: [...new Set(edges.map((e) => e.from))],
      edges,
      ...(keys.size === 1 ? { key: [...keys][0] } : {}),
      process: h.processIds[p],
    }));
    return;
  }
}
