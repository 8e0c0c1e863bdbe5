/**
 * Transactional causal consistency (TCC): the search for a read that missed a write from its own causal
 * past, and why finding none proves the model.
 *
 * The model, in the abstract-execution style of Cerone, Bernardi and Gotsman (CONCUR 2015), without
 * their session axiom: a history is TCC when its committed transactions admit a visibility relation
 * VIS and an arbitration order AR such that VIS is transitive, AR is a total order containing VIS,
 * each transaction sees all or none of another's writes (atomic visibility), and each read returns what
 * the writes visible to its transaction produce, applied in AR order (after the transaction's own
 * earlier writes). Sessions are left out on purpose: in `src/core/models.ts` serializable implies
 * snapshot isolation implies this model, and plain serializability does not respect process order, so
 * neither can this model (strong-session-serializable is where process order enters the lattice).
 *
 * Causal order. A transaction whose reads show a write of T must have T visible (the write is in what
 * it read), so VIS contains `sees` — T → R when R read a value T wrote — and, being transitive, `sees+`.
 * That is the causal order here: T causally precedes R when a chain of transactions each read what the
 * one before wrote leads from T to R. Note `sees` is wider than the engine's `wr` edge: a list-append
 * read of [1, 2] sees the appenders of 1 and of 2, not only the last.
 *
 * The pattern searched: T causally precedes R, T wrote key x, and a read of x in R does not show T's
 * write (list-append: the list lacks T's value; a register: it shows a version ordered before T's).
 * VIS would then contain T → R, and the read would have to show T's write: no VIS, AR exists. In the
 * dependency graph that is a cycle R –rw(x)→ W –ww(x)…→ T –(sees)+→ R with exactly one rw edge,
 * followed only by ww edges on the key the rw edge is on, the rest causal. A G-single whose ww edges
 * are on other keys is not one of these: two transactions each missing the other's write is a long fork,
 * which TCC allows (and snapshot isolation forbids).
 *
 * Where to look. Every `sees` edge T → R stands for a path of the engine's graph (list-append: T's
 * append is followed in the key's version order, ww by ww, by the append R's read ends in, whose writer
 * R reads from, wr), and R's miss for rw then ww edges. So each occurrence of the pattern is a cycle of
 * ww, wr and rw edges, and lies inside one non-trivial strongly connected component of the graph
 * restricted to those edges (`components`). Inside each such component every reader is searched
 * breadth first backwards along `sees`, within the component, until a causal predecessor whose write
 * it missed turns up: the first one has the shortest causal chain for that reader; the shortest over
 * all readers is reported. Histories without cyclic components (the common, valid case) cost nothing
 * here. Each component gets at most `budget` relaxations; a component where the budget ran out before
 * a pattern was found leaves `causal-cycle` undecided.
 *
 * Completeness (list-append). Suppose no pattern is found, no cycle of ww and wr edges exists (G0,
 * G1c), and no aborted, intermediate, garbage, internal or out-of-order read either (each key's reads
 * are prefixes of one version order). Take VIS = sees+ and AR any total order extending sees ∪ ww (acyclic:
 * a cycle of it is a cycle of ww and wr edges, by the paths above). A read of x in R then shows every
 * visible append of x: an append visible but not shown would be the pattern. It shows nothing else:
 * every element's appender sees R. And it shows them in AR order, which contains the version order of
 * x. So VIS and AR witness TCC. (Like every cycle class, this relies on the rw edges the list-append
 * workload leaves out past a fan-out of a million being absent; they are counted in `stats`.)
 */
import type { Arena } from './arena.js';
import { Bit } from './edge-bits.js';
import type { Graph } from './graph.js';
import { components, newScratch } from './scc.js';
import type { CausalKind, CycleStep, ElleAnomaly, Key, Txns } from './types.js';

/** The anomaly kind of a read that missed a write from its causal past. */
export const CAUSAL_KIND: CausalKind = 'causal-cycle';

/** A read of `r` that did not show a write of a transaction in its causal past. */
export interface CausalMiss {
  key: Key;
  /** Why the write is missing, naming the reader `R` and the writer `W`. */
  text(R: string, W: string): string;
}

/** What a workload tells the causal search about its reads. */
export interface CausalRelation {
  /** True when `r` has reads whose values are known (only such transactions can miss a write). */
  reads(r: number): boolean;
  /** Calls `visit(t)` for every transaction `t` ≠ `r` whose write `r`'s reads show (repeats allowed). */
  seen(r: number, visit: (t: number) => void): void;
  /** The read of `r` that missed a write of `t`, were `t` visible to it, or null. */
  missed(r: number, t: number): CausalMiss | null;
  /** Why `r` (named `B`) saw a write of `t` (named `A`), in words. */
  explainSeen(t: number, r: number, A: string, B: string): string;
}

/**
 * The edges a causal pattern's cycle runs along in the engine's graph: data edges, including
 * rw-register's writes-follow-reads ones when enabled (a transaction that read a version and then wrote
 * the key saw the version's writer, so under this model the arbitration order follows that edge too).
 */
const DATA_BITS = Bit.ww | Bit.wr | Bit.rw | Bit.wwFr | Bit.rwFr;

interface Found {
  /** Writer first, then each transaction that saw the one before, the reader last. */
  chain: number[];
  miss: CausalMiss;
}

/**
 * Searches every cyclic component `comps` of `g` for the causal pattern (see the module header).
 * Returns one anomaly per data-edge component where the pattern occurs, and whether the budget let the
 * search settle every component.
 */
export function causalCycles(g: Graph, comps: readonly Int32Array[], rel: CausalRelation, txns: Txns, budget: number, arena?: Arena): { anomalies: ElleAnomaly[]; complete: boolean } {
  const anomalies: ElleAnomaly[] = [];
  let complete = true;
  if (comps.length === 0) return { anomalies, complete };
  const s = newScratch(g.n, arena);
  const local = new Int32Array(g.n);
  const inComp = new Int32Array(g.n);
  let compTag = 0;
  for (const outer of comps) {
    for (const comp of components(g, DATA_BITS, outer, s, arena)) {
      compTag++;
      const k = comp.length;
      for (let i = 0; i < k; i++) {
        inComp[comp[i]] = compTag;
        local[comp[i]] = i;
      }
      let left = budget;
      // Who each member saw, within the component, as compressed rows of local indices (built once:
      // every reader's search walks them).
      const predAt = new Int32Array(k + 1);
      const preds: number[] = [];
      const mark = new Int32Array(k).fill(-1);
      for (let i = 0; i < k; i++) {
        predAt[i] = preds.length;
        rel.seen(comp[i], (t) => {
          left--;
          if (inComp[t] !== compTag || mark[local[t]] === i) return;
          mark[local[t]] = i;
          preds.push(local[t]);
        });
      }
      predAt[k] = preds.length;
      const seenAt = mark.fill(-1);
      const parent = new Int32Array(k);
      const queue = new Int32Array(k);
      let best: Found | null = null;
      let settled = left >= 0;
      for (let i = 0; i < k && settled; i++) {
        const r = comp[i];
        if (!rel.reads(r)) continue;
        seenAt[i] = i;
        queue[0] = i;
        let head = 0;
        let tail = 1;
        let hit = -1;
        let miss: CausalMiss | null = null;
        while (head < tail && hit < 0 && settled) {
          const v = queue[head++];
          for (let e = predAt[v]; e < predAt[v + 1]; e++) {
            if (--left < 0) {
              settled = false;
              break;
            }
            const u = preds[e];
            if (seenAt[u] === i) continue;
            seenAt[u] = i;
            parent[u] = v;
            miss = rel.missed(r, comp[u]);
            if (miss) {
              hit = u;
              break;
            }
            queue[tail++] = u;
          }
        }
        if (hit < 0 || !miss) continue;
        const chain = [hit];
        while (chain[chain.length - 1] !== i) chain.push(parent[chain[chain.length - 1]]);
        if (!best || chain.length < best.chain.length) best = { chain: chain.map((x) => comp[x]), miss };
        if (best.chain.length === 2) break;
      }
      if (!settled && !best) complete = false;
      if (best) anomalies.push(explain(best, rel, txns, settled, k));
    }
  }
  return { anomalies, complete };
}

function explain(f: Found, rel: CausalRelation, txns: Txns, shortest: boolean, componentSize: number): ElleAnomaly {
  const { chain, miss } = f;
  const name = (i: number): string => `T${(i % chain.length) + 1}`;
  const last = chain.length - 1;
  const steps: CycleStep[] = chain.map((from, i) => {
    if (i === last) return { from, to: chain[0], label: 'rw', why: miss.text(name(last), name(0)) };
    return { from, to: chain[i + 1], label: 'wr', why: rel.explainSeen(from, chain[i + 1], name(i), name(i + 1)) };
  });
  const legend = chain.map((t, i) => `${name(i)} = op ${txns.invokeIndex[t]}`).join(', ');
  const text = steps.map((s) => `${s.why} (${s.label})`).join('; ');
  const via = chain.length === 2 ? `${name(last)} read a write of T1` : `each of ${chain.slice(1).map((_, i) => name(i + 1)).join(', ')} read a write of the one before`;
  return {
    kind: CAUSAL_KIND,
    txns: chain,
    key: miss.key,
    explanation:
      `A ${CAUSAL_KIND} of ${chain.length} transactions (${legend}): ${text}. ` +
      `So T1 causally precedes ${name(last)} (${via}), yet ${name(last)} missed T1's write of ${JSON.stringify(miss.key)}: under transactional causal consistency a transaction sees every write of its causal past.`,
    cycle: { steps, shortest, componentSize },
  };
}
